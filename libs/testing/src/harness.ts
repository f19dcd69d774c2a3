import { randomUUID } from 'node:crypto';

import {
  createService,
  Naming,
  ServiceClient,
  type RunningApp,
  type ServiceConfig,
  type ServiceDefinition,
} from '@ecom/platform';
import type { EventEnvelope } from '@ecom/contracts';
import { connect, JSONCodec, type NatsConnection, type Subscription } from 'nats';
import type Transport from 'winston-transport';

import { TEST_NATS_URL, type TestEnvironment } from './infrastructure';
import { LogCapture } from './log-capture';

const codec = JSONCodec();

/**
 * Boots one service in this process against the test run's database and NATS prefix. Its log lines go
 * to `logs` (kept in memory, so test output stays readable and tests can read what was logged).
 */
export function startService<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  environment: TestEnvironment,
  overrides: Record<string, string> = {},
  logs: Transport = new LogCapture(),
): Promise<RunningApp<C>> {
  return createService(definition, { env: environment.env(overrides), logTransport: logs });
}

/** An event as its producer's outbox writes it: a fresh id, now, the source named by the type's first word. */
export function eventEnvelope<T>(type: string, data: T, id: string = randomUUID()): EventEnvelope<T> {
  return {
    id,
    type,
    occurred_at: new Date().toISOString(),
    source: type.split('.')[0] ?? 'test',
    correlation_id: randomUUID(),
    data,
  };
}

/** A NATS connection of the test itself, speaking to the apps as another service would. */
export class TestBus {
  readonly naming: Naming;
  readonly client: ServiceClient;

  private constructor(
    readonly connection: NatsConnection,
    environment: TestEnvironment,
  ) {
    this.naming = new Naming(environment.natsPrefix);
    this.client = new ServiceClient(connection, this.naming, 3000);
  }

  static async connect(environment: TestEnvironment): Promise<TestBus> {
    return new TestBus(await connect({ servers: TEST_NATS_URL, name: `test-${randomUUID()}` }), environment);
  }

  /**
   * Answers `subject` the way a Nest service does (`{ response }` or `{ err }`); `undefined` from the
   * handler means never answer, like a hung service.
   */
  respond(subject: string, handler: (data: unknown) => unknown): Subscription {
    return this.connection.subscribe(this.naming.rpc(subject), {
      callback: (error, message) => {
        if (error) return;
        const { id, data } = codec.decode(message.data) as { id: string; data: unknown };
        let packet: Record<string, unknown>;
        try {
          const response = handler(data);
          if (response === undefined) return;
          packet = { id, response, isDisposed: true };
        } catch (thrown) {
          packet = { id, err: thrown, isDisposed: true };
        }
        message.respond(codec.encode(packet));
      },
    });
  }

  /**
   * Publishes an event to JetStream as its producer's outbox relay would. The message id is the event's
   * unless given: another one gets a second copy past the stream's duplicate window (a late redelivery).
   */
  async publishEvent(envelope: EventEnvelope<unknown>, msgId: string = envelope.id): Promise<void> {
    await this.connection
      .jetstream()
      .publish(this.naming.event(envelope.type), codec.encode(envelope), { msgID: msgId });
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}

/** Polls `condition` until it holds (or throws its last error after `timeoutMs`): waits for a state, not a time. */
export async function waitFor<T>(
  condition: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 10_000, intervalMs = 50, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${lastError instanceof Error ? `: ${lastError.message}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
