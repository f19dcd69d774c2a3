import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface RefreshTokenRow {
  id: string;
  user_id: string;
  family_id: string;
  expires_at: Date;
  spent_at: Date | null;
  revoked_at: Date | null;
}

/** Refresh tokens, by their keyed hash: SQL only. */
@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    token: { userId: string; familyId: string; tokenHash: string; ttlSeconds: number },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [randomUUID(), token.userId, token.familyId, token.tokenHash, token.ttlSeconds],
    );
  }

  /**
   * Spends a live token: a conditional update, so of two concurrent uses exactly one gets the row (the
   * other waits on the row lock, then finds it spent). Undefined when the token was not live.
   */
  async spend(manager: EntityManager, tokenHash: string): Promise<RefreshTokenRow | undefined> {
    const rows = await manager.query<[RefreshTokenRow[], number]>(
      `UPDATE refresh_tokens SET spent_at = now()
        WHERE token_hash = $1 AND spent_at IS NULL AND revoked_at IS NULL AND expires_at > now()
    RETURNING id, user_id, family_id, expires_at, spent_at, revoked_at`,
      [tokenHash],
    );

    return rows[0][0];
  }

  async find(
    tokenHash: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RefreshTokenRow | undefined> {
    const rows = await manager.query<RefreshTokenRow[]>(
      'SELECT id, user_id, family_id, expires_at, spent_at, revoked_at FROM refresh_tokens WHERE token_hash = $1',
      [tokenHash],
    );

    return rows[0];
  }

  async revokeFamily(familyId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      'UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL',
      [familyId],
    );
  }

  async revokeAllOfUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      'UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
      [userId],
    );
  }

  /** Live sessions of a user (for the privacy export): no hashes. */
  liveSessions(userId: string): Promise<{ family_id: string; created_at: Date; expires_at: Date }[]> {
    return this.dataSource.query(
      `SELECT family_id, created_at, expires_at FROM refresh_tokens
        WHERE user_id = $1 AND spent_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        ORDER BY created_at DESC`,
      [userId],
    );
  }
}
