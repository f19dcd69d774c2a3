import { randomUUID } from 'node:crypto';

import { ErrorCode, JSONCodec, NatsError, type NatsConnection } from 'nats';

import { currentContext, type RequestContext } from '../context/request-context';
import { DomainError, ServiceTimeoutError, ServiceUnavailableError } from '../errors/domain-error';
import { contextToHeaders } from './headers';
import type { Naming } from './naming';

interface ReplyPacket<T> {
  response?: T;
  err?: unknown;
}

const codec = JSONCodec();

export interface RequestOptions {
  timeoutMs?: number;
  /** The context to pass on; the current one by default. */
  context?: RequestContext;
}

/**
 * Request-reply to another service, speaking the packet format of Nest's NATS transport
 * (`{ pattern, data, id }` → `{ response | err }`). Nobody listening is a 503, silence a 504, and an
 * error answered by the service comes back as the same DomainError.
 */
export class ServiceClient {
  constructor(
    private readonly connection: NatsConnection,
    private readonly naming: Naming,
    private readonly defaultTimeoutMs: number,
  ) {}

  async request<T>(subject: string, data: unknown, options: RequestOptions = {}): Promise<T> {
    const timeout = options.timeoutMs ?? this.defaultTimeoutMs;
    const headers = contextToHeaders(options.context ?? currentContext());
    let reply;
    try {
      reply = await this.connection.request(
        this.naming.rpc(subject),
        codec.encode({ pattern: subject, data, id: randomUUID() }),
        { timeout, headers },
      );
    } catch (error) {
      const code: string | undefined = error instanceof NatsError ? error.code : undefined;
      if (code === (ErrorCode.NoResponders as string)) throw new ServiceUnavailableError(subject);
      if (code === (ErrorCode.Timeout as string)) throw new ServiceTimeoutError(subject, timeout);
      throw error;
    }
    const packet = codec.decode(reply.data) as ReplyPacket<T>;
    if (packet.err !== undefined && packet.err !== null) throw DomainError.fromWire(packet.err);

    return packet.response as T;
  }
}
