import { Injectable } from '@nestjs/common';
import type {
  GeoPoint,
  RidePaymentMethod,
  RidePaymentStatus,
  RideStatus,
  ServiceType,
} from '@ecom/contracts';
import type { EntityManager } from 'typeorm';

export interface RideRow {
  id: string;
  customer_id: string;
  driver_id: string | null;
  service_type: ServiceType;
  status: RideStatus;
  pickup_lat: number | null;
  pickup_lng: number | null;
  pickup_address: string | null;
  destination_lat: number | null;
  destination_lng: number | null;
  destination_address: string | null;
  distance_m: number;
  duration_s: number;
  search_radius_m: number;
  quoted_fare: number;
  final_fare: number | null;
  travelled_m: number;
  last_lat: number | null;
  last_lng: number | null;
  commission_amount: number | null;
  cancellation_fee: number;
  currency: 'XOF';
  payment_method: RidePaymentMethod;
  payment_status: RidePaymentStatus;
  payment_intent_id: string | null;
  payment_error: string | null;
  cancelled_by: 'customer' | 'driver' | 'system' | null;
  cancel_reason: string | null;
  requested_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  arrived_at: Date | null;
  started_at: Date | null;
  completed_at: Date | null;
  cancelled_at: Date | null;
}

export interface NewRide {
  id: string;
  customerId: string;
  serviceType: ServiceType;
  pickup: GeoPoint & { address: string | null };
  destination: GeoPoint & { address: string | null };
  distanceM: number;
  durationS: number;
  searchRadiusM: number;
  quotedFare: number;
  paymentMethod: RidePaymentMethod;
  paymentStatus: RidePaymentStatus;
  paymentIntentId: string | null;
  timeoutSeconds: number;
}

export interface TimelineRow {
  status: RideStatus;
  actor: 'customer' | 'driver' | 'system';
  lat: number | null;
  lng: number | null;
  note: string | null;
  at: Date;
}

export interface PendingRideRow extends RideRow {
  distance_to_pickup_m: number;
}

export const ACTIVE_STATUSES: readonly RideStatus[] = ['accepted', 'driver_arrived', 'in_progress'];

type Changed<T> = [T[], number];

const COLUMNS = `id, customer_id, driver_id, service_type, status, pickup_lat, pickup_lng, pickup_address,
  destination_lat, destination_lng, destination_address, distance_m, duration_s, search_radius_m, quoted_fare,
  final_fare, travelled_m, last_lat, last_lng, commission_amount, cancellation_fee, currency, payment_method,
  payment_status, payment_intent_id, payment_error, cancelled_by, cancel_reason, requested_at, expires_at,
  accepted_at, arrived_at, started_at, completed_at, cancelled_at`;

