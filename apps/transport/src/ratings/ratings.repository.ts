import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface RatingRow {
  ride_id: string;
  rater: 'customer' | 'driver';
  rater_user_id: string;
  ratee_user_id: string;
  rating: number;
  comment: string | null;
  created_at: Date;
}

/** Ratings of rides (one per ride and side) and the customers' running averages: SQL only. */
@Injectable()
export class RatingsRepository {
  /** Null when this side already rated this ride. */
  async insert(manager: EntityManager, rating: Omit<RatingRow, 'created_at'>): Promise<RatingRow | null> {
    const rows = await manager.query<RatingRow[]>(
      `INSERT INTO ride_ratings (ride_id, rater, rater_user_id, ratee_user_id, rating, comment)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING *`,
      [
        rating.ride_id,
        rating.rater,
        rating.rater_user_id,
        rating.ratee_user_id,
        rating.rating,
        rating.comment,
      ],
    );

    return rows[0] ?? null;
  }

  forRides(manager: EntityManager, rideIds: string[]): Promise<RatingRow[]> {
    if (rideIds.length === 0) return Promise.resolve([]);

    return manager.query<RatingRow[]>('SELECT * FROM ride_ratings WHERE ride_id = ANY($1::uuid[])', [
      rideIds,
    ]);
  }

  byRater(manager: EntityManager, userId: string): Promise<RatingRow[]> {
    return manager.query<RatingRow[]>(
      'SELECT * FROM ride_ratings WHERE rater_user_id = $1 ORDER BY created_at',
      [userId],
    );
  }

  async addRiderRating(manager: EntityManager, userId: string, rating: number): Promise<void> {
    await manager.query(
      `INSERT INTO riders (user_id, rating_sum, rating_count) VALUES ($1, $2, 1)
       ON CONFLICT (user_id) DO UPDATE SET rating_sum = riders.rating_sum + $2,
         rating_count = riders.rating_count + 1, updated_at = now()`,
      [userId, rating],
    );
  }

  async riderAverage(manager: EntityManager, userId: string): Promise<{ sum: number; count: number }> {
    const rows = await manager.query<{ rating_sum: number; rating_count: number }[]>(
      'SELECT rating_sum, rating_count FROM riders WHERE user_id = $1',
      [userId],
    );

    return { sum: rows[0]?.rating_sum ?? 0, count: rows[0]?.rating_count ?? 0 };
  }

  /** RGPD: what the user wrote about others goes; the scores stay in the averages they fed. */
  async eraseComments(manager: EntityManager, userId: string): Promise<void> {
    await manager.query('UPDATE ride_ratings SET comment = NULL WHERE rater_user_id = $1', [userId]);
  }
}
