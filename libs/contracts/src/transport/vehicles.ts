import type { ServiceType } from './events';

/** What a driver registers with (seed 002). */
export const VEHICLE_TYPES = ['taxi', 'moto', 'car', 'van'] as const;

export type VehicleType = (typeof VEHICLE_TYPES)[number];

/**
 * Which vehicles may serve each service type. `lux` needs a private car; `driver` is a chauffeur who
 * drives the customer's own car, so whatever brought them there will do; `delivery` goes by moto or van.
 */
export const SERVICE_VEHICLE_TYPES: Readonly<Record<ServiceType, readonly VehicleType[]>> = {
  taxi: ['taxi'],
  moto: ['moto'],
  lux: ['car'],
  driver: ['taxi', 'moto', 'car'],
  delivery: ['moto', 'van'],
};

/** The service types a vehicle may serve: the inverse of SERVICE_VEHICLE_TYPES. */
export function serviceTypesOf(vehicle: VehicleType): ServiceType[] {
  return (Object.keys(SERVICE_VEHICLE_TYPES) as ServiceType[]).filter((service) =>
    SERVICE_VEHICLE_TYPES[service].includes(vehicle),
  );
}

export const DRIVER_STATUSES = ['pending_approval', 'approved', 'suspended'] as const;

export type DriverStatus = (typeof DRIVER_STATUSES)[number];
