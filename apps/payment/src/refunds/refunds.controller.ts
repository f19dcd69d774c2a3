import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PAYMENT_SUBJECTS, RefundIntentRequest, type PaymentIntentView } from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { RefundsService } from './refunds.service';

/** Refunds: asked by services (an order cancelled) or by an admin through the gateway. */
@Controller()
export class RefundsController {
  constructor(private readonly refunds: RefundsService) {}

  @MessagePattern(PAYMENT_SUBJECTS.refund)
  refund(@Payload() request: RefundIntentRequest): Promise<PaymentIntentView> {
    return this.refunds.refund(request);
  }

  @Roles('admin')
  @MessagePattern(PAYMENT_SUBJECTS.adminRefund)
  adminRefund(@Payload() request: RefundIntentRequest): Promise<PaymentIntentView> {
    return this.refunds.refund(request);
  }
}
