import type { EventEnvelope } from '@ecom/contracts';
import { DeliverPolicy, type ConsumerMessages, type NatsConnection } from 'nats';

import type { Logger } from '../logging/logger';
import type { Naming } from './naming';

/** Retry pace while the events stream does not exist yet (no service has started) or was lost. */
const RETRY_MS = 2000;

export interface EventFollowerOptions {
  connection: NatsConnection;
  naming: Naming;
  logger: Logger;
  /** Event types to follow, a NATS wildcard allowed (`auth.user.>`). */
  filter: string;
  /** Where to start: events from this time on, or only those published from now (the default). */
  since?: () => Date;
  /** What the follower is for, in its log lines. */
  purpose: string;
  onEvent: (event: EventEnvelope<unknown>) => void;
}

/**
 * Gives every event of `filter` to this process, in stream order: an ordered, ephemeral JetStream consumer,
 * so that each replica sees all of them (a durable consumer would share them out). For in-process state
 * that follows facts of another service (revoked tokens, cached lookups); what must survive a restart
 * belongs in a durable consumer writing to the database instead.
 */
export class EventFollower {
  private messages?: ConsumerMessages;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(private readonly options: EventFollowerOptions) {}

  async start(): Promise<void> {
    const { connection, naming, filter, since, logger, purpose } = this.options;
    if (this.stopped) return;
    try {
      // One wildcard filter (NATS 2.9 has no multi-filter consumers).
      const consumer = await connection.jetstream().consumers.get(naming.eventsStream, {
        filterSubjects: naming.event(filter),
        ...(since
          ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: since().toISOString() }
          : { deliver_policy: DeliverPolicy.New }),
      });
      this.messages = await consumer.consume();
    } catch (error) {
      logger.warn(`Cannot follow events for ${purpose} yet; retrying`, { error });
      this.retry = setTimeout(() => void this.start(), RETRY_MS);

      return;
    }
    void this.read(this.messages);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.messages?.stop();
  }

  private async read(messages: ConsumerMessages): Promise<void> {
    try {
      for await (const message of messages) this.options.onEvent(message.json<EventEnvelope<unknown>>());
    } catch (error) {
      this.options.logger.warn(`Following events for ${this.options.purpose} failed; starting again`, {
        error,
      });
      this.retry = setTimeout(() => void this.start(), RETRY_MS);
    }
  }
}
