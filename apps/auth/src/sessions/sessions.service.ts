import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import type { SessionReply } from '@ecom/contracts';
import { DomainError, inTransaction } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import { rolesOf, toUserView, UsersRepository, type UserRow } from '../accounts/users.repository';
import { AuthConfig } from '../config';
import { SigningKeysService } from '../keys/signing-keys.service';
import { randomToken, SecretHasher } from '../security/secret-hasher';
import { RefreshTokensRepository } from './refresh-tokens.repository';

type RefreshOutcome =
  | { outcome: 'rotated'; user: UserRow; refreshToken: string }
  | { outcome: 'reused' | 'invalid' | 'suspended' };

/**
 * Sessions: a short access token and an opaque refresh token, rotated on every use. Tokens of one sign-in
 * form a family; a spent token presented again means it was copied, so the whole family is revoked
 * (the thief's and the user's copies die together, and the user signs in again).
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: RefreshTokensRepository,
    private readonly users: UsersRepository,
    private readonly keys: SigningKeysService,
    private readonly hasher: SecretHasher,
    private readonly config: AuthConfig,
  ) {}

  /** Stores a new refresh token in `manager`'s transaction; sign the access token after commit with `reply`. */
  async open(manager: EntityManager, userId: string, familyId: string = randomUUID()): Promise<string> {
    const refreshToken = randomToken();
    await this.tokens.insert(manager, {
      userId,
      familyId,
      tokenHash: this.hasher.hash('refresh', refreshToken),
      ttlSeconds: this.config.REFRESH_TOKEN_TTL_SECONDS,
    });

    return refreshToken;
  }

  async reply(user: UserRow, refreshToken: string): Promise<SessionReply> {
    const access = await this.keys.sign(user.id, rolesOf(user));

    return {
      user: toUserView(user),
      access_token: access.token,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
    };
  }

  /** A new session for a user who just proved who they are. */
  async start(user: UserRow): Promise<SessionReply> {
    const refreshToken = await inTransaction(this.dataSource, (manager) => this.open(manager, user.id));

    return this.reply(user, refreshToken);
  }

  async refresh(refreshToken: string): Promise<SessionReply> {
    const tokenHash = this.hasher.hash('refresh', refreshToken);
    const result = await inTransaction(this.dataSource, async (manager): Promise<RefreshOutcome> => {
      const spent = await this.tokens.spend(manager, tokenHash);
      if (!spent) {
        const known = await this.tokens.find(tokenHash, manager);
        if (known?.spent_at) {
          // Reuse of a spent token: revoked in this transaction, which commits before the error answers.
          await this.tokens.revokeFamily(known.family_id, manager);

          return { outcome: 'reused' };
        }

        return { outcome: 'invalid' };
      }
      const user = await this.users.findById(spent.user_id, manager);
      if (user?.status !== 'active') {
        await this.tokens.revokeFamily(spent.family_id, manager);

        return { outcome: user?.status === 'suspended' ? 'suspended' : 'invalid' };
      }

      return { outcome: 'rotated', user, refreshToken: await this.open(manager, user.id, spent.family_id) };
    });
    switch (result.outcome) {
      case 'rotated':
        return this.reply(result.user, result.refreshToken);
      case 'reused':
        throw new DomainError('AUTH_TOKEN_REUSED');
      case 'suspended':
        throw new DomainError('AUTH_ACCOUNT_SUSPENDED');
      case 'invalid':
        throw new DomainError('AUTH_REFRESH_INVALID');
    }
  }

  /** Ends the session the refresh token belongs to, if it is the caller's; silent otherwise. */
  async logout(userId: string, refreshToken: string): Promise<void> {
    const known = await this.tokens.find(this.hasher.hash('refresh', refreshToken));
    if (known?.user_id === userId) await this.tokens.revokeFamily(known.family_id);
  }
}
