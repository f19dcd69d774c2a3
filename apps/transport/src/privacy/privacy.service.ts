import { Inject, Injectable } from '@nestjs/common';
import type { PrivacyExportReply } from '@ecom/contracts';
import { LOGGER, type Logger } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import { DriversRepository } from '../drivers/drivers.repository';
import { RatingsRepository } from '../ratings/ratings.repository';
import { averageRating, toDriverView, toRideView } from '../rides/ride-views';
import { RidesRepository } from '../rides/rides.repository';

const EXPORT_PAGE = 100;

/** A user's transport data for an RGPD export, and its erasure (rides stay, anonymised). */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly drivers: DriversRepository,
    private readonly rides: RidesRepository,
    private readonly ratings: RatingsRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async export(userId: string): Promise<PrivacyExportReply> {
    const manager = this.dataSource.manager;
    const driver = await this.drivers.findByUser(manager, userId);
    const rides = [];
    let after: { created_at: string; id: string } | null = null;
    for (;;) {
      const rows = await this.rides.pageOfUser(manager, userId, after, EXPORT_PAGE);
      for (const row of rows.slice(0, EXPORT_PAGE)) {
        rides.push(toRideView(row, null, undefined, await this.rides.timeline(manager, row.id)));
      }
      const last = rows[EXPORT_PAGE - 1];
      if (rows.length <= EXPORT_PAGE || !last) break;
      after = { created_at: last.requested_at.toISOString(), id: last.id };
    }
    const given = await this.ratings.byRater(manager, userId);
    const rider = await this.ratings.riderAverage(manager, userId);

    return {
      service: 'transport',
      user_id: userId,
      data: {
        driver: driver ? toDriverView(driver) : null,
        rides,
        ratings_given: given.map((rating) => ({
          ride_id: rating.ride_id,
          rating: rating.rating,
          comment: rating.comment,
          created_at: rating.created_at.toISOString(),
        })),
        rating_as_customer: averageRating(rider.sum, rider.count),
      },
    };
  }

  /**
   * Erasure: positions and addresses of the user's finished rides and their timelines, the driver's
   * licence, plate, documents and position, and the comments they wrote. Rides, fares and scores stay:
   * they are the other party's and the ledger's history too.
   */
  async erase(manager: EntityManager, userId: string): Promise<void> {
    const rides = await this.rides.anonymise(manager, userId);
    const driver = await this.drivers.erase(manager, userId);
    await this.ratings.eraseComments(manager, userId);
    this.logger.info('Transport data of an erased user anonymised', { user_id: userId, rides, driver });
  }
}
