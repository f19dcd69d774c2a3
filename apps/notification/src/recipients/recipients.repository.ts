import { Injectable } from '@nestjs/common';
import type { DevicePlatform, NotificationChannel } from '@ecom/contracts';
import type { EntityManager } from 'typeorm';

import type { Locale } from '../templates/message-templates';

/** What the service knows of a user to reach them: fed by auth's events and the user's preferences. */
export interface RecipientRow {
  user_id: string;
  phone: string | null;
  email: string | null;
  locale: Locale;
  marketing_channels: NotificationChannel[];
  /** `HH:MM:SS`, Lomé time (UTC all year). */
  quiet_start: string | null;
  quiet_end: string | null;
}

export interface DeviceRow {
  token: string;
  user_id: string;
  platform: DevicePlatform;
  created_at: Date;
}

export interface PreferencesChange {
  locale?: Locale;
  marketingChannels?: NotificationChannel[];
  /** null clears quiet hours. */
  quietHours?: { start: string; end: string } | null;
}

type Changed<T> = [T[], number];

/** Recipients (contact, locale, preferences) and their push devices: SQL only. */
@Injectable()
export class RecipientsRepository {
  async find(manager: EntityManager, userId: string): Promise<RecipientRow | undefined> {
    const [row] = await manager.query<RecipientRow[]>('SELECT * FROM recipients WHERE user_id = $1', [
      userId,
    ]);

    return row;
  }

  async findByPhone(manager: EntityManager, phone: string): Promise<RecipientRow | undefined> {
    const [row] = await manager.query<RecipientRow[]>(
      'SELECT * FROM recipients WHERE phone = $1 ORDER BY updated_at DESC LIMIT 1',
      [phone],
    );

    return row;
  }

  /** Contact details from auth; preferences the user set stay as they are. */
  async upsertContact(
    manager: EntityManager,
    userId: string,
    contact: { phone: string | null; email: string | null },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO recipients (user_id, phone, email) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET phone = excluded.phone, email = excluded.email, updated_at = now()`,
      [userId, contact.phone, contact.email],
    );
  }

  async updatePreferences(
    manager: EntityManager,
    userId: string,
    change: PreferencesChange,
  ): Promise<RecipientRow> {
    const quiet = change.quietHours;
    const [row] = await manager.query<RecipientRow[]>(
      `INSERT INTO recipients (user_id, locale, marketing_channels, quiet_start, quiet_end)
       VALUES ($1, coalesce($2::varchar, 'fr'), coalesce($3::text[], '{}'), $5::time, $6::time)
       ON CONFLICT (user_id) DO UPDATE SET
         locale = coalesce($2::varchar, recipients.locale),
         marketing_channels = coalesce($3::text[], recipients.marketing_channels),
         quiet_start = CASE WHEN $4::boolean THEN $5::time ELSE recipients.quiet_start END,
         quiet_end = CASE WHEN $4::boolean THEN $6::time ELSE recipients.quiet_end END,
         updated_at = now()
       RETURNING *`,
      [
        userId,
        change.locale ?? null,
        change.marketingChannels ?? null,
        quiet !== undefined,
        quiet?.start ?? null,
        quiet?.end ?? null,
      ],
    );
    if (!row) throw new Error(`Preferences of ${userId} were not saved`);

    return row;
  }

  async devicesOf(manager: EntityManager, userId: string): Promise<DeviceRow[]> {
    return manager.query<DeviceRow[]>('SELECT * FROM devices WHERE user_id = $1 ORDER BY created_at', [
      userId,
    ]);
  }

  /** A token belongs to the last user who registered it: a phone changing hands moves its token. */
  async registerDevice(
    manager: EntityManager,
    device: { token: string; userId: string; platform: DevicePlatform },
  ): Promise<DeviceRow> {
    const [row] = await manager.query<DeviceRow[]>(
      `INSERT INTO devices (token, user_id, platform) VALUES ($1, $2, $3)
       ON CONFLICT (token) DO UPDATE SET user_id = excluded.user_id, platform = excluded.platform, updated_at = now()
       RETURNING *`,
      [device.token, device.userId, device.platform],
    );
    if (!row) throw new Error('Device was not saved');

    return row;
  }

  /** Removes the user's token; false when it was not theirs. */
  async unregisterDevice(manager: EntityManager, userId: string, token: string): Promise<boolean> {
    const [, count] = await manager.query<Changed<unknown>>(
      'DELETE FROM devices WHERE token = $1 AND user_id = $2',
      [token, userId],
    );

    return count > 0;
  }

  /** The provider said the token is dead. */
  async pruneDevice(manager: EntityManager, token: string): Promise<void> {
    await manager.query('DELETE FROM devices WHERE token = $1', [token]);
  }

  async eraseUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.query('DELETE FROM devices WHERE user_id = $1', [userId]);
    await manager.query('DELETE FROM recipients WHERE user_id = $1', [userId]);
  }
}
