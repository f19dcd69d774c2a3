import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { AUTH_EVENTS, UserRegisteredEvent, type EventEnvelope } from '@ecom/contracts';
import { OnEvent } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { MessagesRepository } from '../messages/messages.repository';
import { welcomeInApp } from '../templates/message-templates';

/** Greets a new user in their in-app inbox; stored is delivered for in_app. */
@Injectable()
export class WelcomeConsumer {
  constructor(private readonly messages: MessagesRepository) {}

  @OnEvent(AUTH_EVENTS.userRegistered, { payload: UserRegisteredEvent })
  async onRegistered(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const user = event.data as unknown as UserRegisteredEvent;
    await this.messages.insertOnce(manager, {
      id: randomUUID(),
      eventId: event.id,
      eventType: event.type,
      channel: 'in_app',
      recipientUserId: user.user_id,
      recipient: user.user_id,
      template: 'welcome',
      locale: 'fr',
      body: welcomeInApp(user.first_name, 'fr'),
      provider: 'in_app',
      status: 'delivered',
    });
  }
}
