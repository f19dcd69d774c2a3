import { randomUUID } from 'node:crypto';

import { TRANSPORT_SUBJECTS, type Caller, type DriverView, type VehicleType } from '@ecom/contracts';
import type { RequestContext } from '@ecom/platform';
import type { TestBus } from '@ecom/testing';

/** A position as a plain object, to spread into request bodies. */
export interface Point {
  lat: number;
  lng: number;
}

export const LOME: Point = { lat: 6.1319, lng: 1.2228 };

/** A point `north` and `east` metres from `from` (small distances: a flat earth is exact enough). */
export function offset(from: Point, north: number, east = 0): Point {
  return {
    lat: from.lat + north / 111_320,
    lng: from.lng + east / (111_320 * Math.cos((from.lat * Math.PI) / 180)),
  };
}

/** Each test works in its own town, 50 km from the others: no test sees another's drivers. */
let towns = 0;
export function newTown(): Point {
  towns += 1;

  return offset(LOME, towns * 50_000);
}

export function client(): Caller {
  return { user_id: randomUUID(), roles: ['client'] };
}

export function driverCaller(): Caller {
  return { user_id: randomUUID(), roles: ['driver'] };
}

export const ADMIN: Caller = { user_id: randomUUID(), roles: ['admin'] };

export function caller(bus: TestBus) {
  return <T>(subject: string, data: unknown, who?: Caller): Promise<T> => {
    const requestId = randomUUID();
    const context: RequestContext = { requestId, correlationId: requestId, caller: who };

    return bus.client.request<T>(subject, data, { context, timeoutMs: 10_000 });
  };
}

export type Call = ReturnType<typeof caller>;

let licences = 0;

/** Registers, approves and brings online a driver at `at`. */
export async function onlineDriver(
  call: Call,
  at: Point,
  vehicle: VehicleType = 'taxi',
): Promise<{ caller: Caller; driver: DriverView }> {
  const who = driverCaller();
  licences += 1;
  const registered = await call<DriverView>(
    TRANSPORT_SUBJECTS.registerDriver,
    {
      license_number: `TG-${Date.now()}-${licences}`,
      vehicle_type: vehicle,
      vehicle_plate: `TG ${licences} AB`,
    },
    who,
  );
  await call(TRANSPORT_SUBJECTS.approveDriver, { driver_id: registered.id }, ADMIN);
  const driver = await call<DriverView>(
    TRANSPORT_SUBJECTS.setDriverStatus,
    { is_online: true, location: at },
    who,
  );

  return { caller: who, driver };
}

export function rideRequest(
  pickup: Point,
  destination: Point,
  paymentMethod: 'wallet' | 'cash' = 'wallet',
  serviceType = 'taxi',
): Record<string, unknown> {
  return {
    pickup: { ...pickup, address: 'Grand Marché, Lomé' },
    destination: { ...destination, address: 'Université de Lomé' },
    service_type: serviceType,
    payment_method: paymentMethod,
  };
}
