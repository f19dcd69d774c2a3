import { DomainError } from '@ecom/platform';
import { SERVICE_TYPES, type GeoPoint, type ServiceType } from '@ecom/contracts';

/** One service type's prices, integer XOF. */
export interface FareRates {
  base: number;
  perKm: number;
  perMinute: number;
  minimum: number;
}

export type FareSchedule = Readonly<Record<ServiceType, FareRates>>;

/** `[base, per_km, per_minute, minimum]` as the configuration lists them. */
export function fareRates([base = 0, perKm = 0, perMinute = 0, minimum = 0]: number[]): FareRates {
  return { base, perKm, perMinute, minimum };
}

/**
 * The fare of a trip: base + distance + time, rounded up to the next 25 XOF (the smallest coin in
 * common use), never below the minimum. Integer arithmetic on metres and seconds: no float reaches money
 * except through one final rounding.
 */
export function fareFor(rates: FareRates, distanceM: number, durationS: number): number {
  const raw = rates.base + (rates.perKm * distanceM) / 1000 + (rates.perMinute * durationS) / 60;
  const rounded = Math.ceil(raw / 25) * 25;

  return Math.max(rates.minimum, rounded);
}

/**
 * What a completed trip is charged: the quote, unless the fare of the trip actually made differs from it
 * by more than `marginPercent` (a detour, a long wait, a shortcut), in which case the trip's own fare.
 */
export function chargedFare(quoted: number, actual: number, marginPercent: number): number {
  return Math.abs(actual - quoted) * 100 > quoted * marginPercent ? actual : quoted;
}

/** The platform's commission on a fare, rounded down: the driver is never short-changed by rounding. */
export function commissionOf(fare: number, percent: number): number {
  return Math.floor((fare * percent) / 100);
}

export function serviceTypeOf(value: string): ServiceType {
  if (!(SERVICE_TYPES as readonly string[]).includes(value)) {
    throw new DomainError('RIDE_SERVICE_TYPE_UNKNOWN', `Service type ${value} is not offered`, {
      service_types: SERVICE_TYPES,
    });
  }

  return value as ServiceType;
}

/** Checks a point is on the globe; `field` names it in the problem. */
export function checkCoordinates(point: GeoPoint, field: string): GeoPoint {
  const errors = [
    ...(point.lat < -90 || point.lat > 90
      ? [{ field: `${field}.lat`, message: 'must be within -90..90' }]
      : []),
    ...(point.lng < -180 || point.lng > 180
      ? [{ field: `${field}.lng`, message: 'must be within -180..180' }]
      : []),
  ];
  if (errors.length > 0) {
    throw new DomainError(
      'COORDINATES_INVALID',
      errors.map((e) => `${e.field} ${e.message}`).join('; '),
      undefined,
      errors,
    );
  }

  return { lat: point.lat, lng: point.lng };
}

const EARTH_RADIUS_M = 6_371_000;

/** Great-circle distance in metres (haversine). */
export function greatCircleM(from: GeoPoint, to: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (to.lat - from.lat) * rad;
  const dLng = (to.lng - from.lng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(from.lat * rad) * Math.cos(to.lat * rad) * Math.sin(dLng / 2) ** 2;

  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
