import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListTransactionsRequest, WALLET_SUBJECTS, type WalletTransactionPage } from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { ANY_ROLE, callerId } from '../security/caller';
import { TransactionsService } from './transactions.service';

@Controller()
export class TransactionsController {
  constructor(private readonly transactions: TransactionsService) {}

  @Roles(...ANY_ROLE)
  @MessagePattern(WALLET_SUBJECTS.listTransactions)
  list(@Payload() request: ListTransactionsRequest): Promise<WalletTransactionPage> {
    return this.transactions.list(callerId(), request);
  }
}
