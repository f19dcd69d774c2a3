import { randomUUID } from 'node:crypto';

import { headers as natsHeaders, type MsgHdrs } from 'nats';
import { ROLES, type Caller } from '@ecom/contracts';

import type { RequestContext } from '../context/request-context';

/** Header names that carry the request context across NATS. */
export const HEADER = {
  requestId: 'X-Request-Id',
  correlationId: 'X-Correlation-Id',
  caller: 'X-Caller',
  idempotencyKey: 'Idempotency-Key',
  traceparent: 'traceparent',
  clientIp: 'X-Client-Ip',
} as const;

export function contextToHeaders(
  context: RequestContext | undefined,
  target: MsgHdrs = natsHeaders(),
): MsgHdrs {
  if (!context) return target;
  target.set(HEADER.requestId, context.requestId);
  target.set(HEADER.correlationId, context.correlationId);
  if (context.caller) target.set(HEADER.caller, JSON.stringify(context.caller));
  if (context.idempotencyKey) target.set(HEADER.idempotencyKey, context.idempotencyKey);
  if (context.traceparent) target.set(HEADER.traceparent, context.traceparent);
  if (context.clientIp) target.set(HEADER.clientIp, context.clientIp);

  return target;
}

export function contextFromHeaders(source: MsgHdrs | undefined, subject?: string): RequestContext {
  const read = (name: string): string | undefined => source?.get(name) || undefined;
  const requestId = read(HEADER.requestId) ?? randomUUID();

  return {
    requestId,
    correlationId: read(HEADER.correlationId) ?? requestId,
    caller: parseCaller(read(HEADER.caller)),
    idempotencyKey: read(HEADER.idempotencyKey),
    traceparent: read(HEADER.traceparent),
    clientIp: read(HEADER.clientIp),
    subject,
  };
}

/** A caller header that is not exactly `{ user_id, roles }` with known roles is treated as absent. */
function parseCaller(text: string | undefined): Caller | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Caller>;
    const roles = Array.isArray(value.roles) ? value.roles : [];
    if (typeof value.user_id !== 'string' || !roles.every((role) => ROLES.includes(role))) return undefined;

    return { user_id: value.user_id, roles };
  } catch {
    return undefined;
  }
}
