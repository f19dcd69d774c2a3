import { Injectable } from '@nestjs/common';
import type { PublicJwk } from '@ecom/contracts';
import { DataSource, type EntityManager } from 'typeorm';

export interface SigningKeyRow {
  kid: string;
  public_jwk: PublicJwk;
  private_key_sealed: string;
  activated_at: Date;
  retired_at: Date | null;
}

/** Signing keys: SQL only. */
@Injectable()
export class SigningKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Keys a verifier may still meet: not retired, or retired less than `graceSeconds` ago. */
  published(graceSeconds: number): Promise<SigningKeyRow[]> {
    return this.dataSource.query<SigningKeyRow[]>(
      `SELECT kid, public_jwk, private_key_sealed, activated_at, retired_at FROM signing_keys
        WHERE retired_at IS NULL OR retired_at > now() - make_interval(secs => $1)
        ORDER BY activated_at`,
      [graceSeconds],
    );
  }

  /** The newest key that signs now or will: when it started (or starts) signing, if any. */
  async newestActivation(manager: EntityManager): Promise<Date | undefined> {
    const rows = await manager.query<{ activated_at: Date }[]>(
      'SELECT activated_at FROM signing_keys WHERE retired_at IS NULL ORDER BY activated_at DESC LIMIT 1',
    );

    return rows[0]?.activated_at;
  }

  /** Adds a key signing from `activatesAt`; every older key stops signing then (retired, still published). */
  async addSuccessor(
    manager: EntityManager,
    key: { kid: string; algorithm: string; publicJwk: PublicJwk; privateKeySealed: string },
    activatesAt: Date,
  ): Promise<void> {
    await manager.query('UPDATE signing_keys SET retired_at = $1 WHERE retired_at IS NULL', [activatesAt]);
    await manager.query(
      `INSERT INTO signing_keys (kid, algorithm, public_jwk, private_key_sealed, activated_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [key.kid, key.algorithm, JSON.stringify(key.publicJwk), key.privateKeySealed, activatesAt],
    );
  }
}
