import type { NatsContext, NatsOptions } from '@nestjs/microservices';
import { ServerNats } from '@nestjs/microservices';
import type { Msg, NatsConnection, NatsError, Subscription } from 'nats';

import type { InFlight } from './in-flight';
import type { Naming } from './naming';

type NatsServerOptions = NonNullable<NatsOptions['options']>;
type MessageCallback = (error: NatsError | null, message: Msg) => Promise<unknown>;
interface ReplyPacket {
  err?: unknown;
  isDisposed?: boolean;
}

/**
 * Nest's NATS server, with two changes: it subscribes under the deployment's subject prefix, and on
 * shutdown it stops taking messages and waits until every request it took has been answered before it
 * closes the connection.
 */
export class RpcServer extends ServerNats {
  private readonly prefixedSubscriptions: Subscription[] = [];
  private readonly queueGroup: string | undefined;
  /** The end marker of each request taken and not yet answered. */
  private readonly unanswered = new WeakMap<Msg, () => void>();

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
    for (const pattern of this.messageHandlers.keys()) {
      const handle = this.getMessageHandler(pattern) as MessageCallback;
      this.prefixedSubscriptions.push(
        client.subscribe(this.naming.rpc(pattern), {
          queue: this.queueGroup,
          callback: (error, message) => {
            if (message.reply) this.unanswered.set(message, this.inFlight.begin());
            void handle(error, message);
          },
        }),
      );
    }
  }

  override getPublisher(message: Msg, id: string, context: NatsContext): (response: ReplyPacket) => unknown {
    const publish = super.getPublisher(message, id, context);

    return (response) => {
      const result: unknown = publish(response);
      if (response.isDisposed || response.err !== undefined) this.unanswered.get(message)?.();

      return result;
    };
  }

  override async close(): Promise<void> {
    await Promise.all(this.prefixedSubscriptions.splice(0).map((subscription) => subscription.drain()));
    await this.inFlight.idle(this.shutdownTimeoutMs);
    await super.close();
  }
}
