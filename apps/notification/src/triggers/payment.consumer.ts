import { Injectable } from '@nestjs/common';
import { PAYMENT_EVENTS, type EventEnvelope, type PaymentIntentEvent } from '@ecom/contracts';
import { OnEvent } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { Dispatcher, originOf } from '../delivery/dispatcher.service';
import { paymentOutcome } from '../templates/message-templates';

/** The payer hears how their payment ended, in the inbox and on their devices. */
@Injectable()
export class PaymentConsumer {
  constructor(private readonly dispatcher: Dispatcher) {}

  @OnEvent(PAYMENT_EVENTS.intentSucceeded)
  async onSucceeded(event: EventEnvelope, manager: EntityManager): Promise<void> {
    await this.notify(event, manager, true);
  }

  @OnEvent(PAYMENT_EVENTS.intentFailed)
  async onFailed(event: EventEnvelope, manager: EntityManager): Promise<void> {
    await this.notify(event, manager, false);
  }

  private async notify(event: EventEnvelope, manager: EntityManager, succeeded: boolean): Promise<void> {
    const payment = event.data as unknown as PaymentIntentEvent;
    const template = succeeded ? 'payment.succeeded' : 'payment.failed';
    await this.dispatcher.toUser(
      manager,
      originOf(event, template, 'transactional'),
      payment.payer_id,
      ['in_app', 'push'],
      (locale) => paymentOutcome(payment, succeeded, locale),
    );
  }
}
