import { randomUUID } from 'node:crypto';

import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@ecom/contracts';

import { currentContext } from '../context/request-context';
import { preparedQuery, type PreparedStatement } from '../db/database';
import { notifyAfterCommit } from '../db/notify-after-commit';
import { HEADER } from './headers';

const INSERT_OUTBOX: PreparedStatement = {
  name: 'platform.outbox.insert',
  text: 'INSERT INTO outbox (id, type, aggregate_id, envelope, headers) VALUES ($1, $2, $3, $4, $5)',
};

export interface PublishOptions {
  /** Events of one aggregate are relayed in the order they were written. */
  aggregateId?: string;
}

/**
 * Writes domain events to the app's outbox in the caller's transaction: the event exists if and only if
 * the state change it describes was committed. The relay publishes it afterwards.
 */
export class EventPublisher {
  constructor(
    private readonly source: string,
    private readonly channel: string,
  ) {}

  async publish<T>(
    manager: EntityManager,
    type: string,
    data: T,
    options: PublishOptions = {},
  ): Promise<EventEnvelope<T>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`Event ${type} must be published inside the transaction that makes the change`);
    }
    const context = currentContext();
    const id = randomUUID();
    const envelope: EventEnvelope<T> = {
      id,
      type,
      occurred_at: new Date().toISOString(),
      source: this.source,
      correlation_id: context?.correlationId ?? id,
      data,
    };
    const headers: Record<string, string> = {};
    if (context) headers[HEADER.requestId] = context.requestId;
    if (context?.traceparent) headers[HEADER.traceparent] = context.traceparent;
    await preparedQuery(manager, INSERT_OUTBOX, [
      id,
      type,
      options.aggregateId ?? null,
      JSON.stringify(envelope),
      JSON.stringify(headers),
    ]);
    notifyAfterCommit(manager, this.channel);

    return envelope;
  }
}
