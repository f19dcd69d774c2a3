import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';

import type { JwksReply, PublicJwk, Role } from '@ecom/contracts';

export interface TokenOptions {
  sub?: string;
  roles?: Role[];
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  kid?: string;
  /** `none` makes an unsigned token, as an attacker would send. */
  alg?: 'RS256' | 'none';
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * An RSA key pair that signs access tokens the way auth does (RS256, `kid`, `iss`, `aud`, `sub`, `roles`),
 * and the JWKS that publishes its public half.
 */
export class TestSigningKey {
  readonly kid = `test-${randomUUID()}`;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor(
    readonly issuer = 'ecom-auth',
    readonly audience = 'ecom-api',
  ) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  jwks(): JwksReply {
    const jwk = this.publicKey.export({ format: 'jwk' }) as Omit<PublicJwk, 'kid' | 'alg'>;

    return { keys: [{ ...jwk, kid: this.kid, alg: 'RS256', use: 'sig' }] };
  }

  token(options: TokenOptions = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const alg = options.alg ?? 'RS256';
    const header = base64url({ alg, typ: 'JWT', kid: options.kid ?? this.kid });
    const payload = base64url({
      sub: options.sub ?? randomUUID(),
      roles: options.roles ?? ['client'],
      iss: options.issuer ?? this.issuer,
      aud: options.audience ?? this.audience,
      iat: now,
      exp: now + (options.expiresIn ?? 900),
    });
    if (alg === 'none') return `${header}.${payload}.`;
    const signature = createSign('RSA-SHA256')
      .update(`${header}.${payload}`)
      .sign(this.privateKey)
      .toString('base64url');

    return `${header}.${payload}.${signature}`;
  }
}
