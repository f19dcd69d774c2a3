import { createPublicKey, type KeyObject } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { AUTH_JWKS_SUBJECT, type JwksReply } from '@ecom/contracts';
import { ServiceClient } from '@ecom/platform';

import { GatewayConfig } from '../config';

/** Unknown key ids trigger a fetch at most this often, so forged `kid`s cannot flood auth. */
const UNKNOWN_KID_REFETCH_MS = 10_000;

/**
 * The public keys that verify access tokens, fetched from auth over NATS and cached; fetched again when
 * the cache ages out or a token names a key we do not know yet (key rotation).
 */
@Injectable()
export class JwksService {
  /** Each public key by `kid`, parsed once: parsing a PEM on every request would cost more than verifying. */
  private keys = new Map<string, KeyObject>();
  private fetchedAt = 0;
  private lastUnknownKidFetch = 0;
  private inFlight?: Promise<void>;

  constructor(
    private readonly client: ServiceClient,
    private readonly config: GatewayConfig,
  ) {}

  async keyFor(kid: string): Promise<KeyObject | undefined> {
    if (Date.now() - this.fetchedAt > this.config.JWKS_CACHE_SECONDS * 1000) await this.refresh();
    const known = this.keys.get(kid);
    if (known || Date.now() - this.lastUnknownKidFetch < UNKNOWN_KID_REFETCH_MS) return known;
    this.lastUnknownKidFetch = Date.now();
    await this.refresh();

    return this.keys.get(kid);
  }

  private refresh(): Promise<void> {
    this.inFlight ??= this.fetch().finally(() => (this.inFlight = undefined));

    return this.inFlight;
  }

  private async fetch(): Promise<void> {
    const reply = await this.client.request<JwksReply>(AUTH_JWKS_SUBJECT, {});
    const keys = new Map<string, KeyObject>();
    for (const jwk of reply.keys) {
      if (jwk.alg !== this.config.JWT_ALGORITHM || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
      keys.set(jwk.kid, createPublicKey({ key: { ...jwk }, format: 'jwk' }));
    }
    this.keys = keys;
    this.fetchedAt = Date.now();
  }
}
