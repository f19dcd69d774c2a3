import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from 'nats';

import { NATS_CONNECTION } from './tokens';

/**
 * Drains the app's NATS connection last, after the handlers, consumers and relay that use it have stopped
 * (they stop in `beforeApplicationShutdown`): pending publishes reach the server before it closes.
 */
@Injectable()
export class NatsConnectionLifecycle implements OnApplicationShutdown {
  constructor(@Inject(NATS_CONNECTION) private readonly connection: NatsConnection) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.connection.isClosed() && !this.connection.isDraining()) await this.connection.drain();
  }
}
