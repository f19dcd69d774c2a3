import { randomUUID } from 'node:crypto';

import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@ecom/contracts';

import { currentContext } from '../context/request-context';
import { notifyAfterCommit } from '../db/notify-after-commit';
import { stageOutboxRow } from '../db/staged-outbox';
import { HEADER } from './headers';

export interface PublishOptions {
  /** Events of one aggregate are relayed in the order they were written. */
  aggregateId?: string;
}

/**
 * Writes domain events to the app's outbox in the caller's transaction: the event exists if and only if
 * the state change it describes was committed. The row goes with the transaction's next prepared
 * statement, or just before its commit (`stageOutboxRow`). The relay publishes it afterwards.
 */
export class EventPublisher {
  constructor(
    private readonly source: string,
    private readonly channel: string,
  ) {}

  /** Staging is synchronous; the promise lets callers treat it as the write it is, in order with theirs. */
  publish<T>(
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
    stageOutboxRow(manager.queryRunner, {
      id,
      type,
      aggregateId: options.aggregateId ?? null,
      envelope: JSON.stringify(envelope),
      headers: JSON.stringify(headers),
    });
    notifyAfterCommit(manager, this.channel);

    return Promise.resolve(envelope);
  }
}
