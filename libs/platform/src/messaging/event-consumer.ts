import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import {
  AckPolicy,
  DeliverPolicy,
  headers as natsHeaders,
  nanos,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from 'nats';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@ecom/contracts';

import { runWithContext } from '../context/request-context';
import { toFieldErrors } from '../errors/validation';
import type { Logger } from '../logging/logger';
import type { MetricsService } from '../metrics/metrics.service';
import { inSpan, SpanKind } from '../tracing/tracing';
import { HEADER } from './headers';
import { isNotFound } from './jetstream';
import type { Naming } from './naming';
import type { OnEventMetadata } from './on-event.decorator';

export type EventHandler = (event: EventEnvelope, manager: EntityManager) => Promise<void>;

export interface DeliveryPolicy {
  maxDeliver: number;
  backoffMs: number[];
  ackWaitMs: number;
}

export interface EventConsumerOptions {
  app: string;
  metadata: OnEventMetadata;
  handler: EventHandler;
  dataSource: DataSource;
  jetstream: JetStreamClient;
  manager: JetStreamManager;
  naming: Naming;
  policy: DeliveryPolicy;
  logger: Logger;
  metrics: MetricsService;
}

/** An event that can never be applied: retrying it is pointless. */
class PermanentEventError extends Error {}

/**
 * One durable JetStream consumer (app, event type) feeding one handler, in order. Each event is applied
 * in a transaction whose first statement records it in the inbox; acked after commit; on failure
 * redelivered after a growing delay; after the last delivery republished to `dlq.<subject>` and acked.
 */
export class EventConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  readonly name: string;

  constructor(private readonly options: EventConsumerOptions) {
    this.name = options.metadata.consumer ?? options.metadata.type;
  }

  async start(): Promise<void> {
    const { manager, jetstream, naming, app, metadata, policy } = this.options;
    const durable = naming.durable(app, this.name);
    const config = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: metadata.deliver === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
      filter_subject: naming.event(metadata.type),
      ack_wait: nanos(policy.ackWaitMs),
      // One delivery beyond our last attempt: if the process dies during it, the next one dead-letters.
      max_deliver: policy.maxDeliver + 1,
      max_ack_pending: 1000,
    };
    try {
      await manager.consumers.info(naming.eventsStream, durable);
      await manager.consumers.update(naming.eventsStream, durable, {
        ack_wait: config.ack_wait,
        max_deliver: config.max_deliver,
        max_ack_pending: config.max_ack_pending,
      });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await manager.consumers.add(naming.eventsStream, config);
    }
    const consumer = await jetstream.consumers.get(naming.eventsStream, durable);
    this.messages = await consumer.consume({ max_messages: 64 });
    this.loop = this.run(this.messages);
  }

  /** Stops taking deliveries and waits for the event in hand to finish. */
  async stop(): Promise<void> {
    this.messages?.stop();
    await this.loop;
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) {
      await this.deliver(message);
    }
  }

  private async deliver(message: JsMsg): Promise<void> {
    const { logger } = this.options;
    let envelope: EventEnvelope;
    try {
      envelope = message.json<EventEnvelope>();
    } catch (error) {
      await this.deadLetter(message, undefined, error);

      return;
    }
    const context = {
      requestId: message.headers?.get(HEADER.requestId) || envelope.id,
      correlationId: envelope.correlation_id,
      traceparent: message.headers?.get(HEADER.traceparent) || undefined,
      subject: envelope.type,
    };
    await runWithContext(context, () =>
      inSpan(`event ${envelope.type}`, SpanKind.CONSUMER, context.traceparent, async () => {
        try {
          if (this.options.metadata.when?.(envelope) === false) {
            message.ack();
            this.options.metrics.eventsConsumed.inc({ consumer: this.name, outcome: 'ignored' });

            return;
          }
          const applied = await this.apply(envelope);
          message.ack();
          this.options.metrics.eventsConsumed.inc({
            consumer: this.name,
            outcome: applied ? 'applied' : 'duplicate',
          });
        } catch (error) {
          const delivery = message.info.deliveryCount;
          if (error instanceof PermanentEventError || delivery >= this.options.policy.maxDeliver) {
            await this.deadLetter(message, envelope, error);

            return;
          }
          const backoff = this.options.policy.backoffMs;
          const delay = backoff[Math.min(delivery - 1, backoff.length - 1)] ?? 0;
          logger.warn('Event handler failed; it will be redelivered', {
            event_id: envelope.id,
            delivery,
            delay,
            error,
          });
          this.options.metrics.eventsConsumed.inc({ consumer: this.name, outcome: 'retried' });
          message.nak(delay);
        }
      }),
    );
  }

  /** True when applied now, false when the inbox shows it was applied before. */
  private async apply(envelope: EventEnvelope): Promise<boolean> {
    const { dataSource, metadata, handler } = this.options;
    if (metadata.payload) await this.validatePayload(envelope, metadata.payload);

    return dataSource.transaction(async (manager) => {
      const inserted = await manager.query<unknown[]>(
        'INSERT INTO inbox (event_id, consumer, event_type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id',
        [envelope.id, this.name, envelope.type],
      );
      if (inserted.length === 0) return false;
      await handler(envelope, manager);

      return true;
    });
  }

  private async validatePayload(envelope: EventEnvelope, payload: new () => object): Promise<void> {
    const instance = plainToInstance(payload, envelope.data);
    const errors = await validate(instance);
    if (errors.length > 0) {
      const fields = toFieldErrors(errors)
        .map((error) => `${error.field}: ${error.message}`)
        .join('; ');
      throw new PermanentEventError(`Invalid ${envelope.type} payload: ${fields}`);
    }
    envelope.data = instance as Record<string, unknown>;
  }

  private async deadLetter(
    message: JsMsg,
    envelope: EventEnvelope | undefined,
    error: unknown,
  ): Promise<void> {
    const { jetstream, naming, logger, metrics, app } = this.options;
    const headers = natsHeaders();
    headers.set('Ecom-Consumer', `${app}.${this.name}`);
    headers.set('Ecom-Error', error instanceof Error ? error.message.slice(0, 500) : 'unknown error');
    headers.set('Ecom-Deliveries', String(message.info.deliveryCount));
    const type = envelope?.type ?? naming.local(message.subject).replace(/^events\./, '');
    await jetstream.publish(naming.deadLetter(type), message.data, {
      headers,
      msgID: `${envelope?.id ?? message.seq}:${app}.${this.name}`,
    });
    message.term();
    metrics.eventsDeadLettered.inc({ consumer: this.name });
    metrics.eventsConsumed.inc({ consumer: this.name, outcome: 'dead_lettered' });
    logger.error('Event dead-lettered after its last delivery', {
      event_id: envelope?.id,
      event_type: type,
      consumer: this.name,
      deliveries: message.info.deliveryCount,
      error,
    });
  }
}
