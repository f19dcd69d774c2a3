import { Injectable } from '@nestjs/common';
import { PAYMENT_EVENTS, type EventEnvelope, type PaymentIntentEvent } from '@ecom/contracts';
import { OnEvent } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { RechargesService } from './recharges.service';

/** Outcomes of recharge payments; other purposes (orders, rides) belong to other services. */
@Injectable()
export class PaymentOutcomeConsumer {
  constructor(private readonly recharges: RechargesService) {}

  @OnEvent(PAYMENT_EVENTS.intentSucceeded, { consumer: 'recharge-succeeded' })
  async onSucceeded(event: EventEnvelope<PaymentIntentEvent>, manager: EntityManager): Promise<void> {
    const intent = event.data;
    if (intent.purpose === 'wallet_recharge') await this.recharges.succeeded(manager, intent);
  }

  @OnEvent(PAYMENT_EVENTS.intentFailed, { consumer: 'recharge-failed' })
  async onFailed(event: EventEnvelope<PaymentIntentEvent>, manager: EntityManager): Promise<void> {
    const intent = event.data;
    if (intent.purpose === 'wallet_recharge') await this.recharges.failed(manager, intent);
  }

  @OnEvent(PAYMENT_EVENTS.intentCancelled, { consumer: 'recharge-cancelled' })
  async onCancelled(event: EventEnvelope<PaymentIntentEvent>, manager: EntityManager): Promise<void> {
    const intent = event.data;
    if (intent.purpose === 'wallet_recharge') await this.recharges.failed(manager, intent);
  }
}
