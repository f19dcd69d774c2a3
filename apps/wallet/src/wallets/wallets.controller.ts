import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AdminWalletRequest,
  SetWalletLimitsRequest,
  WALLET_SUBJECTS,
  type AdminWalletView,
  type WalletBalanceView,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { ANY_ROLE, callerId } from '../security/caller';
import { WalletsService } from './wallets.service';

/** The caller's balance and limits; freeze, unfreeze and limit overrides for admins. */
@Controller()
export class WalletsController {
  constructor(private readonly wallets: WalletsService) {}

  @Roles(...ANY_ROLE)
  @MessagePattern(WALLET_SUBJECTS.getBalance)
  balance(): Promise<WalletBalanceView> {
    return this.wallets.balance(callerId());
  }

  @Roles('admin')
  @MessagePattern(WALLET_SUBJECTS.freeze)
  freeze(@Payload() request: AdminWalletRequest): Promise<AdminWalletView> {
    return this.wallets.setStatus(request.user_id, 'frozen');
  }

  @Roles('admin')
  @MessagePattern(WALLET_SUBJECTS.unfreeze)
  unfreeze(@Payload() request: AdminWalletRequest): Promise<AdminWalletView> {
    return this.wallets.setStatus(request.user_id, 'active');
  }

  @Roles('admin')
  @MessagePattern(WALLET_SUBJECTS.setLimits)
  setLimits(@Payload() request: SetWalletLimitsRequest): Promise<AdminWalletView> {
    return this.wallets.setLimits(request);
  }
}
