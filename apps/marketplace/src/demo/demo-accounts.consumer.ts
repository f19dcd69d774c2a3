import { Injectable } from '@nestjs/common';
import { AUTH_EVENTS, UserRegisteredEvent, type EventEnvelope } from '@ecom/contracts';
import { OnEvent } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { MarketplaceConfig } from '../config';
import { DEMO_CLIENTS, DEMO_STORES } from './demo-catalogue';
import { demoStoresOpen, fillDemoCart, openDemoStore, placeDemoOrders } from './demo-data';

/**
 * Demo data that needs auth's demo accounts, whose ids are random: a demo owner's store opens when their
 * registration arrives, the demo clients get their orders and cart. Only with LOAD_DEMO_DATA, never in
 * production; every step is idempotent. Replays the stream's history: the accounts may predate the service.
 */
@Injectable()
export class DemoAccountsConsumer {
  constructor(private readonly config: MarketplaceConfig) {}

  @OnEvent(AUTH_EVENTS.userRegistered, {
    payload: UserRegisteredEvent,
    consumer: 'demo-accounts',
    deliver: 'all',
  })
  async onRegistered(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (!this.config.LOAD_DEMO_DATA || this.config.isProduction) return;
    const user = event.data as unknown as UserRegisteredEvent;
    const store = DEMO_STORES.find((demo) => demo.ownerPhone === user.phone);
    if (store) await openDemoStore(manager, user.user_id, store);
    if (user.phone === DEMO_CLIENTS.withOrders.phone || user.phone === DEMO_CLIENTS.withCart.phone) {
      // Auth registers the demo clients before the owners: redelivered until the stores are open.
      if (!(await demoStoresOpen(manager))) throw new Error('Demo stores are not open yet');
      if (user.phone === DEMO_CLIENTS.withOrders.phone) await placeDemoOrders(manager, user.user_id);
      else await fillDemoCart(manager, user.user_id);
    }
  }
}
