import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Caller } from '@ecom/contracts';
import { inSpan, runWithContext, SpanKind, type RequestContext } from '@ecom/platform';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';

import { requestIdOf } from './edge-headers';

/**
 * Opens the request context every service call and log line of this request carries: request id,
 * verified caller, client address, idempotency key and trace context (a server span continues the client's trace).
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = execution.switchToHttp().getRequest<FastifyRequest & { user?: Caller }>();
    const requestId = requestIdOf(request);
    const header = (name: string): string | undefined => {
      const value = request.headers[name];

      return typeof value === 'string' && value.length > 0 ? value : undefined;
    };
    const context: RequestContext = {
      requestId,
      correlationId: requestId,
      caller: request.user,
      idempotencyKey: header('idempotency-key'),
      traceparent: header('traceparent'),
      // Behind TRUSTED_PROXIES Fastify takes it from X-Forwarded-For; services limit OTPs per address.
      clientIp: request.ip,
    };
    const route = `${request.method} ${request.routeOptions.url ?? 'unmatched'}`;

    return from(
      runWithContext(context, () =>
        inSpan(route, SpanKind.SERVER, context.traceparent, (traceparent) => {
          context.traceparent = traceparent;

          return lastValueFrom(next.handle(), { defaultValue: undefined });
        }),
      ),
    );
  }
}
