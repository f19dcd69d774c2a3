import { Injectable } from '@nestjs/common';
import { AUTH_EVENTS, UserStatusEvent, type EventEnvelope } from '@ecom/contracts';
import { OnEvent } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { PrivacyService } from './privacy.service';

/** RGPD erasure: auth erased the account, so its orders are anonymised and its cart goes. */
@Injectable()
export class UserErasedConsumer {
  constructor(private readonly privacy: PrivacyService) {}

  @OnEvent(AUTH_EVENTS.userErased, { payload: UserStatusEvent })
  async onErased(event: EventEnvelope, manager: EntityManager): Promise<void> {
    await this.privacy.erase(manager, (event.data as unknown as UserStatusEvent).user_id);
  }
}
