import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CancelIntentRequest,
  CaptureIntentRequest,
  CreateIntentRequest,
  IntentIdRequest,
  PAYMENT_SUBJECTS,
  RecordCashRequest,
  type PaymentIntentView,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { ANY_ROLE, currentCaller } from '../security/caller';
import { IntentsService } from './intents.service';

/**
 * Intents. Create, capture, cancel and record-cash are for other services only (no roles: the gateway
 * never routes to them); `get` serves the gateway's `GET /payments/:id` for the verified caller.
 */
@Controller()
export class IntentsController {
  constructor(private readonly intents: IntentsService) {}

  @MessagePattern(PAYMENT_SUBJECTS.createIntent)
  create(@Payload() request: CreateIntentRequest): Promise<PaymentIntentView> {
    return this.intents.create(request);
  }

  @MessagePattern(PAYMENT_SUBJECTS.captureIntent)
  capture(@Payload() request: CaptureIntentRequest): Promise<PaymentIntentView> {
    return this.intents.capture(request);
  }

  @MessagePattern(PAYMENT_SUBJECTS.cancelIntent)
  cancel(@Payload() request: CancelIntentRequest): Promise<PaymentIntentView> {
    return this.intents.cancel(request);
  }

  @MessagePattern(PAYMENT_SUBJECTS.recordCash)
  recordCash(@Payload() request: RecordCashRequest): Promise<PaymentIntentView> {
    return this.intents.recordCash(request);
  }

  @Roles(...ANY_ROLE)
  @MessagePattern(PAYMENT_SUBJECTS.getIntent)
  get(@Payload() request: IntentIdRequest): Promise<PaymentIntentView> {
    return this.intents.get(request.intent_id, currentCaller());
  }
}
