import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AML_FLAG_KINDS,
  CreatePaymentMethodRequest,
  CURRENCIES,
  FUNDING_PROVIDERS,
  ListFlagsRequest,
  ListTransactionsRequest,
  MAX_AMOUNT,
  PAYMENT_METHOD_PROVIDERS,
  PAYMENT_METHOD_TYPES,
  RechargeRequest,
  TRANSACTION_CATEGORIES,
  TransferRequest,
  type AmlFlagKind,
  type Currency,
  type FundingProvider,
  type PaymentMethodProvider,
  type PaymentMethodType,
  type TransactionCategory,
} from '@ecom/contracts';
import { IsInt, IsOptional, IsPositive, Max } from 'class-validator';

export class TransactionsQueryDto extends ListTransactionsRequest {
  @ApiPropertyOptional({ enum: ['credit', 'debit'] })
  declare type?: 'credit' | 'debit';

  @ApiPropertyOptional({ enum: TRANSACTION_CATEGORIES })
  declare category?: TransactionCategory;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this instant, included' })
  declare from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Until this instant, excluded' })
  declare to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  declare limit?: number;

  @ApiPropertyOptional({ description: 'The previous page’s `next_cursor`' })
  declare cursor?: string;
}

export class TransferDto extends TransferRequest {
  @ApiProperty({ example: '+22890123456', description: 'The receiver’s phone, with or without +228' })
  declare to_phone: string;

  @ApiProperty({ example: 5000, minimum: 1, maximum: MAX_AMOUNT, description: 'Integer, minor units (XOF)' })
  declare amount: number;

  @ApiPropertyOptional({ enum: CURRENCIES, default: 'XOF' })
  declare currency?: Currency;

  @ApiPropertyOptional({ example: 'Loyer de novembre' })
  declare description?: string;
}

export class RechargeDto extends RechargeRequest {
  @ApiProperty({ example: 10000, minimum: 1, maximum: MAX_AMOUNT, description: 'Integer, minor units (XOF)' })
  declare amount: number;

  @ApiPropertyOptional({ enum: CURRENCIES, default: 'XOF' })
  declare currency?: Currency;

  @ApiProperty({ enum: FUNDING_PROVIDERS })
  declare method: FundingProvider;

  @ApiPropertyOptional({ format: 'uuid', description: 'A saved method of the caller' })
  declare payment_method_id?: string;

  @ApiPropertyOptional({
    example: '+22890123456',
    description: 'Mobile money: the phone to push to (the account’s own phone when absent)',
  })
  declare payer_phone?: string;
}

export class CreatePaymentMethodDto extends CreatePaymentMethodRequest {
  @ApiProperty({ enum: PAYMENT_METHOD_TYPES })
  declare type: PaymentMethodType;

  @ApiProperty({ enum: PAYMENT_METHOD_PROVIDERS })
  declare provider: PaymentMethodProvider;

  @ApiProperty({
    example: '+22890123456',
    description: 'Phone (mobile money), card number or provider token (card), IBAN (bank account)',
  })
  declare identifier: string;

  @ApiPropertyOptional({ description: 'The first method saved is the default anyway' })
  declare is_default?: boolean;
}

/** Per-wallet overrides; `null` goes back to the platform default. */
export class SetWalletLimitsDto {
  @ApiPropertyOptional({ example: 100000, nullable: true })
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(MAX_AMOUNT)
  daily_limit?: number | null;

  @ApiPropertyOptional({ example: 1000000, nullable: true })
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(MAX_AMOUNT)
  monthly_limit?: number | null;

  @ApiPropertyOptional({ example: 50000, nullable: true })
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(MAX_AMOUNT)
  single_transaction_max?: number | null;
}

export class FlagsQueryDto extends ListFlagsRequest {
  @ApiPropertyOptional({ format: 'uuid' })
  declare user_id?: string;

  @ApiPropertyOptional({ enum: AML_FLAG_KINDS })
  declare kind?: AmlFlagKind;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  declare limit?: number;

  @ApiPropertyOptional({ description: 'The previous page’s `next_cursor`' })
  declare cursor?: string;
}
