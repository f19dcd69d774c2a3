import { ApiProperty } from '@nestjs/swagger';
import {
  AML_FLAG_KINDS,
  PAYMENT_METHOD_PROVIDERS,
  PAYMENT_METHOD_TYPES,
  TRANSACTION_CATEGORIES,
  TRANSACTION_STATUSES,
  WALLET_STATUSES,
  type AdminWalletView,
  type AmlFlagKind,
  type AmlFlagPage,
  type AmlFlagView,
  type PaymentMethodPage,
  type PaymentMethodProvider,
  type PaymentMethodType,
  type PaymentMethodView,
  type ReconciliationDifference,
  type ReconciliationReport,
  type TransactionCategory,
  type TransactionStatus,
  type WalletBalanceView,
  type WalletStatus,
  type WalletTransactionPage,
  type WalletTransactionView,
} from '@ecom/contracts';

export class WalletBalanceDto implements WalletBalanceView {
  @ApiProperty({ example: 42500 })
  balance!: number;

  @ApiProperty({ example: 40000, description: 'The balance less the active holds' })
  available_balance!: number;

  @ApiProperty({ example: 'XOF' })
  currency!: 'XOF';

  @ApiProperty({ enum: WALLET_STATUSES })
  status!: WalletStatus;

  @ApiProperty({ example: 25000 })
  single_transaction_max!: number;

  @ApiProperty({ example: 50000, description: 'Over the last 24 hours' })
  daily_limit!: number;

  @ApiProperty({ example: 500000, description: 'Over the calendar month (Africa/Lome)' })
  monthly_limit!: number;

  @ApiProperty({ example: 7500, description: 'Debits of the last 24 hours plus active holds' })
  daily_spent!: number;

  @ApiProperty({ example: 31000, description: 'Debits of the month plus active holds' })
  monthly_spent!: number;
}

export class AdminWalletDto extends WalletBalanceDto implements AdminWalletView {
  @ApiProperty({ format: 'uuid' })
  user_id!: string;
}

export class WalletTransactionDto implements WalletTransactionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['credit', 'debit'] })
  type!: 'credit' | 'debit';

  @ApiProperty({ example: 5000 })
  amount!: number;

  @ApiProperty({ example: 'XOF' })
  currency!: 'XOF';

  @ApiProperty({ enum: TRANSACTION_CATEGORIES })
  category!: TransactionCategory;

  @ApiProperty({ nullable: true, type: String, example: 'Loyer de novembre' })
  description!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'CMD-2025-0042' })
  reference!: string | null;

  @ApiProperty({ enum: TRANSACTION_STATUSES })
  status!: TransactionStatus;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'wallet',
    description: 'wallet, yas, flooz, visa, pispi',
  })
  payment_method!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The payment, order or ride' })
  related_service_id!: string | null;

  @ApiProperty({ nullable: true, type: Number, example: 37500 })
  balance_after!: number | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class WalletTransactionPageDto implements WalletTransactionPage {
  @ApiProperty({ type: [WalletTransactionDto] })
  items!: WalletTransactionDto[];

  @ApiProperty({ nullable: true, type: String })
  next_cursor!: string | null;
}

export class PaymentMethodDto implements PaymentMethodView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: PAYMENT_METHOD_TYPES })
  type!: PaymentMethodType;

  @ApiProperty({ enum: PAYMENT_METHOD_PROVIDERS })
  provider!: PaymentMethodProvider;

  @ApiProperty({ example: '+228 90 •• •• 56', description: 'Always masked' })
  identifier!: string;

  @ApiProperty()
  is_default!: boolean;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class PaymentMethodPageDto implements PaymentMethodPage {
  @ApiProperty({ type: [PaymentMethodDto] })
  items!: PaymentMethodDto[];

  @ApiProperty({ nullable: true, type: String, description: 'Always null: every method is on one page' })
  next_cursor!: string | null;
}

export class AmlFlagDto implements AmlFlagView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: AML_FLAG_KINDS })
  kind!: AmlFlagKind;

  @ApiProperty({ format: 'uuid', description: 'The sender of the flagged transfer' })
  user_id!: string;

  @ApiProperty({ format: 'uuid' })
  transfer_id!: string;

  @ApiProperty({ example: 200000 })
  amount!: number;

  @ApiProperty({ example: 'XOF' })
  currency!: 'XOF';

  @ApiProperty({ type: 'object', additionalProperties: true, example: { threshold: 20000 } })
  details!: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class AmlFlagPageDto implements AmlFlagPage {
  @ApiProperty({ type: [AmlFlagDto] })
  items!: AmlFlagDto[];

  @ApiProperty({ nullable: true, type: String })
  next_cursor!: string | null;
}

class ReconciliationDifferenceDto implements ReconciliationDifference {
  @ApiProperty({ format: 'uuid' })
  account_id!: string;

  @ApiProperty({ example: 'wallet:8f1c…' })
  code!: string;

  @ApiProperty()
  stored_balance!: number;

  @ApiProperty()
  computed_balance!: number;
}

export class ReconciliationReportDto implements ReconciliationReport {
  @ApiProperty()
  accounts_checked!: number;

  @ApiProperty()
  entries_checked!: number;

  @ApiProperty({ example: 0, description: 'Sum of every posting: zero in a sound ledger' })
  postings_total!: number;

  @ApiProperty({ type: [String] })
  unbalanced_entries!: string[];

  @ApiProperty({ type: [ReconciliationDifferenceDto] })
  differences!: ReconciliationDifferenceDto[];

  @ApiProperty()
  ok!: boolean;

  @ApiProperty({ format: 'date-time' })
  checked_at!: string;
}
