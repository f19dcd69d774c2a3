import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { NOTIFICATION_EVENTS, type EventEnvelope, type MessageSentEvent } from '@ecom/contracts';
import { EventPublisher, LOGGER, type Logger } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { SMS_CHANNEL, type SmsChannel } from '../channels/sms-channel';
import { maskAddress, type Locale } from '../templates/message-templates';
import { MessagesRepository } from './messages.repository';

export interface SmsToSend {
  event: EventEnvelope;
  to: string;
  recipientUserId: string | null;
  template: string;
  locale: Locale;
  body: string;
}

/**
 * Sends one SMS for one event, once: the message row is written first (unique per event, channel and
 * phone), then the provider is called and its answer recorded as an attempt. Runs inside the consumer's
 * inbox transaction. The body is never logged: it may hold a one-time code.
 */
@Injectable()
export class SmsDeliveryService {
  constructor(
    @Inject(SMS_CHANNEL) private readonly channel: SmsChannel,
    private readonly messages: MessagesRepository,
    private readonly events: EventPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async send(manager: EntityManager, sms: SmsToSend): Promise<void> {
    const id = randomUUID();
    const created = await this.messages.insertOnce(manager, {
      id,
      eventId: sms.event.id,
      eventType: sms.event.type,
      channel: 'sms',
      recipientUserId: sms.recipientUserId,
      recipient: sms.to,
      template: sms.template,
      locale: sms.locale,
      body: this.channel.keepsBody ? sms.body : null,
      provider: this.channel.provider,
      status: 'queued',
    });
    if (!created) return;
    const { provider } = this.channel;
    const result = await this.channel.send({ messageId: id, to: sms.to, body: sms.body });
    const to = maskAddress(sms.to);
    switch (result.outcome) {
      case 'sent': {
        await this.messages.recordAttempt(manager, id, {
          provider,
          outcome: 'sent',
          error: null,
          providerMessageId: result.providerMessageId,
        });
        const sent: MessageSentEvent = {
          message_id: id,
          channel: 'sms',
          provider,
          provider_message_id: result.providerMessageId,
        };
        await this.events.publish(manager, NOTIFICATION_EVENTS.messageSent, sent, { aggregateId: id });
        this.logger.info('SMS accepted by the provider', {
          message_id: id,
          template: sms.template,
          to,
          provider,
        });

        return;
      }
      case 'permanent':
        await this.messages.recordAttempt(manager, id, {
          provider,
          outcome: 'permanent',
          error: result.error,
          providerMessageId: null,
        });
        this.logger.warn('SMS refused permanently by the provider', {
          message_id: id,
          template: sms.template,
          to,
          provider,
          error: result.error,
        });

        return;
      case 'retryable':
        // TODO(#5): retries with backoff and jitter in their own transactions, so each try is recorded.
        // Until then the event is redelivered by JetStream, which rolls back this message and tries again.
        throw new Error(`SMS provider ${provider} failed for message ${id}: ${result.error}`);
    }
  }
}
