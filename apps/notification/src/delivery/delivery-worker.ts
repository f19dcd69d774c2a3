import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { NOTIFICATION_EVENTS, type MessageSentEvent, type NotificationChannel } from '@ecom/contracts';
import { EventPublisher, LOGGER, SingleFlight, type Logger } from '@ecom/platform';
import { Client } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';

import {
  DELIVERY_CHANNELS,
  type DeliveryChannels,
  type MessageContent,
  type SendResult,
} from '../channels/delivery-channel';
import { NotificationConfig } from '../config';
import { MessagesRepository, type MessageRow } from '../messages/messages.repository';
import { DELIVERY_WAKE_CHANNEL } from '../messages/messages.repository';
import { RecipientsRepository } from '../recipients/recipients.repository';
import { maskAddress, toLocale } from '../templates/message-templates';
import { DeliveryMetrics } from './delivery-metrics';
import { Dispatcher } from './dispatcher.service';
import { MessageSealer } from './message-sealer';
import { backoffMs } from './schedule';

/** Where a security message goes when its channel fails for good: SMS, then WhatsApp, then push. */
const FAILOVER: Partial<Record<NotificationChannel, NotificationChannel>> = {
  sms: 'whatsapp',
  whatsapp: 'push',
};

/**
 * Sends queued messages, outside any long transaction: claims due rows (a short transaction), calls each
 * provider with no transaction open, then records each try in its own transaction. Retryable failures come
 * back after an exponential, jittered delay until DELIVERY_MAX_ATTEMPTS; a permanent one fails at once. A
 * security message that fails for good is re-sent on the next channel. Woken by NOTIFY on commit, polls
 * for retries coming due; every replica runs one and they share the rows.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private readonly rounds = new SingleFlight(() => this.drain());

  constructor(
    private readonly dataSource: DataSource,
    private readonly messages: MessagesRepository,
    private readonly recipients: RecipientsRepository,
    private readonly dispatcher: Dispatcher,
    private readonly sealer: MessageSealer,
    private readonly events: EventPublisher,
    private readonly metrics: DeliveryMetrics,
    private readonly config: NotificationConfig,
    @Inject(DELIVERY_CHANNELS) private readonly channels: DeliveryChannels,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.listener = new Client({ connectionString: this.config.DATABASE_URL });
    this.listener.on('notification', () => {
      this.rounds.wake();
    });
    this.listener.on('error', (error) => {
      this.logger.warn('Delivery listener connection failed; polling continues', { error });
    });
    await this.listener.connect();
    await this.listener.query(`LISTEN "${DELIVERY_WAKE_CHANNEL}"`);
    this.timer = setInterval(() => {
      this.rounds.wake();
    }, this.config.DELIVERY_POLL_MS);
    this.rounds.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.rounds.stop();
    await this.listener?.end().catch(() => undefined);
  }

  private async drain(): Promise<void> {
    const { DELIVERY_BATCH: batch, DELIVERY_LEASE_MS: lease } = this.config;
    try {
      let claimed: MessageRow[];
      do {
        claimed = await this.dataSource.transaction((manager) =>
          this.messages.claimDue(manager, batch, lease),
        );
        await Promise.all(this.byAddress(claimed).map((rows) => this.deliverInTurn(rows)));
      } while (claimed.length === batch && !this.rounds.isStopped);
    } catch (error) {
      this.logger.warn('Delivery round failed; due messages wait for the next one', { error });
    }
  }

  /** Messages to one address go in turn, oldest due first; different addresses in parallel. */
  private byAddress(rows: MessageRow[]): MessageRow[][] {
    const groups = new Map<string, MessageRow[]>();
    for (const row of rows) {
      const key = `${row.channel}:${row.recipient}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }

    return [...groups.values()];
  }

  private async deliverInTurn(rows: MessageRow[]): Promise<void> {
    for (const row of rows) await this.deliver(row);
  }

  private async deliver(row: MessageRow): Promise<void> {
    const attempt = row.attempts + 1;
    try {
      if (row.channel === 'sms' && (await this.rateLimited(row))) return;
      const adapter = this.channels.get(row.channel);
      const provider = adapter?.provider ?? row.provider ?? 'none';
      const content = this.openContent(row);
      let result: SendResult;
      if (!adapter || !content) {
        result = {
          outcome: 'permanent',
          error: `UNDELIVERABLE: no ${adapter ? 'readable content' : 'adapter'} for ${row.channel}`,
        };
      } else {
        const started = process.hrtime.bigint();
        result = await adapter.send({
          ...content,
          messageId: row.id,
          to: row.recipient,
          attempt,
          locale: row.locale,
        });
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        this.metrics.providerAnswered(row.channel, provider, result.outcome, seconds);
      }
      await this.dataSource.transaction((manager) =>
        this.record(manager, row, attempt, provider, result, content),
      );
    } catch (error) {
      // The lease brings the message back: nothing was recorded for this try.
      this.logger.error('Delivery of a message failed before its outcome was recorded', {
        message_id: row.id,
        error,
      });
    }
  }

  /** Undefined when the content is gone or sealed with another key: no later try could read it either. */
  private openContent(row: MessageRow): MessageContent | undefined {
    if (row.sealed_content === null) return undefined;
    try {
      return this.sealer.open(row.sealed_content, row.id);
    } catch {
      return undefined;
    }
  }

  /** Too many SMS to this phone in the last minute: wait until the oldest leaves the minute. */
  private async rateLimited(row: MessageRow): Promise<boolean> {
    const freeAt = await this.dataSource.transaction((manager) =>
      this.messages.takeSendSlot(manager, row.channel, row.recipient, this.config.SMS_RATE_LIMIT_PER_MINUTE),
    );
    if (freeAt === null) return false;
    await this.messages.postpone(this.dataSource.manager, row.id, freeAt);
    this.metrics.message(row.channel, 'postponed');
    this.logger.info('SMS postponed: rate limit of the phone reached', { message_id: row.id });

    return true;
  }

  private async record(
    manager: EntityManager,
    row: MessageRow,
    attempt: number,
    provider: string,
    result: SendResult,
    content: MessageContent | undefined,
  ): Promise<void> {
    const retry = result.outcome === 'retryable' && attempt < this.config.DELIVERY_MAX_ATTEMPTS;
    const retryAt = retry
      ? new Date(
          Date.now() +
            backoffMs(attempt, this.config.DELIVERY_BACKOFF_BASE_MS, this.config.DELIVERY_BACKOFF_MAX_MS),
        )
      : null;
    const finished = await this.messages.finishAttempt(manager, row.id, {
      attempt,
      provider,
      outcome: result.outcome,
      error: result.outcome === 'sent' ? null : result.error,
      providerMessageId: result.outcome === 'sent' ? result.providerMessageId : null,
      retryAt,
    });
    if (!finished) return;
    const log = { message_id: row.id, template: row.template, channel: row.channel, provider, attempt };
    if (result.outcome === 'sent') {
      const sent: MessageSentEvent = {
        message_id: row.id,
        channel: row.channel,
        provider,
        provider_message_id: result.providerMessageId,
      };
      await this.events.publish(manager, NOTIFICATION_EVENTS.messageSent, sent, { aggregateId: row.id });
      this.metrics.message(row.channel, 'sent');
      this.logger.info('Message accepted by the provider', log);

      return;
    }
    if (retryAt) {
      this.metrics.retry(row.channel, provider);
      this.logger.warn('Message will be retried', {
        ...log,
        retry_at: retryAt.toISOString(),
        error: result.error,
      });

      return;
    }
    this.metrics.message(row.channel, 'failed');
    this.logger.warn('Message failed for good', {
      ...log,
      to: maskAddress(row.recipient),
      error: result.error,
    });
    if (result.invalidAddress && row.channel === 'push')
      await this.recipients.pruneDevice(manager, row.recipient);
    if (row.topic === 'security' && content) await this.failover(manager, row, content);
  }

  /** Re-sends a failed security message on the next channel that reaches the same person. */
  private async failover(manager: EntityManager, row: MessageRow, content: MessageContent): Promise<void> {
    const origin = {
      eventId: row.event_id,
      eventType: row.event_type,
      template: row.template,
      topic: row.topic,
      failoverOf: row.id,
    };
    const locale = toLocale(row.locale);
    for (let channel = FAILOVER[row.channel]; channel; channel = FAILOVER[channel]) {
      let addresses: { address: string; userId: string | null }[];
      if (channel === 'whatsapp') {
        addresses = [{ address: row.recipient, userId: row.recipient_user_id }];
      } else {
        const userId =
          row.recipient_user_id ?? (await this.recipients.findByPhone(manager, row.recipient))?.user_id;
        addresses = userId
          ? (await this.dispatcher.addresses(manager, channel, userId, undefined)).map((address) => ({
              address,
              userId,
            }))
          : [];
      }
      let recorded = 0;
      for (const { address, userId } of addresses) {
        const target = { channel, address, userId, locale, content };
        if (await this.dispatcher.toAddress(manager, origin, target)) recorded += 1;
      }
      if (recorded > 0) {
        this.logger.info('Security message failed over to another channel', {
          message_id: row.id,
          from: row.channel,
          to: channel,
        });

        return;
      }
    }
  }
}
