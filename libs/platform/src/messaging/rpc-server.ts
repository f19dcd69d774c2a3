import type { NatsContext, NatsOptions } from '@nestjs/microservices';
import { ServerNats } from '@nestjs/microservices';
import { ERROR_CATALOG, isErrorCode } from '@ecom/contracts';
import type { Msg, NatsConnection, NatsError, Subscription } from 'nats';

import { runWithContext } from '../context/request-context';
import type { MetricsService } from '../metrics/metrics.service';
import { openSpan, SpanKind, type SpanHandle } from '../tracing/tracing';
import { contextFromHeaders } from './headers';
import type { InFlight } from './in-flight';
import type { Naming } from './naming';

type NatsServerOptions = NonNullable<NatsOptions['options']>;
type MessageCallback = (error: NatsError | null, message: Msg) => Promise<unknown>;
interface ReplyPacket {
  err?: unknown;
  isDisposed?: boolean;
}

/** What is open for one request until its answer leaves. */
interface Pending {
  endInFlight: () => void;
  stopTimer: (labels: { outcome: string }) => void;
  span: SpanHandle;
}

/**
 * Nest's NATS server, extended for the platform:
 * - subscribes under the deployment's subject prefix;
 * - runs each message inside its request context (from the headers: request id, caller, trace), so
 *   guards, pipes, the handler, its logs and its onward calls all see it, and times it from receipt to
 *   answer by subject and outcome;
 * - on shutdown stops taking messages and waits until every request taken has been answered.
 * Doing this here rather than in an interceptor keeps Nest's per-interceptor async wrapping off the path.
 */
export class RpcServer extends ServerNats {
  private readonly prefixedSubscriptions: Subscription[] = [];
  private readonly queueGroup: string | undefined;
  private readonly pending = new WeakMap<Msg, Pending>();

  constructor(
    options: NatsServerOptions,
    private readonly naming: Naming,
    private readonly inFlight: InFlight,
    private readonly metrics: MetricsService,
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
            const context = contextFromHeaders(message.headers, pattern);
            const span = openSpan(`rpc ${pattern}`, SpanKind.SERVER, context.traceparent);
            context.traceparent = span.traceparent;
            if (message.reply) {
              this.pending.set(message, {
                endInFlight: this.inFlight.begin(),
                stopTimer: this.metrics.rpcDuration.startTimer({ subject: pattern }),
                span,
              });
            }
            runWithContext(context, () => void handle(error, message));
          },
        }),
      );
    }
  }

  override getPublisher(message: Msg, id: string, context: NatsContext): (response: ReplyPacket) => unknown {
    const publish = super.getPublisher(message, id, context);

    return (response) => {
      const result: unknown = publish(response);
      const pending = this.pending.get(message);
      if (pending && (response.isDisposed || response.err !== undefined)) {
        this.pending.delete(message);
        const outcome = outcomeOf(response.err);
        pending.stopTimer({ outcome });
        pending.span.end(outcome === 'error');
        pending.endInFlight();
      }

      return result;
    };
  }

  /** Our patterns are plain subjects: Nest's attempt to JSON-parse each one throws on every message. */
  protected override getRouteFromPattern(pattern: string): string {
    return pattern;
  }

  override async close(): Promise<void> {
    await Promise.all(this.prefixedSubscriptions.splice(0).map((subscription) => subscription.drain()));
    await this.inFlight.idle(this.shutdownTimeoutMs);
    await super.close();
  }
}

/** `ok`, `rejected` (an expected refusal, 4xx) or `error` (a failure of ours, 5xx). */
function outcomeOf(error: unknown): string {
  if (error === undefined || error === null) return 'ok';
  const code = (error as { code?: unknown }).code;

  return isErrorCode(code) && ERROR_CATALOG[code].status < 500 ? 'rejected' : 'error';
}
