import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CURRENCIES,
  MAX_AMOUNT,
  PAYMENT_METHODS,
  PAYMENT_PURPOSES,
  PAYMENT_STATUSES,
  type Currency,
  type PaymentIntentView,
  type PaymentMethod,
  type PaymentNextAction,
  type PaymentPurpose,
  type PaymentStatus,
} from '@ecom/contracts';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class PaymentNextActionDto implements PaymentNextAction {
  @ApiProperty({ enum: ['confirm_on_phone', 'redirect', 'confirm_card'] })
  type!: 'confirm_on_phone' | 'redirect' | 'confirm_card';

  @ApiPropertyOptional({ example: '+22890112233', description: 'Mobile money: the phone the push went to' })
  phone?: string;

  @ApiPropertyOptional({ description: 'Card: the checkout page to open' })
  url?: string;

  @ApiPropertyOptional({ description: 'Card (`confirm_card`): the secret the app confirms the card with' })
  client_secret?: string;
}

export class PaymentIntentDto implements PaymentIntentView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 10000, description: 'Minor units (XOF has none)' })
  amount!: number;

  @ApiProperty({ enum: CURRENCIES })
  currency!: Currency;

  @ApiProperty({ enum: PAYMENT_METHODS })
  method!: PaymentMethod;

  @ApiProperty({ enum: PAYMENT_PURPOSES })
  purpose!: PaymentPurpose;

  @ApiProperty({ enum: PAYMENT_STATUSES })
  status!: PaymentStatus;

  @ApiProperty({ format: 'uuid', description: 'The order, ride or recharge paid for' })
  reference_id!: string;

  @ApiProperty({ nullable: true, type: String, example: 'CMD-2026-0001' })
  reference_label!: string | null;

  @ApiProperty({ format: 'uuid' })
  payer_id!: string;

  @ApiProperty({ nullable: true, type: String, example: 'sandbox' })
  provider!: string | null;

  @ApiProperty({ nullable: true, type: String })
  provider_reference!: string | null;

  @ApiProperty({ example: 10000 })
  captured_amount!: number;

  @ApiProperty({ example: 0 })
  refunded_amount!: number;

  @ApiProperty({ nullable: true, type: PaymentNextActionDto })
  next_action!: PaymentNextActionDto | null;

  @ApiProperty({ nullable: true, type: String, example: 'payer_declined' })
  failure_reason!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  expires_at!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export class RefundPaymentDto {
  @ApiPropertyOptional({ minimum: 1, example: 4000, description: 'Partial refund; the rest when absent' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount?: number;

  @ApiProperty({ example: 'Article manquant à la livraison' })
  @IsString()
  @Length(1, 200)
  reason!: string;
}

export class WebhookReceiptDto {
  @ApiProperty({ example: true })
  received!: true;

  @ApiProperty({
    enum: ['applied', 'already_settled', 'unknown_intent', 'ignored', 'amount_mismatch'],
    description: 'What the callback did; every value is acknowledged so the provider stops retrying',
  })
  outcome!: string;
}

export class SandboxAnsweredDto {
  @ApiProperty({ format: 'uuid' })
  intent_id!: string;

  @ApiProperty({ enum: ['approve', 'decline'] })
  answer!: 'approve' | 'decline';

  @ApiProperty({
    enum: ['scheduled', 'withheld'],
    description: '`withheld`: the payer’s phone is configured to time out, no callback will come',
  })
  callback!: 'scheduled' | 'withheld';
}
