import { Injectable } from '@nestjs/common';
import { AUTH_EVENTS, type PrivacyExportReply, type UserStatusEvent } from '@ecom/contracts';
import { EventPublisher, inTransaction, NotFoundError } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { toUserView, UsersRepository } from '../accounts/users.repository';
import { OtpRepository } from '../otp/otp.repository';
import { toConsentsView } from '../profile/profile.service';
import { ProfileRepository } from '../profile/profile.repository';
import { RefreshTokensRepository } from '../sessions/refresh-tokens.repository';

/** RGPD rights over auth's part: access and portability (export), erasure (anonymisation). */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly profile: ProfileRepository,
    private readonly tokens: RefreshTokensRepository,
    private readonly codes: OtpRepository,
    private readonly events: EventPublisher,
  ) {}

  /** Every personal datum auth holds about the user; secrets (hashes, tokens) are not personal data to hand out. */
  async export(userId: string): Promise<PrivacyExportReply> {
    const user = await this.users.findById(userId);
    if (!user || user.status === 'erased') return { service: 'auth', user_id: userId, data: {} };
    const [credentials] = await this.dataSource.query<
      { last_login_at: Date | null; password_changed_at: Date }[]
    >('SELECT last_login_at, password_changed_at FROM credentials WHERE user_id = $1', [userId]);
    const sessions = await this.tokens.liveSessions(userId);

    return {
      service: 'auth',
      user_id: userId,
      data: {
        profile: toUserView(user),
        addresses: await this.profile.addresses(userId),
        consents: toConsentsView(await this.profile.consents(userId)),
        sign_in: {
          last_login_at: credentials?.last_login_at?.toISOString() ?? null,
          password_changed_at: credentials?.password_changed_at.toISOString() ?? null,
        },
        sessions: sessions.map((session) => ({
          started_at: session.created_at.toISOString(),
          expires_at: session.expires_at.toISOString(),
        })),
      },
    };
  }

  /**
   * Anonymises the account in one transaction: personal fields emptied, credentials, sessions, addresses,
   * consents and codes deleted; the row stays (status `erased`) so that ids other services keep (orders,
   * ledger entries) still resolve. `auth.user.erased` tells every other service to erase its part.
   */
  async erase(userId: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const user = await this.users.findById(userId, manager, true);
      if (!user || user.status === 'erased') throw new NotFoundError('User');
      await manager.query(
        `UPDATE users SET phone = NULL, email = NULL, first_name = '', last_name = '', date_of_birth = NULL,
                company_name = NULL, phone_verified = false, email_verified = false, status = 'erased',
                erased_at = now(), updated_at = now()
          WHERE id = $1`,
        [userId],
      );
      for (const table of ['credentials', 'refresh_tokens', 'addresses', 'consents']) {
        await manager.query(`DELETE FROM ${table} WHERE user_id = $1`, [userId]);
      }
      if (user.phone) await this.codes.deleteForPhone(manager, user.phone);
      const event: UserStatusEvent = { user_id: userId };
      await this.events.publish(manager, AUTH_EVENTS.userErased, event, { aggregateId: userId });
    });
  }
}
