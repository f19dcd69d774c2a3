import { Inject, Injectable } from '@nestjs/common';
import { MessageSentEvent, NOTIFICATION_EVENTS, type EventEnvelope } from '@ecom/contracts';
import { LOGGER, OnEvent, type Logger } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { MessagesRepository } from '../messages/messages.repository';

/**
 * The sandbox's delivery receipts: a message the sandbox accepted is marked delivered once its
 * `notification.message.sent` event comes back through JetStream, after the send has committed, as a real
 * provider's receipt would arrive later. Messages of real providers are left to their receipts.
 */
@Injectable()
export class SandboxReceiptsConsumer {
  constructor(
    private readonly messages: MessagesRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @OnEvent(NOTIFICATION_EVENTS.messageSent, { consumer: 'sandbox-receipts', payload: MessageSentEvent })
  async onSent(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const sent = event.data as unknown as MessageSentEvent;
    if (sent.provider !== 'sandbox') return;
    if (await this.messages.markDelivered(manager, sent.message_id)) {
      this.logger.debug('Sandbox message delivered', { message_id: sent.message_id });
    }
  }
}
