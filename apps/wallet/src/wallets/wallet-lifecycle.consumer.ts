import { Injectable } from '@nestjs/common';
import { AUTH_EVENTS, UserRegisteredEvent, UserStatusEvent, type EventEnvelope } from '@ecom/contracts';
import { OnEvent } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { PrivacyService } from '../privacy/privacy.service';
import { WalletsService } from './wallets.service';

/** Every registered user gets a wallet; an erased one has its holder forgotten (the ledger stays). */
@Injectable()
export class WalletLifecycleConsumer {
  constructor(
    private readonly wallets: WalletsService,
    private readonly privacy: PrivacyService,
  ) {}

  @OnEvent(AUTH_EVENTS.userRegistered, { payload: UserRegisteredEvent })
  async onRegistered(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const user = event.data as unknown as UserRegisteredEvent;
    await this.wallets.open(manager, user.user_id, { name: user.first_name, phone: user.phone });
  }

  @OnEvent(AUTH_EVENTS.userErased, { payload: UserStatusEvent })
  async onErased(event: EventEnvelope, manager: EntityManager): Promise<void> {
    await this.privacy.erase(manager, (event.data as unknown as UserStatusEvent).user_id);
  }
}
