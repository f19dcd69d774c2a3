import type { GeoPoint } from '../geo';
import type { Currency } from '../money';

/** Domain events of the transport service, relayed from its outbox to JetStream. */
export const TRANSPORT_EVENTS = {
  rideRequested: 'transport.ride.requested',
  rideAccepted: 'transport.ride.accepted',
  driverArrived: 'transport.ride.driver_arrived',
  rideStarted: 'transport.ride.started',
  rideCompleted: 'transport.ride.completed',
  rideCancelled: 'transport.ride.cancelled',
  driverApproved: 'transport.driver.approved',
  driverSuspended: 'transport.driver.suspended',
} as const;

export const SERVICE_TYPES = ['taxi', 'moto', 'lux', 'driver', 'delivery'] as const;

export type ServiceType = (typeof SERVICE_TYPES)[number];

export const RIDE_STATUSES = [
  'requested',
  'accepted',
  'driver_arrived',
  'in_progress',
  'completed',
  'cancelled',
] as const;

export type RideStatus = (typeof RIDE_STATUSES)[number];

/** `transport.ride.*`: notification pushes to the rider and the driver; analytics counts. */
export interface RideEvent {
  ride_id: string;
  status: RideStatus;
  service_type: ServiceType;
  customer_id: string;
  /** The driver's user id, once a driver accepted. */
  driver_user_id: string | null;
  driver_id: string | null;
  pickup: GeoPoint & { address: string | null };
  destination: GeoPoint & { address: string | null };
  fare: number;
  currency: Currency;
  payment_method: 'wallet' | 'cash';
  /** `cancelled`: `no_driver`, `customer`, `driver`, … */
  reason: string | null;
}

/**
 * Live updates of one ride for the rider's Server-Sent Events stream: core NATS (not JetStream), because a
 * position is stale a second later and nothing is lost by missing one. Status changes are also events.
 */
export function rideLiveSubject(rideId: string): string {
  return `transport.live.ride.${rideId}`;
}

export interface RideLiveUpdate {
  ride_id: string;
  kind: 'status' | 'position';
  status: RideStatus;
  position: GeoPoint | null;
  at: string;
}
