import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PAYMENT_SUBJECTS, ReceiveWebhookRequest } from '@ecom/contracts';

import { WebhooksService, type WebhookReceipt } from './webhooks.service';

/** Provider callbacks relayed by the gateway's public webhook route: the signature is the authorization. */
@Controller()
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @MessagePattern(PAYMENT_SUBJECTS.receiveWebhook)
  receive(@Payload() request: ReceiveWebhookRequest): Promise<WebhookReceipt> {
    return this.webhooks.receive(request);
  }
}
