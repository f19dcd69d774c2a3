import { Injectable } from '@nestjs/common';
import {
  AUTH_EVENTS,
  type RegisterRequest,
  type ResetPasswordRequest,
  type SessionReply,
  type UserRegisteredEvent,
} from '@ecom/contracts';
import { DomainError, EventPublisher, inTransaction, ValidationFailedError } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { OtpRepository } from '../otp/otp.repository';
import { PasswordHasher } from '../security/password-hasher';
import { assertStrongPassword } from '../security/password-policy';
import { SecretHasher } from '../security/secret-hasher';
import { SessionsService } from '../sessions/sessions.service';
import { RefreshTokensRepository } from '../sessions/refresh-tokens.repository';
import { rolesOf, takenIdentity, UsersRepository, type UserRow } from './users.repository';

/** Creating an account from a verified phone, and setting a new password from one. */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly codes: OtpRepository,
    private readonly tokens: RefreshTokensRepository,
    private readonly sessions: SessionsService,
    private readonly passwords: PasswordHasher,
    private readonly hasher: SecretHasher,
    private readonly events: EventPublisher,
  ) {}

  async register(request: RegisterRequest): Promise<SessionReply> {
    if (request.company_name !== undefined && request.user_type !== 'client') {
      throw new ValidationFailedError([
        { field: 'company_name', message: 'only a client (B2B) has a company_name' },
      ]);
    }
    const tokenHash = this.hasher.hash('verification', request.verification_token);
    const phone = await this.codes.verifiedPhone(this.dataSource.manager, tokenHash, 'registration');
    if (!phone) throw new DomainError('AUTH_VERIFICATION_INVALID');
    if (await this.users.findByPhone(phone)) throw new DomainError('AUTH_PHONE_TAKEN');
    const email = request.email?.toLowerCase() ?? null;
    assertStrongPassword(request.password, {
      phone,
      email,
      first_name: request.first_name,
      last_name: request.last_name,
    });
    // argon2 takes a while: before the transaction, so no row lock waits for it.
    const passwordHash = await this.passwords.hash(request.password);
    let created: { user: UserRow; refreshToken: string };
    try {
      created = await inTransaction(this.dataSource, async (manager) => {
        if (!(await this.codes.useVerification(manager, tokenHash, 'registration'))) {
          throw new DomainError('AUTH_VERIFICATION_INVALID');
        }
        const user = await this.users.insert(manager, {
          phone,
          email,
          first_name: request.first_name,
          last_name: request.last_name,
          date_of_birth: request.date_of_birth ?? null,
          user_type: request.user_type,
          company_name: request.company_name ?? null,
          password_hash: passwordHash,
        });
        const event: UserRegisteredEvent = {
          user_id: user.id,
          user_type: user.user_type,
          roles: rolesOf(user),
          phone,
          email,
          first_name: user.first_name,
          company_name: user.company_name,
        };
        await this.events.publish(manager, AUTH_EVENTS.userRegistered, event, { aggregateId: user.id });

        return { user, refreshToken: await this.sessions.open(manager, user.id) };
      });
    } catch (error) {
      // Two registrations raced for the same phone or email: the database let exactly one in.
      const taken = takenIdentity(error);
      if (taken === 'phone') throw new DomainError('AUTH_PHONE_TAKEN');
      if (taken === 'email') throw new DomainError('AUTH_EMAIL_TAKEN');
      throw error;
    }

    return this.sessions.reply(created.user, created.refreshToken);
  }

  /** A new password from a verified phone; every session of the account ends. */
  async resetPassword(request: ResetPasswordRequest): Promise<void> {
    const tokenHash = this.hasher.hash('verification', request.verification_token);
    const phone = await this.codes.verifiedPhone(this.dataSource.manager, tokenHash, 'password_reset');
    const user = phone ? await this.users.findByPhone(phone) : undefined;
    if (!user || user.status === 'erased') throw new DomainError('AUTH_VERIFICATION_INVALID');
    assertStrongPassword(request.new_password, user);
    const passwordHash = await this.passwords.hash(request.new_password);
    await inTransaction(this.dataSource, async (manager) => {
      if (!(await this.codes.useVerification(manager, tokenHash, 'password_reset'))) {
        throw new DomainError('AUTH_VERIFICATION_INVALID');
      }
      await this.users.setPassword(manager, user.id, passwordHash);
      await this.tokens.revokeAllOfUser(manager, user.id);
    });
  }
}
