import { Injectable } from '@nestjs/common';
import {
  PAYMENT_SUBJECTS,
  RIDE_PAYMENT_INTENT_METHODS,
  type CancelIntentRequest,
  type CaptureIntentRequest,
  type CreateIntentRequest,
  type PaymentIntentView,
  type RecordCashRequest,
  type RidePaymentMethod,
} from '@ecom/contracts';
import { DomainError, ServiceClient } from '@ecom/platform';

import type { RideRow } from './rides.repository';

/** A settlement that may succeed if tried again (the payment service was away or slow). */
export function isRetryable(error: unknown): boolean {
  return (
    !(error instanceof DomainError) ||
    error.code === 'SERVICE_UNAVAILABLE' ||
    error.code === 'SERVICE_TIMEOUT' ||
    error.code === 'INTERNAL'
  );
}

/**
 * The ride's side of the payment service: one intent per ride (its id is the idempotency key), a hold of
 * the quoted fare for wallet rides, then a capture, a cash record or a cancellation.
 */
@Injectable()
export class RidePayments {
  constructor(private readonly payment: ServiceClient) {}

  async open(
    rideId: string,
    customerId: string,
    method: RidePaymentMethod,
    amount: number,
    description: string,
  ): Promise<PaymentIntentView> {
    const request: CreateIntentRequest = {
      idempotency_key: `ride:${rideId}`,
      purpose: 'ride',
      reference_id: rideId,
      payer_id: customerId,
      method: RIDE_PAYMENT_INTENT_METHODS[method],
      amount,
      currency: 'XOF',
      ...(method === 'wallet' ? { capture: 'manual' as const } : {}),
      description,
    };
    const intent = await this.payment.request<PaymentIntentView>(PAYMENT_SUBJECTS.createIntent, request);
    if (intent.status === 'failed' || intent.status === 'cancelled') {
      throw new DomainError('PAYMENT_DECLINED', intent.failure_reason ?? 'The payment was declined');
    }

    return intent;
  }

  /** Charges `amount` of the hold (wallet) or records the cash (cash), the driver as payee. */
  async settle(ride: RideRow, amount: number, commission: number): Promise<PaymentIntentView> {
    const intentId = this.intentOf(ride);
    if (!ride.driver_id) throw new Error(`Ride ${ride.id} has no driver to pay`);
    const payee = { type: 'driver' as const, id: ride.driver_id };
    if (ride.payment_method === 'wallet') {
      const capture: CaptureIntentRequest = {
        intent_id: intentId,
        amount,
        payee,
        commission_amount: commission,
      };

      return this.payment.request(PAYMENT_SUBJECTS.captureIntent, capture);
    }
    const cash: RecordCashRequest = { intent_id: intentId, amount, payee, commission_amount: commission };

    return this.payment.request(PAYMENT_SUBJECTS.recordCash, cash);
  }

  /** Releases the hold (wallet) or drops the cash intent: nothing is owed. */
  async cancel(intentId: string, reason: string): Promise<PaymentIntentView> {
    const request: CancelIntentRequest = { intent_id: intentId, reason };

    return this.payment.request(PAYMENT_SUBJECTS.cancelIntent, request);
  }

  intentOf(ride: RideRow): string {
    if (!ride.payment_intent_id) throw new Error(`Ride ${ride.id} has no payment intent`);

    return ride.payment_intent_id;
  }
}
