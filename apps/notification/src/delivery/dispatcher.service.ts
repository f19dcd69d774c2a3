import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope, NotificationChannel } from '@ecom/contracts';
import type { EntityManager } from 'typeorm';

import { DELIVERY_CHANNELS, type DeliveryChannels, type MessageContent } from '../channels/delivery-channel';
import { MessagesRepository, type MessageTopic } from '../messages/messages.repository';
import { RecipientsRepository, type RecipientRow } from '../recipients/recipients.repository';
import { toLocale, type Locale } from '../templates/message-templates';
import { DeliveryMetrics } from './delivery-metrics';
import { MessageSealer } from './message-sealer';
import { quietUntil } from './schedule';

/** Where a message comes from: its event (the once-only key), template and topic. */
export interface Origin {
  eventId: string;
  eventType: string;
  template: string;
  topic: MessageTopic;
  /** The security message this one re-sends on another channel. */
  failoverOf?: string;
}

export interface Target {
  channel: NotificationChannel;
  address: string;
  userId: string | null;
  locale: Locale;
  content: MessageContent;
  /** For quiet hours; absent means none. */
  recipient?: RecipientRow;
}

export function originOf(event: EventEnvelope, template: string, topic: MessageTopic): Origin {
  return { eventId: event.id, eventType: event.type, template, topic };
}

/**
 * Records messages inside the caller's transaction (a consumer's, with its inbox row): one per (event,
 * channel, address), whatever the redeliveries. Nothing is sent here: in_app is delivered by being stored,
 * every other channel is queued for the DeliveryWorker, woken (by a trigger) when the transaction commits.
 */
@Injectable()
export class Dispatcher {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly recipients: RecipientsRepository,
    private readonly sealer: MessageSealer,
    private readonly metrics: DeliveryMetrics,
    @Inject(DELIVERY_CHANNELS) private readonly channels: DeliveryChannels,
  ) {}

  /**
   * One user on each of `channels` they can be reached on (their phone, their devices…), in their locale.
   * Marketing goes only to channels they opted into. Answers how many messages were recorded.
   */
  async toUser(
    manager: EntityManager,
    origin: Origin,
    userId: string,
    channels: readonly NotificationChannel[],
    render: (locale: Locale) => MessageContent,
  ): Promise<number> {
    const recipient = await this.recipients.find(manager, userId);
    const locale = toLocale(recipient?.locale);
    const content = render(locale);
    let recorded = 0;
    for (const channel of channels) {
      if (origin.topic === 'marketing' && !recipient?.marketing_channels.includes(channel)) {
        this.metrics.message(channel, 'suppressed');
        continue;
      }
      for (const address of await this.addresses(manager, channel, userId, recipient)) {
        const target = { channel, address, userId, locale, content, recipient };
        if (await this.toAddress(manager, origin, target)) recorded += 1;
      }
    }

    return recorded;
  }

  /** One message to one address; false when this event already has it (a redelivery). */
  async toAddress(manager: EntityManager, origin: Origin, target: Target): Promise<boolean> {
    const id = randomUUID();
    const common = {
      id,
      eventId: origin.eventId,
      eventType: origin.eventType,
      channel: target.channel,
      recipientUserId: target.userId,
      recipient: target.address,
      template: origin.template,
      locale: target.locale,
      topic: origin.topic,
      failoverOf: origin.failoverOf ?? null,
    };
    if (target.channel === 'in_app') {
      const created = await this.messages.insertOnce(manager, {
        ...common,
        body: target.content.body,
        provider: 'in_app',
        status: 'delivered',
        sealedContent: null,
        nextAttemptAt: null,
      });
      if (created) this.metrics.message('in_app', 'delivered');

      return created;
    }
    const adapter = this.channels.get(target.channel);
    if (!adapter) throw new Error(`No adapter for the ${target.channel} channel`);
    const quiet = target.recipient;
    const waitUntil =
      origin.topic !== 'security' && quiet?.quiet_start && quiet.quiet_end
        ? quietUntil(new Date(), quiet.quiet_start, quiet.quiet_end)
        : null;
    const created = await this.messages.insertOnce(manager, {
      ...common,
      body: adapter.keepsBody ? target.content.body : null,
      provider: adapter.provider,
      status: 'queued',
      sealedContent: this.sealer.seal(target.content, id),
      nextAttemptAt: waitUntil ?? new Date(),
    });
    if (created) this.metrics.message(target.channel, 'queued');

    return created;
  }

  /** The addresses a user has on a channel: their phone, email, every registered device, or themselves. */
  async addresses(
    manager: EntityManager,
    channel: NotificationChannel,
    userId: string,
    recipient: RecipientRow | undefined,
  ): Promise<string[]> {
    switch (channel) {
      case 'in_app':
        return [userId];
      case 'sms':
      case 'whatsapp':
        return recipient?.phone ? [recipient.phone] : [];
      case 'email':
        return recipient?.email ? [recipient.email] : [];
      case 'push':
        return (await this.recipients.devicesOf(manager, userId)).map((device) => device.token);
    }
  }
}
