import type {
  DriverView,
  GeoPoint,
  PendingRideView,
  RideDriverView,
  RideTimelineEntry,
  RideView,
} from '@ecom/contracts';

import type { DriverRow } from '../drivers/drivers.repository';
import { ACTIVE_STATUSES, type PendingRideRow, type RideRow, type TimelineRow } from './rides.repository';

function point(lat: number | null, lng: number | null): GeoPoint | null {
  return lat === null || lng === null ? null : { lat, lng };
}

/** An anonymised ride (RGPD) has no positions left: it shows 0,0 with no address. */
function place(lat: number | null, lng: number | null, address: string | null): RideView['pickup'] {
  return { lat: lat ?? 0, lng: lng ?? 0, address };
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/** Where the service last had the driver, if anywhere. */
export function driverPosition(driver: DriverRow): GeoPoint | null {
  return point(driver.lat, driver.lng);
}

export function averageRating(sum: number, count: number): number | null {
  return count === 0 ? null : Math.round((sum / count) * 100) / 100;
}

export function toDriverView(row: DriverRow): DriverView {
  return {
    id: row.id,
    user_id: row.user_id,
    status: row.status,
    license_number: row.license_number ?? '',
    vehicle_type: row.vehicle_type,
    vehicle_plate: row.vehicle_plate ?? '',
    documents: row.documents,
    is_online: row.is_online,
    location: point(row.lat, row.lng),
    last_location_at: iso(row.last_location_at),
    rating: averageRating(row.rating_sum, row.rating_count),
    ratings_count: row.rating_count,
    total_rides: row.total_rides,
    current_ride_id: row.current_ride_id,
    approved_at: iso(row.approved_at),
    suspended_reason: row.suspended_reason,
    created_at: row.created_at.toISOString(),
  };
}

/** The driver's position is shown only while the ride is under way: afterwards it is none of the rider's business. */
function toRideDriver(row: DriverRow, underWay: boolean): RideDriverView {
  return {
    driver_id: row.id,
    user_id: row.user_id,
    vehicle_type: row.vehicle_type,
    vehicle_plate: row.vehicle_plate ?? '',
    rating: averageRating(row.rating_sum, row.rating_count),
    position: underWay ? point(row.lat, row.lng) : null,
  };
}

export interface RideRatings {
  customer: number | null;
  driver: number | null;
}

export function toRideView(
  row: RideRow,
  driver: DriverRow | null,
  ratings: RideRatings = { customer: null, driver: null },
  timeline?: TimelineRow[],
): RideView {
  return {
    id: row.id,
    status: row.status,
    service_type: row.service_type,
    customer_id: row.customer_id,
    driver: driver ? toRideDriver(driver, ACTIVE_STATUSES.includes(row.status)) : null,
    pickup: place(row.pickup_lat, row.pickup_lng, row.pickup_address),
    destination: place(row.destination_lat, row.destination_lng, row.destination_address),
    distance_km: Math.round(row.distance_m / 10) / 100,
    estimated_duration: Math.max(1, Math.round(row.duration_s / 60)),
    fare: row.final_fare ?? row.quoted_fare,
    quoted_fare: row.quoted_fare,
    currency: row.currency,
    payment_method: row.payment_method,
    payment_status: row.payment_status,
    payment_intent_id: row.payment_intent_id,
    payment_error:
      row.payment_status === 'paid' || row.payment_status === 'released' ? null : row.payment_error,
    commission_amount: row.commission_amount,
    cancellation_fee: row.cancellation_fee,
    cancelled_by: row.cancelled_by,
    cancel_reason: row.cancel_reason,
    customer_rating: ratings.customer,
    driver_rating: ratings.driver,
    requested_at: row.requested_at.toISOString(),
    expires_at: row.expires_at.toISOString(),
    accepted_at: iso(row.accepted_at),
    arrived_at: iso(row.arrived_at),
    started_at: iso(row.started_at),
    completed_at: iso(row.completed_at),
    cancelled_at: iso(row.cancelled_at),
    ...(timeline ? { timeline: timeline.map(toTimelineEntry) } : {}),
  };
}

function toTimelineEntry(row: TimelineRow): RideTimelineEntry {
  return {
    status: row.status,
    actor: row.actor,
    position: point(row.lat, row.lng),
    note: row.note,
    at: row.at.toISOString(),
  };
}

export function toPendingRideView(row: PendingRideRow): PendingRideView {
  return {
    id: row.id,
    service_type: row.service_type,
    pickup: place(row.pickup_lat, row.pickup_lng, row.pickup_address),
    destination: place(row.destination_lat, row.destination_lng, row.destination_address),
    distance_to_pickup_m: Math.round(row.distance_to_pickup_m),
    distance_km: Math.round(row.distance_m / 10) / 100,
    fare: row.quoted_fare,
    currency: row.currency,
    payment_method: row.payment_method,
    requested_at: row.requested_at.toISOString(),
    expires_at: row.expires_at.toISOString(),
  };
}
