import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuthConfig } from '../config';

/** What a keyed hash is for: the same value hashed for two purposes gives two unrelated hashes. */
export type SecretKind = 'otp' | 'verification' | 'refresh';

/**
 * Hashes of one-time codes and opaque tokens: HMAC-SHA256 under a server pepper. They are random and
 * short-lived, so a slow hash adds nothing; the pepper means a copy of the table alone cannot even test
 * the million possible codes of an OTP row.
 */
@Injectable()
export class SecretHasher {
  constructor(private readonly config: AuthConfig) {}

  hash(kind: SecretKind, value: string): string {
    return createHmac('sha256', this.config.TOKEN_PEPPER).update(`${kind}:${value}`).digest('hex');
  }

  matches(kind: SecretKind, value: string, expectedHash: string): boolean {
    const actual = Buffer.from(this.hash(kind, value), 'hex');
    const expected = Buffer.from(expectedHash, 'hex');

    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}

/** 256 random bits, URL-safe: refresh and verification tokens. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Six digits from the CSPRNG, leading zeros kept. */
export function randomOtpCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}
