import { Injectable } from '@nestjs/common';
import { AUTH_EVENTS, UserStatusEvent, type EventEnvelope } from '@ecom/contracts';
import { OnEvent } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { DriversRepository } from './drivers.repository';

/**
 * auth suspended an account: its driver goes offline at once, so no rider is matched with someone who
 * can no longer sign in to accept. Going online again is theirs to do once reactivated.
 */
@Injectable()
export class UserSuspendedConsumer {
  constructor(private readonly drivers: DriversRepository) {}

  @OnEvent(AUTH_EVENTS.userSuspended, { payload: UserStatusEvent })
  async onSuspended(event: EventEnvelope, manager: EntityManager): Promise<void> {
    await this.drivers.takeOffline(manager, (event.data as unknown as UserStatusEvent).user_id);
  }
}
