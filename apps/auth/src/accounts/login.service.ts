import { Injectable } from '@nestjs/common';
import type { LoginRequest, SessionReply } from '@ecom/contracts';
import { DomainError } from '@ecom/platform';

import { AuthConfig } from '../config';
import { normalizePhone } from '../phone/phone-number';
import { PasswordHasher } from '../security/password-hasher';
import { SessionsService } from '../sessions/sessions.service';
import { UsersRepository } from './users.repository';

/**
 * Sign-in by phone or email and password. Unknown account and wrong password answer alike, after the
 * same argon2 work; LOGIN_MAX_FAILURES failures in a row lock the account for LOGIN_LOCK_SECONDS, during
 * which the password is not even checked (so a lock cannot be used to keep guessing).
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly config: AuthConfig,
  ) {}

  async login(request: LoginRequest): Promise<SessionReply> {
    const identity =
      request.phone !== undefined
        ? { phone: normalizePhone(request.phone) }
        : { email: (request.email ?? '').toLowerCase() };
    const user = await this.users.findWithCredentials(identity);
    if (!user || user.status === 'erased') {
      await this.passwords.verifyNobody(request.password);
      throw new DomainError('AUTH_INVALID_CREDENTIALS');
    }
    if (user.locked_until && user.locked_until.getTime() > Date.now()) throw this.locked();
    if (!(await this.passwords.verify(user.password_hash, request.password))) {
      const lockedNow = await this.users.recordFailure(
        user.id,
        this.config.LOGIN_MAX_FAILURES,
        this.config.LOGIN_LOCK_SECONDS,
      );
      throw lockedNow ? this.locked() : new DomainError('AUTH_INVALID_CREDENTIALS');
    }
    // Only someone who knows the password learns that the account is suspended.
    if (user.status === 'suspended') throw new DomainError('AUTH_ACCOUNT_SUSPENDED');
    const rehashed = this.passwords.isOutdated(user.password_hash)
      ? await this.passwords.hash(request.password)
      : undefined;
    await this.users.recordSuccess(user.id, rehashed);

    return this.sessions.start(user);
  }

  private locked(): DomainError {
    return new DomainError(
      'AUTH_LOCKED',
      `Too many failed sign-ins: the account is locked for ${Math.ceil(this.config.LOGIN_LOCK_SECONDS / 60)} minutes`,
    );
  }
}
