import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PAYMENT_SUBJECTS, SandboxAnswerRequest } from '@ecom/contracts';
import { DomainError } from '@ecom/platform';
import { isUUID } from 'class-validator';

import { PaymentConfig } from '../config';
import { SandboxProvider, type SandboxAnswered } from './sandbox.provider';

/** The payer's answer to a sandbox payment (public sandbox routes); refused in production. */
@Controller()
export class SandboxController {
  constructor(
    private readonly sandbox: SandboxProvider,
    private readonly config: PaymentConfig,
  ) {}

  @MessagePattern(PAYMENT_SUBJECTS.sandboxAnswer)
  answer(@Payload() request: SandboxAnswerRequest): Promise<SandboxAnswered> {
    if (this.config.isProduction) throw new DomainError('NOT_FOUND');
    if (!isUUID(request.intent_id)) throw new DomainError('PAYMENT_NOT_FOUND');

    return this.sandbox.answer(request.intent_id, request.answer);
  }
}