/** Rides, their timeline and ratings: SQL only. Every change of status is conditional on the current one. */
@Injectable()
export class RidesRepository {
  /** Null when the customer already has a ride open (the partial unique index says so). */
  async insert(manager: EntityManager, ride: NewRide): Promise<RideRow | null> {
    const rows = await manager.query<RideRow[]>(
      `INSERT INTO rides (id, customer_id, service_type, pickup_lat, pickup_lng, pickup_address, destination_lat,
                          destination_lng, destination_address, distance_m, duration_s, search_radius_m,
                          quoted_fare, payment_method, payment_status, payment_intent_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
               now() + make_interval(secs => $17))
       ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [
        ride.id,
        ride.customerId,
        ride.serviceType,
        ride.pickup.lat,
        ride.pickup.lng,
        ride.pickup.address,
        ride.destination.lat,
        ride.destination.lng,
        ride.destination.address,
        ride.distanceM,
        ride.durationS,
        ride.searchRadiusM,
        ride.quotedFare,
        ride.paymentMethod,
        ride.paymentStatus,
        ride.paymentIntentId,
        ride.timeoutSeconds,
      ],
    );

    return rows[0] ?? null;
  }

  async findById(manager: EntityManager, id: string): Promise<RideRow | null> {
    const rows = await manager.query<RideRow[]>(`SELECT ${COLUMNS} FROM rides WHERE id = $1`, [id]);

    return rows[0] ?? null;
  }

  async findOpenByCustomer(manager: EntityManager, customerId: string): Promise<RideRow | null> {
    const rows = await manager.query<RideRow[]>(
      `SELECT ${COLUMNS} FROM rides
       WHERE customer_id = $1 AND status IN ('requested', 'accepted', 'driver_arrived', 'in_progress')`,
      [customerId],
    );

    return rows[0] ?? null;
  }

  /** First wins: the ride goes to this driver only if it is still requested and fits their vehicle. */
  async accept(
    manager: EntityManager,
    rideId: string,
    driverId: string,
    serviceTypes: readonly ServiceType[],
    position: GeoPoint | null,
  ): Promise<RideRow | null> {
    const [rows] = await manager.query<Changed<RideRow>>(
      `UPDATE rides SET driver_id = $2, status = 'accepted', accepted_at = now(), updated_at = now(),
              last_lat = $4, last_lng = $5
       WHERE id = $1 AND status = 'requested' AND expires_at > now() AND service_type = ANY($3::varchar[])
       RETURNING ${COLUMNS}`,
      [rideId, driverId, serviceTypes, position?.lat ?? null, position?.lng ?? null],
    );

    return rows[0] ?? null;
  }

  /** The driver marks arrival or the start: from one status to the next, for their own ride only. */
  async advance(
    manager: EntityManager,
    rideId: string,
    driverId: string,
    from: readonly RideStatus[],
    to: 'driver_arrived' | 'in_progress',
    position: GeoPoint | null,
  ): Promise<RideRow | null> {
    const stamp = to === 'driver_arrived' ? 'arrived_at' : 'started_at';
    const [rows] = await manager.query<Changed<RideRow>>(
      `UPDATE rides SET status = $4::varchar, ${stamp} = now(), updated_at = now(),
              last_lat = coalesce($5, last_lat), last_lng = coalesce($6, last_lng)
       WHERE id = $1 AND driver_id = $2 AND status = ANY($3::varchar[]) RETURNING ${COLUMNS}`,
      [rideId, driverId, from, to, position?.lat ?? null, position?.lng ?? null],
    );

    return rows[0] ?? null;
  }

  /** Adds the leg since the last known position to the distance travelled, while the trip is under way. */
  async track(manager: EntityManager, rideId: string, position: GeoPoint): Promise<RideRow | null> {
    const [rows] = await manager.query<Changed<RideRow>>(
      `UPDATE rides SET
              travelled_m = travelled_m + CASE WHEN status = 'in_progress' AND last_lat IS NOT NULL
                THEN earth_distance(ll_to_earth(last_lat, last_lng), ll_to_earth($2, $3)) ELSE 0 END,
              last_lat = $2, last_lng = $3
       WHERE id = $1 AND status IN ('accepted', 'driver_arrived', 'in_progress') RETURNING ${COLUMNS}`,
      [rideId, position.lat, position.lng],
    );

    return rows[0] ?? null;
  }

  async complete(
    manager: EntityManager,
    rideId: string,
    driverId: string,
    finalFare: number,
    commission: number,
    position: GeoPoint | null,
  ): Promise<RideRow | null> {
    const [rows] = await manager.query<Changed<RideRow>>(
      `UPDATE rides SET status = 'completed', completed_at = now(), updated_at = now(), final_fare = $3,
              commission_amount = $4, payment_status = 'pending',
              travelled_m = travelled_m + CASE WHEN $5::float8 IS NOT NULL AND last_lat IS NOT NULL
                THEN earth_distance(ll_to_earth(last_lat, last_lng), ll_to_earth($5, $6)) ELSE 0 END,
              last_lat = coalesce($5, last_lat), last_lng = coalesce($6, last_lng)
       WHERE id = $1 AND driver_id = $2 AND status = 'in_progress' RETURNING ${COLUMNS}`,
      [rideId, driverId, finalFare, commission, position?.lat ?? null, position?.lng ?? null],
    );

    return rows[0] ?? null;
  }

  /**
   * Cancels a ride still in one of `from`: the one cancellation that happens. A fee turns the release of
   * the hold into a capture of the fee (`pending`); otherwise the hold is released (`releasing`).
   */
  async cancel(
    manager: EntityManager,
    rideId: string,
    from: readonly RideStatus[],
    by: 'customer' | 'driver' | 'system',
    reason: string,
    fee: { amount: number; commission: number },
  ): Promise<RideRow | null> {
    const [rows] = await manager.query<Changed<RideRow>>(
      `UPDATE rides SET status = 'cancelled', cancelled_at = now(), updated_at = now(), cancelled_by = $3,
              cancel_reason = $4, cancellation_fee = $5,
              final_fare = CASE WHEN $5::int > 0 THEN $5::int END,
              commission_amount = CASE WHEN $5::int > 0 THEN $6::int END,
              payment_status = CASE WHEN $5::int > 0 THEN 'pending' ELSE 'releasing' END
       WHERE id = $1 AND status = ANY($2::varchar[]) RETURNING ${COLUMNS}`,
      [rideId, from, by, reason, fee.amount, fee.commission],
    );

    return rows[0] ?? null;
  }

  /** Requests whose time is up, locked for this sweep only (replicas skip each other's). */
  expiring(manager: EntityManager, now: Date, limit: number): Promise<{ id: string }[]> {
    return manager.query<{ id: string }[]>(
      `SELECT id FROM rides WHERE status = 'requested' AND expires_at <= $1
       ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
  }

  /** Rides whose capture or release has not been confirmed yet, oldest first. */
  unsettled(manager: EntityManager, olderThan: Date, limit: number): Promise<RideRow[]> {
    return manager.query<RideRow[]>(
      `SELECT ${COLUMNS} FROM rides WHERE payment_status IN ('pending', 'releasing') AND updated_at <= $1
       ORDER BY updated_at LIMIT $2`,
      [olderThan, limit],
    );
  }

  /** Records the outcome of a settlement, unless another one recorded it first. */
  async settle(
    manager: EntityManager,
    rideId: string,
    from: RidePaymentStatus,
    to: RidePaymentStatus,
    error: string | null,
  ): Promise<boolean> {
    const [rows] = await manager.query<Changed<{ id: string }>>(
      `UPDATE rides SET payment_status = $3, payment_error = $4, payment_attempts = payment_attempts + 1,
              updated_at = now()
       WHERE id = $1 AND payment_status = $2 RETURNING id`,
      [rideId, from, to, error],
    );

    return rows.length > 0;
  }

  async noteAttempt(manager: EntityManager, rideId: string, error: string): Promise<void> {
    await manager.query(
      'UPDATE rides SET payment_error = $2, payment_attempts = payment_attempts + 1, updated_at = now() WHERE id = $1',
      [rideId, error],
    );
  }

  /** Requested rides whose search circle holds the point, nearest pickup first. */
  pendingNear(
    manager: EntityManager,
    point: GeoPoint,
    serviceTypes: readonly ServiceType[],
    maxRadiusM: number,
    limit: number,
  ): Promise<PendingRideRow[]> {
    return manager.query<PendingRideRow[]>(
      `SELECT ${COLUMNS}, d AS distance_to_pickup_m FROM (
         SELECT *, earth_distance(ll_to_earth(pickup_lat, pickup_lng), ll_to_earth($1, $2)) AS d FROM rides
         WHERE status = 'requested' AND expires_at > now() AND service_type = ANY($3::varchar[])
           AND earth_box(ll_to_earth($1, $2), $4) @> ll_to_earth(pickup_lat, pickup_lng)
       ) near
       WHERE d <= search_radius_m ORDER BY d LIMIT $5`,
      [point.lat, point.lng, serviceTypes, maxRadiusM, limit],
    );
  }

  /** The caller's rides as customer or as driver, newest first; `limit + 1` rows tell if more follow. */
  pageOfUser(
    manager: EntityManager,
    userId: string,
    after: { created_at: string; id: string } | null,
    limit: number,
  ): Promise<RideRow[]> {
    return manager.query<RideRow[]>(
      `SELECT ${COLUMNS} FROM rides
       WHERE (customer_id = $1 OR driver_id = (SELECT id FROM drivers WHERE user_id = $1))
         AND ($2::timestamptz IS NULL OR (requested_at, id) < ($2::timestamptz, $3::uuid))
       ORDER BY requested_at DESC, id DESC LIMIT $4`,
      [userId, after?.created_at ?? null, after?.id ?? null, limit + 1],
    );
  }

  async addTimeline(
    manager: EntityManager,
    rideId: string,
    status: RideStatus,
    actor: 'customer' | 'driver' | 'system',
    position: GeoPoint | null,
    note: string | null = null,
  ): Promise<void> {
    await manager.query(
      'INSERT INTO ride_timeline (ride_id, status, actor, lat, lng, note) VALUES ($1, $2, $3, $4, $5, $6)',
      [rideId, status, actor, position?.lat ?? null, position?.lng ?? null, note],
    );
  }

  timeline(manager: EntityManager, rideId: string): Promise<TimelineRow[]> {
    return manager.query<TimelineRow[]>(
      'SELECT status, actor, lat, lng, note, at FROM ride_timeline WHERE ride_id = $1 ORDER BY id',
      [rideId],
    );
  }

  /** RGPD: positions and addresses of the user's rides (as customer or driver) go; the rides stay. */
  async anonymise(manager: EntityManager, userId: string): Promise<number> {
    const [rides, count] = await manager.query<Changed<{ id: string }>>(
      `UPDATE rides SET pickup_lat = NULL, pickup_lng = NULL, pickup_address = NULL, destination_lat = NULL,
              destination_lng = NULL, destination_address = NULL, last_lat = NULL, last_lng = NULL,
              updated_at = now()
       WHERE (customer_id = $1 OR driver_id = (SELECT id FROM drivers WHERE user_id = $1))
         AND status IN ('completed', 'cancelled')
       RETURNING id`,
      [userId],
    );
    await manager.query(
      'UPDATE ride_timeline SET lat = NULL, lng = NULL, note = NULL WHERE ride_id = ANY($1::uuid[])',
      [rides.map((ride) => ride.id)],
    );

    return count;
  }
}
