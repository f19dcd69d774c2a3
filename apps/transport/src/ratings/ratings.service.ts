import { Injectable } from '@nestjs/common';
import type { Caller, RateRideRequest, RatingView } from '@ecom/contracts';
import { DomainError, inTransaction } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { DriversRepository } from '../drivers/drivers.repository';
import { RidesRepository } from '../rides/rides.repository';
import { RatingsRepository } from './ratings.repository';

/** The customer rates the driver and the driver rates the customer, once each per completed ride. */
@Injectable()
export class RatingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rides: RidesRepository,
    private readonly drivers: DriversRepository,
    private readonly ratings: RatingsRepository,
  ) {}

  rate(caller: Caller, request: RateRideRequest): Promise<RatingView> {
    return inTransaction(this.dataSource, async (manager) => {
      const ride = await this.rides.findById(manager, request.ride_id);
      const driver = ride?.driver_id ? await this.drivers.findById(manager, ride.driver_id) : null;
      if (!ride || !driver) throw new DomainError('RIDE_NOT_FOUND');
      const rater =
        ride.customer_id === caller.user_id
          ? 'customer'
          : driver.user_id === caller.user_id
            ? 'driver'
            : null;
      if (!rater) throw new DomainError('RIDE_NOT_FOUND');
      if (ride.status !== 'completed') {
        throw new DomainError('RIDE_INVALID_TRANSITION', 'Only a completed ride can be rated');
      }
      const ratee = rater === 'customer' ? driver.user_id : ride.customer_id;
      const row = await this.ratings.insert(manager, {
        ride_id: ride.id,
        rater,
        rater_user_id: caller.user_id,
        ratee_user_id: ratee,
        rating: request.rating,
        comment: request.comment ?? null,
      });
      if (!row) throw new DomainError('RIDE_ALREADY_RATED');
      // The average moves in the same transaction as the rating: never counted twice, never missed.
      if (rater === 'customer') await this.drivers.addRating(manager, ratee, request.rating);
      else await this.ratings.addRiderRating(manager, ratee, request.rating);

      return {
        ride_id: row.ride_id,
        rater: row.rater,
        rating: row.rating,
        comment: row.comment,
        created_at: row.created_at.toISOString(),
      };
    });
  }
}
