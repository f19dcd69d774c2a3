import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Length,
  Max,
} from 'class-validator';

import { MAX_AMOUNT, MoneyAmount, type Currency } from '../money';
import { PageRequest, type Page } from '../paging';
import type { PaymentIntentView } from '../payment/intents';
import { AML_FLAG_KINDS, type AmlFlagKind } from './events';
import {
  FUNDING_PROVIDERS,
  TRANSACTION_CATEGORIES,
  type FundingProvider,
  type TransactionCategory,
  type WalletTransactionView,
} from './operations';

export const WALLET_STATUSES = ['active', 'frozen', 'closed'] as const;

export type WalletStatus = (typeof WALLET_STATUSES)[number];

/** API.md `GET /wallet/balance`: spent amounts count every debit of the window and the active holds. */
export interface WalletBalanceView {
  balance: number;
  /** The balance less the active holds: what can be spent now. */
  available_balance: number;
  currency: Currency;
  status: WalletStatus;
  single_transaction_max: number;
  daily_limit: number;
  monthly_limit: number;
  daily_spent: number;
  monthly_spent: number;
}

export class ListTransactionsRequest extends PageRequest {
  @IsOptional()
  @IsIn(['credit', 'debit'])
  type?: 'credit' | 'debit';

  @IsOptional()
  @IsIn(TRANSACTION_CATEGORIES)
  category?: TransactionCategory;

  @IsOptional()
  @IsISO8601()
  from?: string;

  @IsOptional()
  @IsISO8601()
  to?: string;
}

export type WalletTransactionPage = Page<WalletTransactionView>;

/** `POST /wallet/transfer`: to another user by phone, from the caller's wallet. */
export class TransferRequest extends MoneyAmount {
  @IsString()
  @Length(4, 30)
  to_phone!: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  description?: string;
}

/** `POST /wallet/recharge`: a saved method of the caller, or a phone for mobile money. */
export class RechargeRequest extends MoneyAmount {
  @IsIn(FUNDING_PROVIDERS)
  method!: FundingProvider;

  @IsOptional()
  @IsUUID()
  payment_method_id?: string;

  @IsOptional()
  @IsString()
  @Length(4, 30)
  payer_phone?: string;
}

export interface RechargeReply {
  transaction: WalletTransactionView;
  payment: PaymentIntentView;
}

export const PAYMENT_METHOD_TYPES = ['mobile_money', 'card', 'bank_account'] as const;

export type PaymentMethodType = (typeof PAYMENT_METHOD_TYPES)[number];

export const PAYMENT_METHOD_PROVIDERS = ['yas', 'flooz', 'visa', 'mastercard', 'pispi'] as const;

export type PaymentMethodProvider = (typeof PAYMENT_METHOD_PROVIDERS)[number];

/** The identifier (phone, card token, IBAN) is stored encrypted and never answered in clear. */
export class CreatePaymentMethodRequest {
  @IsIn(PAYMENT_METHOD_TYPES)
  type!: PaymentMethodType;

  @IsIn(PAYMENT_METHOD_PROVIDERS)
  provider!: PaymentMethodProvider;

  @IsString()
  @Length(4, 64)
  identifier!: string;

  @IsOptional()
  @IsBoolean()
  is_default?: boolean;
}

export class PaymentMethodIdRequest {
  @IsUUID()
  id!: string;
}

export interface PaymentMethodView {
  id: string;
  type: PaymentMethodType;
  provider: PaymentMethodProvider;
  /** `+228 90 •• •• 56`, `•••• 4242`, `TG53 •••• 1234`. */
  identifier: string;
  is_default: boolean;
  created_at: string;
}

/** Every saved method of the caller on one page (a handful at most), default first. */
export type PaymentMethodPage = Page<PaymentMethodView>;

export class AdminWalletRequest {
  @IsUUID()
  user_id!: string;
}

/** Per-wallet overrides of the default limits; `null` goes back to the default. */
export class SetWalletLimitsRequest extends AdminWalletRequest {
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(MAX_AMOUNT)
  daily_limit?: number | null;

  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(MAX_AMOUNT)
  monthly_limit?: number | null;

  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(MAX_AMOUNT)
  single_transaction_max?: number | null;
}

export interface AdminWalletView extends WalletBalanceView {
  user_id: string;
}

export class ListFlagsRequest extends PageRequest {
  @IsOptional()
  @IsUUID()
  user_id?: string;

  @IsOptional()
  @IsIn(AML_FLAG_KINDS)
  kind?: AmlFlagKind;
}

export interface AmlFlagView {
  id: string;
  kind: AmlFlagKind;
  user_id: string;
  transfer_id: string;
  amount: number;
  currency: Currency;
  details: Record<string, unknown>;
  created_at: string;
}

export type AmlFlagPage = Page<AmlFlagView>;

/** One account whose stored balance differs from the sum of its postings. */
export interface ReconciliationDifference {
  account_id: string;
  code: string;
  stored_balance: number;
  computed_balance: number;
}

export interface ReconciliationReport {
  accounts_checked: number;
  entries_checked: number;
  /** Sum of every posting: zero in a sound ledger. */
  postings_total: number;
  /** Journal entries whose postings do not sum to zero. */
  unbalanced_entries: string[];
  differences: ReconciliationDifference[];
  ok: boolean;
  checked_at: string;
}
