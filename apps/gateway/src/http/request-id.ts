import { randomUUID } from 'node:crypto';

import type { FastifyInstance, FastifyRequest } from 'fastify';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

declare module 'fastify' {
  interface FastifyRequest {
    requestId: string;
  }
}

/** Keeps a well-formed `X-Request-Id` from the client (or makes one) and echoes it on every answer. */
export function registerRequestId(fastify: FastifyInstance): void {
  fastify.decorateRequest('requestId', '');
  fastify.addHook('onRequest', (request, reply, done) => {
    const incoming = request.headers['x-request-id'];
    request.requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    void reply.header('X-Request-Id', request.requestId);
    done();
  });
}

export function requestIdOf(request: FastifyRequest): string {
  return request.requestId || randomUUID();
}
