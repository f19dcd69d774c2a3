import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AdminListMessagesRequest, NOTIFICATION_SUBJECTS, type AdminMessagePage } from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { InboxService } from '../inbox/inbox.service';

@Roles('admin')
@Controller()
export class AdminMessagesController {
  constructor(private readonly inbox: InboxService) {}

  @MessagePattern(NOTIFICATION_SUBJECTS.listMessages)
  list(@Payload() request: AdminListMessagesRequest): Promise<AdminMessagePage> {
    return this.inbox.listAll(request);
  }
}
