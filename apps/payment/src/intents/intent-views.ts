import type { PaymentIntentEvent, PaymentIntentView, Payee } from '@ecom/contracts';

import { amountOf, type IntentRow } from './intents.repository';

/** API.md `GET /payments/:id`. */
export function toIntentView(row: IntentRow): PaymentIntentView {
  return {
    id: row.id,
    amount: amountOf(row.amount),
    currency: row.currency,
    method: row.method,
    purpose: row.purpose,
    status: row.status,
    reference_id: row.reference_id,
    reference_label: row.reference_label,
    payer_id: row.payer_id,
    provider: row.provider,
    provider_reference: row.provider_reference,
    captured_amount: amountOf(row.captured_amount),
    refunded_amount: amountOf(row.refunded_amount),
    next_action: row.next_action,
    failure_reason: row.failure_reason,
    expires_at: row.expires_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

/** The outcome event consumers route on (purpose) and match to their own record (reference_id). */
export function toIntentEvent(
  row: IntentRow,
  refund: { id: string; amount: number } | null = null,
): PaymentIntentEvent {
  return {
    intent_id: row.id,
    purpose: row.purpose,
    reference_id: row.reference_id,
    reference_label: row.reference_label,
    payer_id: row.payer_id,
    method: row.method,
    amount: amountOf(row.amount),
    captured_amount: amountOf(row.captured_amount),
    refunded_amount: amountOf(row.refunded_amount),
    currency: row.currency,
    reason: row.failure_reason,
    refund_id: refund?.id ?? null,
    refund_amount: refund?.amount ?? null,
  };
}

/** The intent's payee, when it has one. */
export function payeeOf(row: IntentRow): Payee | undefined {
  return row.payee_type && row.payee_id ? { type: row.payee_type, id: row.payee_id } : undefined;
}
