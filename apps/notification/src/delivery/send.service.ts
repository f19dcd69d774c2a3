import { Injectable } from '@nestjs/common';
import type { SendNotificationReply, SendNotificationRequest } from '@ecom/contracts';
import { inTransaction } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { plain } from '../templates/message-templates';
import { Dispatcher } from './dispatcher.service';

/** Messages other services word themselves (a promotion, a notice), recorded like any event's. */
@Injectable()
export class SendService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dispatcher: Dispatcher,
  ) {}

  /** The request id is the once-only key: asking again records nothing more. */
  send(request: SendNotificationRequest): Promise<SendNotificationReply> {
    return inTransaction(this.dataSource, async (manager) => {
      const origin = {
        eventId: request.request_id,
        eventType: 'notification.messages.send',
        template: request.template,
        topic: request.topic,
      };
      const queued = await this.dispatcher.toUser(manager, origin, request.user_id, request.channels, () => ({
        title: plain(request.title),
        body: request.body.trim(),
      }));

      return { queued };
    });
  }
}
