import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreatePaymentMethodRequest,
  PaymentMethodIdRequest,
  WALLET_SUBJECTS,
  type PaymentMethodPage,
  type PaymentMethodView,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { ANY_ROLE, callerId } from '../security/caller';
import { MethodsService } from './methods.service';

@Roles(...ANY_ROLE)
@Controller()
export class MethodsController {
  constructor(private readonly methods: MethodsService) {}

  @MessagePattern(WALLET_SUBJECTS.listMethods)
  async list(): Promise<PaymentMethodPage> {
    return { items: await this.methods.list(callerId()), next_cursor: null };
  }

  @MessagePattern(WALLET_SUBJECTS.createMethod)
  create(@Payload() request: CreatePaymentMethodRequest): Promise<PaymentMethodView> {
    return this.methods.create(callerId(), request);
  }

  @MessagePattern(WALLET_SUBJECTS.deleteMethod)
  async delete(@Payload() request: PaymentMethodIdRequest): Promise<{ deleted: true }> {
    await this.methods.delete(callerId(), request.id);

    return { deleted: true };
  }
}
