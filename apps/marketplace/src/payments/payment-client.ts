import { Injectable } from '@nestjs/common';
import {
  PAYMENT_SUBJECTS,
  type CancelIntentRequest,
  type CreateIntentRequest,
  type PaymentIntentView,
  type PaymentMethod,
  type RecordCashRequest,
  type RefundIntentRequest,
} from '@ecom/contracts';
import { ServiceClient } from '@ecom/platform';

export interface PayableOrder {
  id: string;
  order_number: string;
  customer_id: string;
  store_id: string;
  total_amount: string;
  commission_amount: string;
  payment_intent_id: string | null;
}

/**
 * The payment service as the marketplace uses it. Every command carries a key derived from the order,
 * so a retry (a crash, the follow-up job, a concurrent request) can never create, refund or record twice.
 */
@Injectable()
export class PaymentClient {
  constructor(private readonly client: ServiceClient) {}

  /**
   * Wallet orders are captured at once (`immediate`) rather than held until delivery: the money leaves
   * the customer's available balance at once either way, the store sees a paid order it can prepare
   * without a second step that could fail at the door, and a cancel or refund is one operation.
   */
  createIntent(
    order: PayableOrder,
    method: PaymentMethod,
    payerPhone: string | null,
  ): Promise<PaymentIntentView> {
    const request: CreateIntentRequest = {
      idempotency_key: `order:${order.id}:${method}`,
      purpose: 'order',
      reference_id: order.id,
      reference_label: order.order_number,
      payer_id: order.customer_id,
      method,
      amount: Number(order.total_amount),
      currency: 'XOF',
      ...(payerPhone && method !== 'wallet' && method !== 'cash_on_delivery'
        ? { payer_phone: payerPhone }
        : {}),
      ...(method === 'wallet' ? { capture: 'immediate' as const } : {}),
      payee: { type: 'store', id: order.store_id },
      commission_amount: Number(order.commission_amount),
      description: `Commande ${order.order_number}`,
    };

    return this.client.request(PAYMENT_SUBJECTS.createIntent, request);
  }

  refund(order: PayableOrder & { payment_intent_id: string }, reason: string): Promise<unknown> {
    const request: RefundIntentRequest = {
      intent_id: order.payment_intent_id,
      idempotency_key: `order-refund:${order.id}`,
      reason,
    };

    return this.client.request(PAYMENT_SUBJECTS.refund, request);
  }

  /** Cash on delivery: the store collected the total and owes the platform its commission. */
  recordCash(order: PayableOrder & { payment_intent_id: string }): Promise<unknown> {
    const request: RecordCashRequest = {
      intent_id: order.payment_intent_id,
      amount: Number(order.total_amount),
      payee: { type: 'store', id: order.store_id },
      commission_amount: Number(order.commission_amount),
    };

    return this.client.request(PAYMENT_SUBJECTS.recordCash, request);
  }

  cancel(intentId: string, reason: string): Promise<unknown> {
    const request: CancelIntentRequest = { intent_id: intentId, reason };

    return this.client.request(PAYMENT_SUBJECTS.cancelIntent, request);
  }
}
