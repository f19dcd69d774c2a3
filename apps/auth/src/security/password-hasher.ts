import { Algorithm, hash, verify } from '@node-rs/argon2';
import { Injectable } from '@nestjs/common';

import { AuthConfig } from '../config';

/**
 * argon2id password hashes with the configured cost. `verifyNobody` spends the same time as a real check
 * so that a sign-in for an unknown account answers in the same time as a wrong password.
 */
@Injectable()
export class PasswordHasher {
  private dummyHash?: Promise<string>;

  constructor(private readonly config: AuthConfig) {}

  /** The parameter string argon2 writes in its hashes, e.g. `m=19456,t=2,p=1`. */
  get parameters(): string {
    return `m=${this.config.ARGON2_MEMORY_KIB},t=${this.config.ARGON2_ITERATIONS},p=${this.config.ARGON2_PARALLELISM}`;
  }

  hash(password: string): Promise<string> {
    return hash(password, {
      algorithm: Algorithm.Argon2id,
      memoryCost: this.config.ARGON2_MEMORY_KIB,
      timeCost: this.config.ARGON2_ITERATIONS,
      parallelism: this.config.ARGON2_PARALLELISM,
    });
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /** Burns the time of one verification against a hash of nobody's password. */
  async verifyNobody(password: string): Promise<void> {
    this.dummyHash ??= this.hash('not the password of anybody');
    await this.verify(await this.dummyHash, password);
  }

  /** A hash made with other parameters than today's: rehashed at the next successful sign-in. */
  isOutdated(passwordHash: string): boolean {
    return !passwordHash.startsWith(`$argon2id$v=19$${this.parameters}$`);
  }
}
