import { Inject, Injectable } from '@nestjs/common';
import type { PrivacyExportReply } from '@ecom/contracts';
import { LOGGER, type Logger } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import { MessagesRepository } from '../messages/messages.repository';
import { RecipientsRepository } from '../recipients/recipients.repository';

/** The user's messages for an RGPD export, and their erasure. */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly messages: MessagesRepository,
    private readonly recipients: RecipientsRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async export(userId: string): Promise<PrivacyExportReply> {
    const { manager } = this.dataSource;
    const rows = await this.messages.findByUser(manager, userId);
    const recipient = await this.recipients.find(manager, userId);
    const devices = await this.recipients.devicesOf(manager, userId);

    return {
      service: 'notification',
      user_id: userId,
      data: {
        contact: recipient
          ? {
              phone: recipient.phone,
              email: recipient.email,
              locale: recipient.locale,
              marketing_channels: recipient.marketing_channels,
              quiet_hours: recipient.quiet_start
                ? { start: recipient.quiet_start, end: recipient.quiet_end }
                : null,
            }
          : null,
        devices: devices.map((device) => ({
          platform: device.platform,
          token: device.token,
          created_at: device.created_at.toISOString(),
        })),
        messages: rows.map((row) => ({
          id: row.id,
          channel: row.channel,
          recipient: row.recipient,
          template: row.template,
          locale: row.locale,
          body: row.body,
          status: row.status,
          attempts: row.attempts,
          read_at: row.read_at?.toISOString() ?? null,
          created_at: row.created_at.toISOString(),
          delivered_at: row.delivered_at?.toISOString() ?? null,
        })),
      },
    };
  }

  /**
   * Deletes every message addressed to the user (and, by cascade, its attempts), their contact details,
   * preferences and devices. OTP SMS carry no user id
   * (a code may go to a phone before any account exists) and age out with the sandbox outbox instead.
   */
  async erase(manager: EntityManager, userId: string): Promise<void> {
    const erased = await this.messages.eraseUser(manager, userId);
    await this.recipients.eraseUser(manager, userId);
    this.logger.info('Messages of an erased user deleted', { user_id: userId, messages: erased });
  }
}
