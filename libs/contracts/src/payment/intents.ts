import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { MAX_AMOUNT, MoneyAmount, type Currency } from '../money';
import { NestedInstance } from '../nested';
import { Payee } from '../wallet/operations';

export const PAYMENT_PURPOSES = ['order', 'ride', 'wallet_recharge'] as const;

export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number];

/** Methods a payer can choose; `yas`, `flooz`, `pispi` and `visa` go through a provider. */
export const PAYMENT_METHODS = ['wallet', 'cash_on_delivery', 'yas', 'flooz', 'pispi', 'visa'] as const;

export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PROVIDER_METHODS = ['yas', 'flooz', 'pispi', 'visa'] as const satisfies readonly PaymentMethod[];

export type ProviderMethod = (typeof PROVIDER_METHODS)[number];

export const PAYMENT_STATUSES = [
  'pending',
  'processing',
  'succeeded',
  'failed',
  'cancelled',
  'refunded',
  'partially_refunded',
] as const;

export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * `immediate`: the money moves as soon as the payer agrees. `manual` (wallet only): a hold is placed and
 * the intent stays `processing` until `payment.intents.capture` (final amount, at most the hold) or
 * `payment.intents.cancel` (hold released).
 */
export const CAPTURE_MODES = ['immediate', 'manual'] as const;

export type CaptureMode = (typeof CAPTURE_MODES)[number];

export class CreateIntentRequest extends MoneyAmount {
  /** Unique per intent: the same key answers the same intent. */
  @IsString()
  @Length(8, 200)
  idempotency_key!: string;

  @IsIn(PAYMENT_PURPOSES)
  purpose!: PaymentPurpose;

  /** The order, ride or recharge id the intent pays for; carried back on every outcome event. */
  @IsUUID()
  reference_id!: string;

  /** Human label: an order number. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  reference_label?: string;

  @IsUUID()
  payer_id!: string;

  @IsIn(PAYMENT_METHODS)
  method!: PaymentMethod;

  /** Mobile money: the phone the push request goes to (E.164). */
  @IsOptional()
  @Matches(/^\+\d{8,15}$/)
  payer_phone?: string;

  @IsOptional()
  @IsIn(CAPTURE_MODES)
  capture?: CaptureMode;

  /** Who is paid (store or driver) and the platform's commission; none for a recharge. */
  @IsOptional()
  @ValidateNested()
  @NestedInstance(Payee)
  payee?: Payee;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  commission_amount?: number;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  description?: string;
}

export class IntentIdRequest {
  @IsUUID()
  intent_id!: string;
}

export class CaptureIntentRequest extends IntentIdRequest {
  /** Final amount, at most the authorised amount; the whole when absent. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount?: number;

  /** Who is paid, when only known at capture (the driver who took the ride); else the intent's payee. */
  @IsOptional()
  @ValidateNested()
  @NestedInstance(Payee)
  payee?: Payee;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  commission_amount?: number;
}

export class CancelIntentRequest extends IntentIdRequest {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reason?: string;
}

/** Cash on delivery or a cash ride: the payee collected `amount` in cash. */
export class RecordCashRequest extends IntentIdRequest {
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount!: number;

  /** Who collected the cash and owes the commission; else the intent's payee. */
  @IsOptional()
  @ValidateNested()
  @NestedInstance(Payee)
  payee?: Payee;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  commission_amount?: number;
}

export class RefundIntentRequest extends IntentIdRequest {
  @IsString()
  @Length(8, 200)
  idempotency_key!: string;

  /** Partial refund; the rest of what was captured when absent. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount?: number;

  @IsString()
  @Length(1, 200)
  reason!: string;
}

/**
 * What the payer must do next: confirm the push on the phone, open the card checkout, or confirm the card
 * in the app with the card acquirer's SDK (`client_secret`).
 */
export interface PaymentNextAction {
  type: 'confirm_on_phone' | 'redirect' | 'confirm_card';
  phone?: string;
  url?: string;
  client_secret?: string;
}

/** API.md `GET /payments/:id`. */
export interface PaymentIntentView {
  id: string;
  amount: number;
  currency: Currency;
  method: PaymentMethod;
  purpose: PaymentPurpose;
  status: PaymentStatus;
  reference_id: string;
  reference_label: string | null;
  payer_id: string;
  provider: string | null;
  provider_reference: string | null;
  captured_amount: number;
  refunded_amount: number;
  next_action: PaymentNextAction | null;
  failure_reason: string | null;
  expires_at: string | null;
  created_at: string;
  updated_at: string;
}

/** What one reconciliation run did with the intents left open too long. */
export interface PaymentReconciliationReport {
  checked: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  /** Still waiting (provider still processing, wallet or provider unreachable). */
  unchanged: number;
}
