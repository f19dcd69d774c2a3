import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import type { MsgHdrs } from 'nats';
import { from, lastValueFrom, type Observable } from 'rxjs';

import { runWithContext } from '../context/request-context';
import { DomainError } from '../errors/domain-error';
import type { Logger } from '../logging/logger';
import type { MetricsService } from '../metrics/metrics.service';
import { inSpan, SpanKind } from '../tracing/tracing';
import { contextFromHeaders } from './headers';
import type { Naming } from './naming';

/**
 * Around every message handler: restores the request context from the headers (for logs and onward
 * calls), opens a span, times it by subject and outcome, and turns anything that is not a DomainError into a logged, generic INTERNAL error.
 */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  constructor(
    private readonly naming: Naming,
    private readonly metrics: MetricsService,
    private readonly logger: Logger,
  ) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'rpc') return next.handle();
    const nats = execution.switchToRpc().getContext<NatsContext>();
    const subject = this.naming.local(nats.getSubject());
    const context = contextFromHeaders(nats.getHeaders() as MsgHdrs | undefined, subject);
    const stopTimer = this.metrics.rpcDuration.startTimer({ subject });

    return from(
      runWithContext(context, () =>
        inSpan(`rpc ${subject}`, SpanKind.SERVER, context.traceparent, async (traceparent) => {
          context.traceparent = traceparent;
          try {
            const result = await lastValueFrom(next.handle() as Observable<unknown>, {
              defaultValue: undefined,
            });
            stopTimer({ outcome: 'ok' });

            return result;
          } catch (error) {
            throw this.toDomainError(error, stopTimer);
          }
        }),
      ),
    );
  }

  private toDomainError(error: unknown, stopTimer: (labels: { outcome: string }) => void): DomainError {
    if (error instanceof DomainError) {
      stopTimer({ outcome: error.status >= 500 ? 'error' : 'rejected' });
      if (error.status >= 500) this.logger.error(error.message, { code: error.code, details: error.details });

      return error;
    }
    stopTimer({ outcome: 'error' });
    this.logger.error('Unhandled error in message handler', { error });

    return new DomainError('INTERNAL');
  }
}
