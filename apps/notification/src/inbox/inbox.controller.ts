import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  MarkNotificationReadRequest,
  NOTIFICATION_SUBJECTS,
  NotificationPageRequest,
  type InAppNotificationPage,
  type InAppNotificationView,
  type UnreadCountView,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { ANY_ROLE, callerId } from '../security/caller';
import { InboxService } from './inbox.service';

@Roles(...ANY_ROLE)
@Controller()
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @MessagePattern(NOTIFICATION_SUBJECTS.listInbox)
  list(@Payload() request: NotificationPageRequest): Promise<InAppNotificationPage> {
    return this.inbox.list(callerId(), request);
  }

  @MessagePattern(NOTIFICATION_SUBJECTS.markRead)
  markRead(@Payload() request: MarkNotificationReadRequest): Promise<InAppNotificationView> {
    return this.inbox.markRead(callerId(), request.id);
  }

  @MessagePattern(NOTIFICATION_SUBJECTS.unreadCount)
  unreadCount(): Promise<UnreadCountView> {
    return this.inbox.unreadCount(callerId());
  }
}
