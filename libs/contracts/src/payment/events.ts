import type { Currency } from '../money';
import type { PaymentMethod, PaymentPurpose } from './intents';

/**
 * `payment.intent.succeeded|failed|cancelled|refunded`: consumers route on `purpose` and find their own
 * record by `reference_id` (wallet: recharge; marketplace: order; transport: ride).
 */
export interface PaymentIntentEvent {
  intent_id: string;
  purpose: PaymentPurpose;
  reference_id: string;
  reference_label: string | null;
  payer_id: string;
  method: PaymentMethod;
  amount: number;
  captured_amount: number;
  refunded_amount: number;
  currency: Currency;
  /** `failed`/`cancelled`: why. */
  reason: string | null;
  /** `refunded`: this refund's id and amount. */
  refund_id: string | null;
  refund_amount: number | null;
}
