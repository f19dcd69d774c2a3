import { Injectable } from '@nestjs/common';
import type { DriverStatus, GeoPoint, VehicleType } from '@ecom/contracts';
import type { EntityManager } from 'typeorm';

export interface DriverRow {
  id: string;
  user_id: string;
  status: DriverStatus;
  license_number: string | null;
  vehicle_type: VehicleType;
  vehicle_plate: string | null;
  documents: string[];
  is_online: boolean;
  lat: number | null;
  lng: number | null;
  last_location_at: Date | null;
  current_ride_id: string | null;
  rating_sum: number;
  rating_count: number;
  total_rides: number;
  approved_at: Date | null;
  suspended_reason: string | null;
  created_at: Date;
}

export interface NewDriver {
  id: string;
  userId: string;
  status: DriverStatus;
  licenseNumber: string;
  vehicleType: VehicleType;
  vehiclePlate: string;
  documents: string[];
}

export interface NearbyDriverRow {
  id: string;
  user_id: string;
  vehicle_type: VehicleType;
  lat: number;
  lng: number;
  distance_m: number;
}

/** Who can be offered a ride: the same conditions as the partial GiST index, plus type and freshness. */
export interface AvailabilityFilter {
  vehicleTypes: readonly VehicleType[];
  radiusM: number;
  staleSeconds: number;
}

/** What TypeORM's `query` answers for UPDATE on Postgres: the returned rows and the count. */
type Changed<T> = [T[], number];

const COLUMNS = `id, user_id, status, license_number, vehicle_type, vehicle_plate, documents, is_online, lat, lng,
  last_location_at, current_ride_id, rating_sum, rating_count, total_rides, approved_at, suspended_reason, created_at`;

