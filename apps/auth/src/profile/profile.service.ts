import { Injectable } from '@nestjs/common';
import {
  CONSENT_PURPOSES,
  type AddressView,
  type ConsentsView,
  type CreateAddressRequest,
  type UpdateConsentsRequest,
  type UpdateProfileRequest,
  type UserView,
} from '@ecom/contracts';
import { DomainError, inTransaction, NotFoundError, ValidationFailedError } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { takenIdentity, toUserView, UsersRepository, type UserRow } from '../accounts/users.repository';
import { ProfileRepository, type ConsentRow } from './profile.repository';

export function toConsentsView(rows: ConsentRow[]): ConsentsView {
  const view = {} as ConsentsView;
  for (const purpose of CONSENT_PURPOSES) {
    const history = rows
      .filter((row) => row.purpose === purpose)
      .map((row) => ({
        granted_at: row.granted_at.toISOString(),
        withdrawn_at: row.withdrawn_at?.toISOString() ?? null,
      }));
    view[purpose] = { granted: history.some((period) => period.withdrawn_at === null), history };
  }

  return view;
}

/** The signed-in user's own profile, addresses and consents. */
@Injectable()
export class ProfileService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly profile: ProfileRepository,
  ) {}

  async me(userId: string): Promise<UserView> {
    return toUserView(await this.liveUser(userId));
  }

  async update(userId: string, changes: UpdateProfileRequest): Promise<UserView> {
    const user = await this.liveUser(userId);
    if (changes.company_name !== undefined && user.user_type !== 'client') {
      throw new ValidationFailedError([
        { field: 'company_name', message: 'only a client (B2B) has a company_name' },
      ]);
    }
    const email = changes.email?.toLowerCase();
    try {
      await this.dataSource.query(
        `UPDATE users SET first_name = COALESCE($2, first_name), last_name = COALESCE($3, last_name),
                date_of_birth = COALESCE($4::date, date_of_birth), company_name = COALESCE($5, company_name),
                email_verified = CASE WHEN $6::text IS NOT NULL AND $6 IS DISTINCT FROM email THEN false ELSE email_verified END,
                email = COALESCE($6, email), updated_at = now()
          WHERE id = $1`,
        [
          userId,
          changes.first_name ?? null,
          changes.last_name ?? null,
          changes.date_of_birth ?? null,
          changes.company_name ?? null,
          email ?? null,
        ],
      );
    } catch (error) {
      if (takenIdentity(error) === 'email') throw new DomainError('AUTH_EMAIL_TAKEN');
      throw error;
    }

    return this.me(userId);
  }

  addresses(userId: string): Promise<AddressView[]> {
    return this.profile.addresses(userId);
  }

  async addAddress(userId: string, address: CreateAddressRequest): Promise<AddressView> {
    await this.liveUser(userId);
    const id = await inTransaction(this.dataSource, (manager) =>
      this.profile.addAddress(manager, userId, address),
    );
    const created = (await this.profile.addresses(userId)).find((candidate) => candidate.id === id);
    if (!created) throw new NotFoundError('Address');

    return created;
  }

  async deleteAddress(userId: string, addressId: string): Promise<void> {
    const deleted = await inTransaction(this.dataSource, (manager) =>
      this.profile.deleteAddress(manager, userId, addressId),
    );
    if (!deleted) throw new NotFoundError('Address');
  }

  async consents(userId: string): Promise<ConsentsView> {
    return toConsentsView(await this.profile.consents(userId));
  }

  async updateConsents(userId: string, changes: UpdateConsentsRequest): Promise<ConsentsView> {
    await this.liveUser(userId);
    await inTransaction(this.dataSource, async (manager) => {
      for (const purpose of CONSENT_PURPOSES) {
        const granted = changes[purpose];
        if (granted === true) await this.profile.grant(manager, userId, purpose);
        if (granted === false) await this.profile.withdraw(manager, userId, purpose);
      }
    });

    return this.consents(userId);
  }

  private async liveUser(userId: string): Promise<UserRow> {
    const user = await this.users.findById(userId);
    if (!user || user.status === 'erased') throw new NotFoundError('User');

    return user;
  }
}
