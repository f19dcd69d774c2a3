import { Injectable } from '@nestjs/common';
import { PAYMENT_EVENTS, type EventEnvelope, type PaymentIntentEvent } from '@ecom/contracts';
import { OnEvent } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { RechargesService } from './recharges.service';

/** Only recharges: the outcomes of orders' and rides' payments belong to other services. */
const isRecharge = (event: EventEnvelope): boolean =>
  (event.data as Partial<PaymentIntentEvent>).purpose === 'wallet_recharge';

/** Outcomes of recharge payments. */
@Injectable()
export class PaymentOutcomeConsumer {
  constructor(private readonly recharges: RechargesService) {}

  @OnEvent(PAYMENT_EVENTS.intentSucceeded, { consumer: 'recharge-succeeded', when: isRecharge })
  async onSucceeded(event: EventEnvelope<PaymentIntentEvent>, manager: EntityManager): Promise<void> {
    await this.recharges.succeeded(manager, event.data);
  }

  @OnEvent(PAYMENT_EVENTS.intentFailed, { consumer: 'recharge-failed', when: isRecharge })
  async onFailed(event: EventEnvelope<PaymentIntentEvent>, manager: EntityManager): Promise<void> {
    await this.recharges.failed(manager, event.data);
  }

  @OnEvent(PAYMENT_EVENTS.intentCancelled, { consumer: 'recharge-cancelled', when: isRecharge })
  async onCancelled(event: EventEnvelope<PaymentIntentEvent>, manager: EntityManager): Promise<void> {
    await this.recharges.failed(manager, event.data);
  }
}
