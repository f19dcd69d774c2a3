import { ApiProperty } from '@nestjs/swagger';
import type { RechargeReply } from '@ecom/contracts';

import { PaymentIntentDto } from '../payments/dto/payments.dto';
import { WalletTransactionDto } from './dto/wallet-replies.dto';

/** A recharge as created: its pending transaction and the payment that will credit it. */
export class RechargeReplyDto implements RechargeReply {
  @ApiProperty({ type: WalletTransactionDto, description: 'Pending until the provider confirms' })
  transaction!: WalletTransactionDto;

  @ApiProperty({ type: PaymentIntentDto })
  payment!: PaymentIntentDto;
}