/** Drivers and their positions: SQL only. */
@Injectable()
export class DriversRepository {
  /** Null when the user is already a driver or the licence is already registered. */
  async insert(manager: EntityManager, driver: NewDriver): Promise<DriverRow | null> {
    const rows = await manager.query<DriverRow[]>(
      `INSERT INTO drivers (id, user_id, status, license_number, vehicle_type, vehicle_plate, documents, approved_at)
       VALUES ($1, $2, $3::varchar, $4, $5, $6, $7, CASE WHEN $3::varchar = 'approved' THEN now() END)
       ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [
        driver.id,
        driver.userId,
        driver.status,
        driver.licenseNumber,
        driver.vehicleType,
        driver.vehiclePlate,
        JSON.stringify(driver.documents),
      ],
    );

    return rows[0] ?? null;
  }

  async findByUser(manager: EntityManager, userId: string): Promise<DriverRow | null> {
    const rows = await manager.query<DriverRow[]>(`SELECT ${COLUMNS} FROM drivers WHERE user_id = $1`, [
      userId,
    ]);

    return rows[0] ?? null;
  }

  async findById(manager: EntityManager, id: string): Promise<DriverRow | null> {
    const rows = await manager.query<DriverRow[]>(`SELECT ${COLUMNS} FROM drivers WHERE id = $1`, [id]);

    return rows[0] ?? null;
  }

  async findByIds(manager: EntityManager, ids: string[]): Promise<DriverRow[]> {
    if (ids.length === 0) return [];

    return manager.query<DriverRow[]>(`SELECT ${COLUMNS} FROM drivers WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Online or offline; a position given with it is recorded at once (no rate limit on this switch). */
  async setOnline(
    manager: EntityManager,
    userId: string,
    online: boolean,
    position: GeoPoint | null,
  ): Promise<DriverRow | null> {
    const [rows] = await manager.query<Changed<DriverRow>>(
      `UPDATE drivers SET is_online = $2, updated_at = now(),
              lat = coalesce($3, lat), lng = coalesce($4, lng),
              location = CASE WHEN $3::float8 IS NULL THEN location ELSE ll_to_earth($3, $4) END,
              last_location_at = CASE WHEN $3::float8 IS NULL THEN last_location_at ELSE now() END
       WHERE user_id = $1 AND status = 'approved' RETURNING ${COLUMNS}`,
      [userId, online, position?.lat ?? null, position?.lng ?? null],
    );

    return rows[0] ?? null;
  }

  async takeOffline(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      'UPDATE drivers SET is_online = false, updated_at = now() WHERE user_id = $1 AND is_online',
      [userId],
    );
  }

  /**
   * Records a position unless the previous one is younger than `minIntervalMs`: the rate limit lives in
   * the row, so it holds across replicas. Null when refused (or no approved driver).
   */
  async updateLocation(
    manager: EntityManager,
    userId: string,
    position: GeoPoint,
    minIntervalMs: number,
  ): Promise<DriverRow | null> {
    const [rows] = await manager.query<Changed<DriverRow>>(
      `UPDATE drivers SET lat = $2, lng = $3, location = ll_to_earth($2, $3), last_location_at = now(),
              updated_at = now()
       WHERE user_id = $1 AND status = 'approved'
         AND (last_location_at IS NULL OR last_location_at <= now() - make_interval(secs => $4::float8 / 1000))
       RETURNING ${COLUMNS}`,
      [userId, position.lat, position.lng, minIntervalMs],
    );

    return rows[0] ?? null;
  }

  /**
   * Available drivers around a point, nearest first: a KNN walk of the partial GiST index (only drivers
   * who can be offered a ride are in it) that stops at the `limit`-th match, then the radius. Bounding
   * the walk by the limit rather than by a box keeps it short where drivers are dense; a stale position
   * counts as offline.
   */
  nearby(
    manager: EntityManager,
    point: GeoPoint,
    filter: AvailabilityFilter,
    limit: number,
  ): Promise<NearbyDriverRow[]> {
    return manager.query<NearbyDriverRow[]>(
      `SELECT * FROM (
         SELECT id, user_id, vehicle_type, lat, lng, earth_distance(location, ll_to_earth($1, $2)) AS distance_m
         FROM drivers
         WHERE is_online AND status = 'approved' AND current_ride_id IS NULL
           AND vehicle_type = ANY($3::varchar[])
           AND last_location_at > now() - make_interval(secs => $5)
         ORDER BY location <-> ll_to_earth($1, $2)
         LIMIT $6
       ) nearest
       WHERE distance_m <= $4 ORDER BY distance_m`,
      [point.lat, point.lng, filter.vehicleTypes, filter.radiusM, filter.staleSeconds, limit],
    );
  }

  /** Takes the driver for a ride if approved, online and free; null otherwise (nothing changed). */
  async claim(manager: EntityManager, userId: string, rideId: string): Promise<DriverRow | null> {
    const [rows] = await manager.query<Changed<DriverRow>>(
      `UPDATE drivers SET current_ride_id = $2, updated_at = now()
       WHERE user_id = $1 AND status = 'approved' AND is_online AND current_ride_id IS NULL
       RETURNING ${COLUMNS}`,
      [userId, rideId],
    );

    return rows[0] ?? null;
  }

  /** Frees the driver of a ride that ended; a completed ride counts in their total. */
  async release(manager: EntityManager, driverId: string, rideId: string, completed: boolean): Promise<void> {
    await manager.query(
      `UPDATE drivers SET current_ride_id = NULL, total_rides = total_rides + CASE WHEN $3 THEN 1 ELSE 0 END,
              updated_at = now()
       WHERE id = $1 AND current_ride_id = $2`,
      [driverId, rideId, completed],
    );
  }

  /** Approves or suspends; null when the driver is already in that state or does not exist. */
  async setStatus(
    manager: EntityManager,
    driverId: string,
    status: 'approved' | 'suspended',
    reason: string | null,
  ): Promise<DriverRow | null> {
    const [rows] = await manager.query<Changed<DriverRow>>(
      `UPDATE drivers SET status = $2::varchar, updated_at = now(), suspended_reason = $3,
              approved_at = CASE WHEN $2::varchar = 'approved' THEN now() ELSE approved_at END,
              is_online = is_online AND $2::varchar = 'approved'
       WHERE id = $1 AND status <> $2::varchar RETURNING ${COLUMNS}`,
      [driverId, status, reason],
    );

    return rows[0] ?? null;
  }

  async addRating(manager: EntityManager, userId: string, rating: number): Promise<void> {
    await manager.query(
      `UPDATE drivers SET rating_sum = rating_sum + $2, rating_count = rating_count + 1, updated_at = now()
       WHERE user_id = $1`,
      [userId, rating],
    );
  }

  /** One page of every driver, newest first, optionally of one status; `limit + 1` rows tell if more follow. */
  page(
    manager: EntityManager,
    status: DriverStatus | undefined,
    after: { created_at: string; id: string } | null,
    limit: number,
  ): Promise<DriverRow[]> {
    return manager.query<DriverRow[]>(
      `SELECT ${COLUMNS} FROM drivers
       WHERE ($1::varchar IS NULL OR status = $1)
         AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $4`,
      [status ?? null, after?.created_at ?? null, after?.id ?? null, limit + 1],
    );
  }

  /** RGPD: the driver's identity documents and position go; the row stays for the rides that name it. */
  async erase(manager: EntityManager, userId: string): Promise<number> {
    const [, count] = await manager.query<Changed<unknown>>(
      `UPDATE drivers SET license_number = NULL, vehicle_plate = NULL, documents = '[]', lat = NULL, lng = NULL,
              location = NULL, last_location_at = NULL, is_online = false, status = 'suspended',
              suspended_reason = 'erased', erased_at = now(), updated_at = now()
       WHERE user_id = $1 AND erased_at IS NULL`,
      [userId],
    );

    return count;
  }
}
