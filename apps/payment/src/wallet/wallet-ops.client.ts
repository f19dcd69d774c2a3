import { Injectable } from '@nestjs/common';
import {
  WALLET_SUBJECTS,
  type CaptureRequest,
  type CashCommissionRequest,
  type DebitRequest,
  type HoldRequest,
  type HoldView,
  type Payee,
  type RefundRequest,
  type ReleaseRequest,
  type TransactionCategory,
  type WalletTransactionView,
} from '@ecom/contracts';
import { ServiceClient } from '@ecom/platform';

import { payeeOf } from '../intents/intent-views';
import { amountOf, type IntentRow } from '../intents/intents.repository';

/** What the wallet books a payment under, on the payer's transaction list. */
const CATEGORIES: Record<IntentRow['purpose'], TransactionCategory> = {
  order: 'shopping',
  ride: 'transport',
  wallet_recharge: 'recharge',
};

/**
 * The wallet service's operations, as the payment service uses them. Each idempotency key is derived from
 * the intent (and the refund), so a retry after a timeout, a restart or a reconciliation run asks the
 * wallet for the same operation again and the wallet answers its first result: money moves once.
 */
@Injectable()
export class WalletOpsClient {
  constructor(private readonly client: ServiceClient) {}

  debit(intent: IntentRow): Promise<WalletTransactionView> {
    const request: DebitRequest = {
      ...this.context(intent),
      idempotency_key: `payment:${intent.id}:debit`,
      user_id: intent.payer_id,
      payee: payeeOf(intent),
      commission_amount: intent.commission_amount === null ? undefined : amountOf(intent.commission_amount),
    };

    return this.client.request(WALLET_SUBJECTS.debit, request);
  }

  hold(intent: IntentRow): Promise<HoldView> {
    const request: HoldRequest = {
      ...this.context(intent),
      idempotency_key: `payment:${intent.id}:hold`,
      user_id: intent.payer_id,
    };

    return this.client.request(WALLET_SUBJECTS.hold, request);
  }

  capture(
    intent: IntentRow,
    holdId: string,
    amount: number,
    payee: Payee | undefined,
    commission: number | undefined,
  ): Promise<HoldView> {
    const request: CaptureRequest = {
      idempotency_key: `payment:${intent.id}:capture`,
      hold_id: holdId,
      amount,
      currency: intent.currency,
      payee,
      commission_amount: commission,
    };

    return this.client.request(WALLET_SUBJECTS.capture, request);
  }

  release(intent: IntentRow, holdId: string): Promise<HoldView> {
    const request: ReleaseRequest = { idempotency_key: `payment:${intent.id}:release`, hold_id: holdId };

    return this.client.request(WALLET_SUBJECTS.release, request);
  }

  refund(
    intent: IntentRow,
    transactionId: string,
    refundKey: string,
    amount: number,
    reason: string,
  ): Promise<WalletTransactionView> {
    const request: RefundRequest = {
      idempotency_key: `payment:${intent.id}:refund:${refundKey}`,
      transaction_id: transactionId,
      amount,
      currency: intent.currency,
      description: reason,
    };

    return this.client.request(WALLET_SUBJECTS.refund, request);
  }

  cashCommission(intent: IntentRow, payee: Payee, commission: number): Promise<unknown> {
    const request: CashCommissionRequest = {
      idempotency_key: `payment:${intent.id}:cash-commission`,
      amount: commission,
      currency: intent.currency,
      payee,
      reference: intent.reference_label ?? undefined,
      related_service_id: intent.id,
    };

    return this.client.request(WALLET_SUBJECTS.bookCashCommission, request);
  }

  private context(
    intent: IntentRow,
  ): Pick<
    DebitRequest,
    'amount' | 'currency' | 'category' | 'description' | 'reference' | 'related_service_id'
  > {
    return {
      amount: amountOf(intent.amount),
      currency: intent.currency,
      category: CATEGORIES[intent.purpose],
      description: intent.description ?? undefined,
      reference: intent.reference_label ?? undefined,
      related_service_id: intent.id,
    };
  }
}
