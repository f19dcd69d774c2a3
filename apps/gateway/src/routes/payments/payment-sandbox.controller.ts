import { Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PAYMENT_SUBJECTS, type SandboxAnswerRequest } from '@ecom/contracts';
import { APP_CONFIG, DomainError, Public, ServiceClient, type BaseConfig } from '@ecom/platform';

import { ApiProblems, Sensitive } from '../edge';
import { SandboxAnsweredDto } from './dto/payments.dto';

/**
 * Plays the payer of a sandbox payment (the push on the phone, the card checkout); the sandbox then sends
 * its signed callback to the webhook route, as a provider would. Absent in production.
 */
@ApiTags('payments')
@Controller('payments/sandbox')
export class PaymentSandboxController {
  constructor(
    private readonly payment: ServiceClient,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
  ) {}

  @Public()
  @Sensitive()
  @Post(':id/approve')
  @HttpCode(202)
  @ApiOperation({ summary: 'Sandbox only: the payer approves; the provider callback follows' })
  @ApiAcceptedResponse({ type: SandboxAnsweredDto })
  @ApiProblems(400, 404, 409, 429, 503, 504)
  approve(@Param('id', new ParseUUIDPipe()) id: string): Promise<unknown> {
    return this.answer(id, 'approve');
  }

  @Public()
  @Sensitive()
  @Post(':id/decline')
  @HttpCode(202)
  @ApiOperation({ summary: 'Sandbox only: the payer declines; the provider callback follows' })
  @ApiAcceptedResponse({ type: SandboxAnsweredDto })
  @ApiProblems(400, 404, 409, 429, 503, 504)
  decline(@Param('id', new ParseUUIDPipe()) id: string): Promise<unknown> {
    return this.answer(id, 'decline');
  }

  private answer(id: string, answer: SandboxAnswerRequest['answer']): Promise<unknown> {
    if (this.config.isProduction) throw new DomainError('ROUTE_NOT_FOUND');
    const request: SandboxAnswerRequest = { intent_id: id, answer };

    return this.payment.request(PAYMENT_SUBJECTS.sandboxAnswer, request);
  }
}
