import { AsyncLocalStorage } from 'node:async_hooks';

import type { Caller } from '@ecom/contracts';

/** What travels with one request from the gateway through every service and event it causes. */
export interface RequestContext {
  requestId: string;
  /** Ties together every message and event of one user action; the first request id by default. */
  correlationId: string;
  caller?: Caller;
  idempotencyKey?: string;
  /** W3C trace context of the current span. */
  traceparent?: string;
  /** Address of the client as the gateway saw it (after trusted proxies), for per-address limits. */
  clientIp?: string;
  /** The NATS subject being handled, for logs. */
  subject?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function runWithContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/**
 * Makes `context` current for the rest of the running async resource and everything it starts. For the
 * HTTP edge, where Node runs each request in a resource of its own (body events included) and no
 * callback wraps the whole request: set once, first thing, for every request.
 */
export function enterContext(context: RequestContext): void {
  storage.enterWith(context);
}
