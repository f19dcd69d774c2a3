import { createPrivateKey, createSign, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { JwksReply, PublicJwk, Role, RotateKeysReply } from '@ecom/contracts';
import { DomainError, inTransaction, LOGGER, SealedBox, type Logger } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import { AuthConfig } from '../config';
import { SigningKeysRepository } from './signing-keys.repository';

const ALGORITHM = 'RS256';
/** How often a replica re-reads the keys (rotations made by another replica, or by the timer). */
const RELOAD_MS = 30_000;
/** How often the age of the signing key is checked against JWT_KEY_ROTATION_DAYS. */
const ROTATION_CHECK_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const generateRsaKeyPair = promisify(generateKeyPair);

interface LoadedKey {
  kid: string;
  publicJwk: PublicJwk;
  privateKey: KeyObject;
  activatedAt: number;
  retiredAt: number | null;
}

export interface AccessToken {
  token: string;
  expiresIn: number;
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The RS256 keys that sign access tokens. Private halves rest sealed (JWT_KEY_ENCRYPTION_KEY) in the
 * auth schema, shared by every replica. A rotation publishes the new key at once and lets it sign only
 * after JWT_KEY_ACTIVATION_DELAY_SECONDS, so gateways know it before they meet it; the old key stays
 * published until every token it signed has expired (its retirement + the access token lifetime).
 */
@Injectable()
export class SigningKeysService implements OnModuleInit, OnApplicationShutdown {
  private readonly sealer: SealedBox;
  private keys: LoadedKey[] = [];
  private loadedAt = 0;
  private loading?: Promise<void>;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly repository: SigningKeysRepository,
    private readonly dataSource: DataSource,
    private readonly config: AuthConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.sealer = new SealedBox(config.JWT_KEY_ENCRYPTION_KEY);
  }

  async onModuleInit(): Promise<void> {
    await this.ensureCurrentKey();
    this.timer = setInterval(() => {
      this.ensureCurrentKey().catch((error: unknown) => {
        this.logger.error('Signing key rotation check failed', { error });
      });
    }, ROTATION_CHECK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Signs an access token with the key that signs now. */
  async sign(userId: string, roles: Role[]): Promise<AccessToken> {
    const key = await this.signingKey();
    const now = Math.floor(Date.now() / 1000);
    const ttl = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const header = base64url({ alg: ALGORITHM, typ: 'JWT', kid: key.kid });
    const payload = base64url({
      sub: userId,
      roles,
      iss: this.config.JWT_ISSUER,
      aud: this.config.JWT_AUDIENCE,
      iat: now,
      exp: now + ttl,
    });
    const signature = createSign('RSA-SHA256')
      .update(`${header}.${payload}`)
      .sign(key.privateKey, 'base64url');

    return { token: `${header}.${payload}.${signature}`, expiresIn: ttl };
  }

  /** Every key a verifier may meet now or soon: the signing one, the next one, the recently retired. */
  async jwks(): Promise<JwksReply> {
    await this.fresh();

    return { keys: this.keys.map((key) => key.publicJwk) };
  }

  /** Adds a key that signs after `activateInSeconds`; older keys stay published until their tokens expire. */
  async rotate(activateInSeconds = this.config.JWT_KEY_ACTIVATION_DELAY_SECONDS): Promise<RotateKeysReply> {
    const activatesAt = new Date(Date.now() + activateInSeconds * 1000);
    const kid = await this.withKeyLock(async (manager) => {
      const created = await this.createKey();
      await this.repository.addSuccessor(manager, created, activatesAt);

      return created.kid;
    });
    await this.reload();
    this.logger.info('Signing key rotation scheduled', { kid, activates_at: activatesAt.toISOString() });

    return { kid, activates_at: activatesAt.toISOString() };
  }

  /**
   * At start and hourly: makes a first key if there is none, and schedules a successor when the newest
   * key is older than JWT_KEY_ROTATION_DAYS. Under an advisory lock, so replicas make one key, not one each.
   */
  async ensureCurrentKey(): Promise<void> {
    const rotationMs = this.config.JWT_KEY_ROTATION_DAYS * DAY_MS;
    const added = await this.withKeyLock(async (manager) => {
      const newest = await this.repository.newestActivation(manager);
      if (newest && (rotationMs === 0 || Date.now() - newest.getTime() < rotationMs)) return undefined;
      const created = await this.createKey();
      // The very first key signs at once: no verifier can hold an older set yet.
      const activatesAt = new Date(
        newest ? Date.now() + this.config.JWT_KEY_ACTIVATION_DELAY_SECONDS * 1000 : Date.now(),
      );
      await this.repository.addSuccessor(manager, created, activatesAt);

      return created.kid;
    });
    if (added) this.logger.info('Signing key added', { kid: added });
    await this.reload();
  }

  private async signingKey(): Promise<LoadedKey> {
    await this.fresh();
    const now = Date.now();
    const signing = this.keys
      .filter((key) => key.activatedAt <= now && (key.retiredAt === null || key.retiredAt > now))
      .at(-1);
    if (!signing) throw new DomainError('INTERNAL', 'No signing key is active');

    return signing;
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.loadedAt > RELOAD_MS) await this.reload();
  }

  private reload(): Promise<void> {
    this.loading ??= this.load().finally(() => (this.loading = undefined));

    return this.loading;
  }

  private async load(): Promise<void> {
    const rows = await this.repository.published(this.config.ACCESS_TOKEN_TTL_SECONDS);
    const known = new Map(this.keys.map((key) => [key.kid, key]));
    this.keys = rows.map((row) => ({
      kid: row.kid,
      publicJwk: row.public_jwk,
      // Unsealed once per replica and key, not per token.
      privateKey:
        known.get(row.kid)?.privateKey ?? createPrivateKey(this.sealer.open(row.private_key_sealed, row.kid)),
      activatedAt: row.activated_at.getTime(),
      retiredAt: row.retired_at?.getTime() ?? null,
    }));
    this.loadedAt = Date.now();
  }

  private async createKey(): Promise<{
    kid: string;
    algorithm: string;
    publicJwk: PublicJwk;
    privateKeySealed: string;
  }> {
    const { publicKey, privateKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
    const kid = `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(6).toString('hex')}`;
    const jwk = publicKey.export({ format: 'jwk' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

    return {
      kid,
      algorithm: ALGORITHM,
      publicJwk: { kty: 'RSA', n: String(jwk.n), e: String(jwk.e), kid, alg: ALGORITHM, use: 'sig' },
      privateKeySealed: this.sealer.seal(pem, kid),
    };
  }

  private withKeyLock<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, async (manager) => {
      await manager.query("SELECT pg_advisory_xact_lock(hashtext('auth.signing_keys'))");

      return work(manager);
    });
  }
}
