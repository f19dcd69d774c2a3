import { Injectable } from '@nestjs/common';
import { PAYMENT_EVENTS, type EventEnvelope, type PaymentIntentEvent } from '@ecom/contracts';
import { OnEvent } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { OrderLifecycleService, SYSTEM } from '../orders/order-lifecycle.service';

/** Only orders' intents: recharges and rides belong to other services. */
const isOrderIntent = (event: EventEnvelope): boolean =>
  (event.data as Partial<PaymentIntentEvent>).purpose === 'order';

/**
 * Outcomes of the orders' payment intents. Each handler is a conditional update (paid only while
 * pending, cancelled only while live), so a redelivered or late event changes nothing twice.
 */
@Injectable()
export class PaymentEventsConsumer {
  constructor(private readonly lifecycle: OrderLifecycleService) {}

  @OnEvent(PAYMENT_EVENTS.intentSucceeded, { consumer: 'order-paid', when: isOrderIntent })
  async onSucceeded(event: EventEnvelope<PaymentIntentEvent>, manager: EntityManager): Promise<void> {
    await this.lifecycle.markPaid(manager, event.data.reference_id, event.data.intent_id);
  }

  /** Refused or abandoned: the order is cancelled and its stock goes back, once. */
  @OnEvent(PAYMENT_EVENTS.intentFailed, { consumer: 'order-payment-failed', when: isOrderIntent })
  async onFailed(event: EventEnvelope<PaymentIntentEvent>, manager: EntityManager): Promise<void> {
    await this.cancelUnpaid(event, manager, 'payment failed');
  }

  @OnEvent(PAYMENT_EVENTS.intentCancelled, { consumer: 'order-payment-cancelled', when: isOrderIntent })
  async onCancelled(event: EventEnvelope<PaymentIntentEvent>, manager: EntityManager): Promise<void> {
    await this.cancelUnpaid(event, manager, 'payment cancelled');
  }

  @OnEvent(PAYMENT_EVENTS.intentRefunded, { consumer: 'order-refunded', when: isOrderIntent })
  async onRefunded(event: EventEnvelope<PaymentIntentEvent>, manager: EntityManager): Promise<void> {
    await this.lifecycle.markRefunded(manager, event.data.reference_id);
  }

  private async cancelUnpaid(
    event: EventEnvelope<PaymentIntentEvent>,
    manager: EntityManager,
    reason: string,
  ): Promise<void> {
    const intent = event.data;
    // Only the intent the order currently waits on: a replaced one (paid another way) says nothing.
    const [order] = await manager.query<{ id: string }[]>(
      `SELECT id FROM orders WHERE id = $1 AND payment_intent_id = $2 AND payment_status = 'pending'`,
      [intent.reference_id, intent.intent_id],
    );
    if (order) await this.lifecycle.transition(manager, order.id, 'cancel', SYSTEM, intent.reason ?? reason);
  }
}
