import { Inject, Injectable } from '@nestjs/common';
import { PAYMENT_EVENTS, type PaymentStatus } from '@ecom/contracts';
import { DomainError, EventPublisher, LOGGER, MetricsService, type Logger } from '@ecom/platform';
import type { Counter } from 'prom-client';
import type { EntityManager } from 'typeorm';

import { statusesBefore } from './intent-state';
import { toIntentEvent } from './intent-views';
import { amountOf, IntentsRepository, type IntentChanges, type IntentRow } from './intents.repository';

/** The event each outcome publishes; moves that are not outcomes (to `processing`) publish none. */
const OUTCOME_EVENTS: Partial<Record<PaymentStatus, string>> = {
  succeeded: PAYMENT_EVENTS.intentSucceeded,
  failed: PAYMENT_EVENTS.intentFailed,
  cancelled: PAYMENT_EVENTS.intentCancelled,
  refunded: PAYMENT_EVENTS.intentRefunded,
  partially_refunded: PAYMENT_EVENTS.intentRefunded,
};

export interface Moved {
  row: IntentRow;
  /** False when another caller (a concurrent callback, a retry) had already moved the intent. */
  changed: boolean;
}

/**
 * Every status change of an intent goes through here: the conditional update, the recorded transition and
 * the outcome event in the caller's transaction, so the event exists if and only if the change committed.
 */
@Injectable()
export class IntentOutcomesService {
  private readonly outcomes: Counter<'outcome' | 'method'>;

  constructor(
    private readonly intents: IntentsRepository,
    private readonly events: EventPublisher,
    metrics: MetricsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.outcomes = metrics.counter(
      'ecom_payment_intent_outcomes_total',
      'Payment intents settled, by outcome',
      ['outcome', 'method'],
    );
  }

  /** Moves the intent if the state machine allows it from where it is; else answers it unchanged. */
  async move(
    manager: EntityManager,
    id: string,
    to: PaymentStatus,
    cause: string,
    changes: IntentChanges = {},
    refund: { id: string; amount: number } | null = null,
  ): Promise<Moved> {
    const moved = await this.intents.transition(manager, id, statusesBefore(to), to, cause, changes);
    if (!moved) {
      const row = await this.intents.findById(manager, id);
      if (!row) throw new DomainError('PAYMENT_NOT_FOUND');

      return { row, changed: false };
    }
    const { row } = moved;
    const type = OUTCOME_EVENTS[to];
    if (type) {
      await this.events.publish(manager, type, toIntentEvent(row, refund), { aggregateId: row.id });
      this.outcomes.inc({ outcome: to, method: row.method });
    }
    this.logger.info('Payment intent moved', {
      intent_id: row.id,
      from: moved.previous,
      to,
      cause,
      amount: amountOf(row.amount),
    });

    return { row, changed: true };
  }
}
