import { Controller, HttpCode, Param, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PAYMENT_SUBJECTS, type ReceiveWebhookRequest } from '@ecom/contracts';
import { DomainError, Public, ServiceClient } from '@ecom/platform';
import type { FastifyRequest } from 'fastify';

import { ApiProblems } from '../edge';
import { WebhookReceiptDto } from './dto/payments.dto';

const PROVIDER_NAME = /^[a-z0-9_-]{1,50}$/;

/** Headers that never help a provider's signature and must not travel further. */
const DROPPED = new Set(['authorization', 'cookie']);

/**
 * Provider callbacks. Public: the provider's signature is the authorization, and the payment service
 * checks it over the exact bytes received, which this route keeps (see keepWebhookRawBody).
 */
@ApiTags('payments')
@Controller('payments/webhooks')
export class PaymentWebhooksController {
  constructor(private readonly payment: ServiceClient) {}

  @Public()
  @Post(':provider')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A payment provider’s signed callback',
    description:
      'Signature and timestamp are checked (401 PAYMENT_SIGNATURE_INVALID otherwise, and nothing changes). ' +
      'Replays and callbacks for unknown or settled payments are acknowledged and change nothing.',
  })
  @ApiParam({ name: 'provider', example: 'sandbox', description: '`sandbox`, `stripe` or `fedapay`' })
  @ApiBody({
    description: 'The provider’s own JSON, passed on byte for byte',
    schema: { type: 'object', additionalProperties: true },
  })
  @ApiHeader({
    name: 'X-Sandbox-Signature',
    required: false,
    description:
      '`t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`; Stripe-Signature and X-FEDAPAY-SIGNATURE likewise',
  })
  @ApiOkResponse({ type: WebhookReceiptDto })
  @ApiProblems(400, 401, 404, 413, 429, 503, 504)
  receive(
    @Param('provider') provider: string,
    @Req() request: RawBodyRequest<FastifyRequest>,
  ): Promise<unknown> {
    if (!PROVIDER_NAME.test(provider)) throw new DomainError('PAYMENT_PROVIDER_UNKNOWN');
    if (!request.rawBody) throw new DomainError('MALFORMED_REQUEST');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && !DROPPED.has(name)) headers[name] = value;
    }
    const webhook: ReceiveWebhookRequest = { provider, raw_body: request.rawBody.toString('utf8'), headers };

    return this.payment.request(PAYMENT_SUBJECTS.receiveWebhook, webhook);
  }
}
