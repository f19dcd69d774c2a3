import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TransferRequest, WALLET_SUBJECTS, type WalletTransactionView } from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { ANY_ROLE } from '../security/caller';
import { TransfersService } from './transfers.service';

@Controller()
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @Roles(...ANY_ROLE)
  @MessagePattern(WALLET_SUBJECTS.transfer)
  transfer(@Payload() request: TransferRequest): Promise<WalletTransactionView> {
    return this.transfers.transfer(request);
  }
}
