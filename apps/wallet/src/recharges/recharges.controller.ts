import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RechargeRequest, WALLET_SUBJECTS, type RechargeReply } from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { ANY_ROLE, callerId } from '../security/caller';
import { RechargesService } from './recharges.service';

@Controller()
export class RechargesController {
  constructor(private readonly recharges: RechargesService) {}

  @Roles(...ANY_ROLE)
  @MessagePattern(WALLET_SUBJECTS.recharge)
  recharge(@Payload() request: RechargeRequest): Promise<RechargeReply> {
    return this.recharges.create(callerId(), request);
  }
}
