import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';

import { NestedInstance } from '../nested';
import { MAX_AMOUNT, MoneyAmount, type Currency } from '../money';

/** Categories of seed 002, shown on each transaction. */
export const TRANSACTION_CATEGORIES = [
  'recharge',
  'transport',
  'shopping',
  'delivery',
  'transfer',
  'commission',
  'refund',
] as const;

export type TransactionCategory = (typeof TRANSACTION_CATEGORIES)[number];

/** Funding providers, each with a clearing account in the ledger. */
export const FUNDING_PROVIDERS = ['yas', 'flooz', 'visa', 'pispi'] as const;

export type FundingProvider = (typeof FUNDING_PROVIDERS)[number];

/** Who is paid by a split posting: a store or a driver, each with a payable account in the ledger. */
export const PAYEE_TYPES = ['store', 'driver'] as const;

export type PayeeType = (typeof PAYEE_TYPES)[number];

export class Payee {
  @IsIn(PAYEE_TYPES)
  type!: PayeeType;

  /** The store id or the driver id in its owning service. */
  @IsUUID()
  id!: string;
}

/** Every `wallet.ops.*` command: the key is unique per operation; the same key with another body is refused. */
export class WalletOperation extends MoneyAmount {
  @IsString()
  @Length(8, 200)
  idempotency_key!: string;
}

/** What the operation is about, shown on the user's transaction (`reference`, `related_service_id`). */
export class OperationContext extends WalletOperation {
  @IsIn(TRANSACTION_CATEGORIES)
  category!: TransactionCategory;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  description?: string;

  /** Human reference: an order number, a ride id. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  reference?: string;

  /** The payment intent, order or ride the money is for. */
  @IsOptional()
  @IsUUID()
  related_service_id?: string;
}

/** Credit a user's wallet from a provider's clearing account (a recharge) or from suspense. */
export class CreditRequest extends OperationContext {
  @IsUUID()
  user_id!: string;

  @IsOptional()
  @IsIn(FUNDING_PROVIDERS)
  funding_provider?: FundingProvider;
}

/**
 * Debit a user's wallet. With a payee the posting is split: customer → payee payable (amount minus
 * commission) + platform commission revenue.
 */
export class DebitRequest extends OperationContext {
  @IsUUID()
  user_id!: string;

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

/** Authorise: the amount leaves the available balance but stays in the wallet until captured or released. */
export class HoldRequest extends OperationContext {
  @IsUUID()
  user_id!: string;
}

/** Capture all or part of a hold (the rest is released), split like a debit when a payee is given. */
export class CaptureRequest extends WalletOperation {
  @IsUUID()
  hold_id!: string;

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

export class ReleaseRequest {
  @IsString()
  @Length(8, 200)
  idempotency_key!: string;

  @IsUUID()
  hold_id!: string;
}

/** Give back all or part of a debit or capture to the user, reversing its split in proportion. */
export class RefundRequest extends WalletOperation {
  @IsUUID()
  transaction_id!: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  description?: string;
}

/** A cash payment: the payee collected the cash and owes the platform its commission. */
export class CashCommissionRequest extends WalletOperation {
  @ValidateNested()
  @NestedInstance(Payee)
  payee!: Payee;

  /** The cash collected, shown as the line's gross on the payee's statement; the commission when absent. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  gross_amount?: number;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  reference?: string;

  @IsOptional()
  @IsUUID()
  related_service_id?: string;
}

export class PayeeStatementRequest {
  @ValidateNested()
  @NestedInstance(Payee)
  payee!: Payee;

  @IsOptional()
  @IsString()
  from?: string;

  @IsOptional()
  @IsString()
  to?: string;
}

export const TRANSACTION_STATUSES = ['pending', 'completed', 'failed', 'reversed'] as const;

export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

/** The user's side of one journal entry (API.md `GET /wallet/transactions`). */
export interface WalletTransactionView {
  id: string;
  type: 'credit' | 'debit';
  amount: number;
  currency: Currency;
  category: TransactionCategory;
  description: string | null;
  reference: string | null;
  status: TransactionStatus;
  payment_method: string | null;
  related_service_id: string | null;
  balance_after: number | null;
  created_at: string;
}

export const HOLD_STATUSES = ['held', 'captured', 'released'] as const;

export type HoldStatus = (typeof HOLD_STATUSES)[number];

export interface HoldView {
  hold_id: string;
  user_id: string;
  status: HoldStatus;
  amount: number;
  captured_amount: number;
  currency: Currency;
  /** The capture's journal entry, once captured. */
  transaction_id: string | null;
  created_at: string;
}

/** One line of a payee's statement: what a ride or an order paid it, from the ledger. */
export interface PayeeStatementLine {
  entry_id: string;
  related_service_id: string | null;
  reference: string | null;
  gross: number;
  commission: number;
  net: number;
  kind: 'payment' | 'refund' | 'cash_commission';
  created_at: string;
}

export interface PayeeStatement {
  payee: Payee;
  currency: Currency;
  gross: number;
  commission: number;
  net: number;
  /** Balance of the payee's payable account: what the platform owes it (negative: what it owes). */
  balance: number;
  lines: PayeeStatementLine[];
}
