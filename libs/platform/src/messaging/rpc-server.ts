import { ServerNats, type NatsOptions } from '@nestjs/microservices';
import type { NatsConnection, Subscription } from 'nats';

import type { InFlight } from './in-flight';
import type { Naming } from './naming';

type NatsServerOptions = NonNullable<NatsOptions['options']>;

/**
 * Nest's NATS server, with two changes: it subscribes under the deployment's subject prefix, and on
 * shutdown it stops taking messages, lets in-flight handlers finish, then drains the connection.
 */
export class RpcServer extends ServerNats {
  private readonly prefixedSubscriptions: Subscription[] = [];

  private readonly queueGroup: string | undefined;

  constructor(
    options: NatsServerOptions,
    private readonly naming: Naming,
    private readonly inFlight: InFlight,
    private readonly shutdownTimeoutMs: number,
  ) {
    super(options);
    this.queueGroup = options.queue;
  }

  override bindEvents(client: NatsConnection): void {
    const queue = this.queueGroup;
    for (const pattern of this.messageHandlers.keys()) {
      this.prefixedSubscriptions.push(
        client.subscribe(this.naming.rpc(pattern), { queue, callback: this.getMessageHandler(pattern).bind(this) }),
      );
    }
  }

  override async close(): Promise<void> {
    this.prefixedSubscriptions.splice(0).forEach((subscription) => subscription.unsubscribe());
    await this.inFlight.idle(this.shutdownTimeoutMs);
    await super.close();
  }
}
