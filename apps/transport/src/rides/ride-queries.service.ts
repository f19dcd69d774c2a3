import { Injectable } from '@nestjs/common';
import type { Caller, RidePage, RidePageRequest, RideView } from '@ecom/contracts';
import { decodeCursor, DomainError, pageOf } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { DriversRepository } from '../drivers/drivers.repository';
import { RatingsRepository, type RatingRow } from '../ratings/ratings.repository';
import { toRideView, type RideRatings } from './ride-views';
import { RidesRepository } from './rides.repository';

const DEFAULT_PAGE = 20;

function ratingsOf(rows: RatingRow[], rideId: string): RideRatings {
  const of = (rater: 'customer' | 'driver'): number | null =>
    rows.find((row) => row.ride_id === rideId && row.rater === rater)?.rating ?? null;

  return { customer: of('customer'), driver: of('driver') };
}

/** Rides as their customer, their driver or an admin read them. */
@Injectable()
export class RideQueriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rides: RidesRepository,
    private readonly drivers: DriversRepository,
    private readonly ratings: RatingsRepository,
  ) {}

  /** One ride with its timeline; someone else's ride answers like a missing one. */
  async get(caller: Caller, rideId: string): Promise<RideView> {
    const manager = this.dataSource.manager;
    const row = await this.rides.findById(manager, rideId);
    if (!row) throw new DomainError('RIDE_NOT_FOUND');
    const driver = row.driver_id ? await this.drivers.findById(manager, row.driver_id) : null;
    const mine = row.customer_id === caller.user_id || driver?.user_id === caller.user_id;
    if (!mine && !caller.roles.includes('admin')) throw new DomainError('RIDE_NOT_FOUND');
    const [timeline, ratings] = await Promise.all([
      this.rides.timeline(manager, row.id),
      this.ratings.forRides(manager, [row.id]),
    ]);

    return toRideView(row, driver, ratingsOf(ratings, row.id), timeline);
  }

  async list(caller: Caller, request: RidePageRequest): Promise<RidePage> {
    const manager = this.dataSource.manager;
    const limit = request.limit ?? DEFAULT_PAGE;
    const after = request.cursor ? decodeCursor(request.cursor) : null;
    const { rows, next } = pageOf(
      await this.rides.pageOfUser(manager, caller.user_id, after, limit),
      limit,
      (row) => row.requested_at,
    );
    const driverIds = [...new Set(rows.flatMap((row) => (row.driver_id ? [row.driver_id] : [])))];
    const [drivers, ratings] = await Promise.all([
      this.drivers.findByIds(manager, driverIds),
      this.ratings.forRides(
        manager,
        rows.map((row) => row.id),
      ),
    ]);

    return {
      items: rows.map((row) =>
        toRideView(
          row,
          drivers.find((driver) => driver.id === row.driver_id) ?? null,
          ratingsOf(ratings, row.id),
        ),
      ),
      next_cursor: next,
    };
  }
}
