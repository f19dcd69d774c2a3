import { randomUUID } from 'node:crypto';

import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PAYMENT_SUBJECTS, type PaymentIntentView, type RefundIntentRequest } from '@ecom/contracts';
import { currentContext, Roles, ServiceClient } from '@ecom/platform';

import { ApiProblems, Idempotent, Sensitive } from '../edge';
import { PaymentIntentDto, RefundPaymentDto } from './dto/payments.dto';

/** A payment as its payer (or an admin) sees it, and refunds by an admin. */
@ApiTags('payments')
@ApiBearerAuth()
@Controller('payments')
export class PaymentsController {
  constructor(private readonly payment: ServiceClient) {}

  @Get(':id')
  @ApiOperation({
    summary: 'One payment: amount, method, purpose, status and what the payer must do next',
    description:
      'Only its payer or an admin sees it; anyone else gets 404, as for a payment that does not exist.',
  })
  @ApiOkResponse({ type: PaymentIntentDto })
  @ApiProblems(400, 401, 404, 429, 503, 504)
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<PaymentIntentView> {
    return this.payment.request(PAYMENT_SUBJECTS.getIntent, { intent_id: id });
  }

  @Roles('admin')
  @Sensitive()
  @Post(':id/refund')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: 'Refund a payment in full or in part, to the wallet or back through the provider',
    description:
      'Refunds never total more than what was captured, even when several run at once. Without `amount`, ' +
      'the rest is refunded. The same Idempotency-Key refunds once.',
  })
  @ApiOkResponse({ type: PaymentIntentDto })
  @ApiProblems(400, 401, 403, 404, 409, 422, 429, 502, 503, 504)
  refund(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RefundPaymentDto,
  ): Promise<PaymentIntentView> {
    const request: RefundIntentRequest = {
      intent_id: id,
      // The client's key makes the service refund once across retries; without one, each call is a new refund.
      idempotency_key: currentContext()?.idempotencyKey ?? `refund-${randomUUID()}`,
      amount: body.amount,
      reason: body.reason,
    };

    return this.payment.request(PAYMENT_SUBJECTS.adminRefund, request);
  }
}
