import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { NOTIFICATION_SUBJECTS, SendNotificationRequest, type SendNotificationReply } from '@ecom/contracts';

import { SendService } from './send.service';

/** Service-only (no @Roles, never routed by the gateway): a service's own message to one user. */
@Controller()
export class SendController {
  constructor(private readonly sender: SendService) {}

  @MessagePattern(NOTIFICATION_SUBJECTS.send)
  send(@Payload() request: SendNotificationRequest): Promise<SendNotificationReply> {
    return this.sender.send(request);
  }
}
