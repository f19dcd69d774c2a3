import { Injectable } from '@nestjs/common';
import {
  NOTIFICATION_CHANNELS,
  type DeviceView,
  type NotificationPreferencesView,
  type RegisterDeviceRequest,
  type UpdateNotificationPreferencesRequest,
} from '@ecom/contracts';
import { DomainError } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { RecipientsRepository, type RecipientRow } from '../recipients/recipients.repository';

function toView(row: RecipientRow | undefined): NotificationPreferencesView {
  const marketing = new Set(row?.marketing_channels ?? []);
  const channels = Object.fromEntries(
    NOTIFICATION_CHANNELS.map((channel) => [
      channel,
      { security: true, transactional: true, marketing: marketing.has(channel) },
    ]),
  ) as NotificationPreferencesView['channels'];

  return {
    locale: row?.locale ?? 'fr',
    quiet_hours:
      row?.quiet_start && row.quiet_end
        ? { start: row.quiet_start.slice(0, 5), end: row.quiet_end.slice(0, 5) }
        : null,
    channels,
  };
}

/** The caller's preferences and push devices. */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recipients: RecipientsRepository,
  ) {}

  async get(userId: string): Promise<NotificationPreferencesView> {
    return toView(await this.recipients.find(this.dataSource.manager, userId));
  }

  async update(
    userId: string,
    request: UpdateNotificationPreferencesRequest,
  ): Promise<NotificationPreferencesView> {
    const row = await this.recipients.updatePreferences(this.dataSource.manager, userId, {
      locale: request.locale,
      marketingChannels: request.marketing_channels,
      quietHours:
        request.quiet_hours === undefined
          ? undefined
          : request.quiet_hours && { start: request.quiet_hours.start, end: request.quiet_hours.end },
    });

    return toView(row);
  }

  async registerDevice(userId: string, request: RegisterDeviceRequest): Promise<DeviceView> {
    const row = await this.recipients.registerDevice(this.dataSource.manager, {
      token: request.token,
      userId,
      platform: request.platform,
    });

    return { platform: row.platform, created_at: row.created_at.toISOString() };
  }

  async unregisterDevice(userId: string, token: string): Promise<void> {
    // Another user's token answers like an unknown one.
    if (!(await this.recipients.unregisterDevice(this.dataSource.manager, userId, token))) {
      throw new DomainError('NOT_FOUND', 'No such device');
    }
  }
}
