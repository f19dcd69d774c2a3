import { Injectable } from '@nestjs/common';
import { AUTH_EVENTS, UserRegisteredEvent, type EventEnvelope } from '@ecom/contracts';
import { OnEvent } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { Dispatcher, originOf } from '../delivery/dispatcher.service';
import { RecipientsRepository } from '../recipients/recipients.repository';
import { welcomeInApp } from '../templates/message-templates';

/**
 * A new user: keeps how to reach them (phone, email) for later messages, so that no trigger has to ask
 * auth, and greets them in their in-app inbox; stored is delivered for in_app.
 */
@Injectable()
export class WelcomeConsumer {
  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly recipients: RecipientsRepository,
  ) {}

  @OnEvent(AUTH_EVENTS.userRegistered, { payload: UserRegisteredEvent })
  async onRegistered(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const user = event.data as unknown as UserRegisteredEvent;
    await this.recipients.upsertContact(manager, user.user_id, {
      phone: user.phone,
      email: user.email ?? null,
    });
    await this.dispatcher.toUser(
      manager,
      originOf(event, 'welcome', 'transactional'),
      user.user_id,
      ['in_app'],
      (locale) => ({
        body: welcomeInApp(user.first_name, locale),
      }),
    );
  }
}
