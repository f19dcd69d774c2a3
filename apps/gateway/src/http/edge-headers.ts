import { randomUUID } from 'node:crypto';

import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Helmet's default security headers, with a content security policy that lets Swagger UI run (also over
 * plain http on a developer's machine: no upgrade-insecure-requests; TLS is the ingress's job). Set as one
 * constant: @fastify/helmet rebuilds them on every request, a measurable share of the gateway's CPU.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'self'",
    "base-uri 'self'",
    "font-src 'self' https: data:",
    "form-action 'self'",
    "frame-ancestors 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "script-src 'self' 'unsafe-inline'",
    "script-src-attr 'none'",
    "style-src 'self' 'unsafe-inline'",
  ].join(';'),
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

declare module 'fastify' {
  interface FastifyRequest {
    requestId: string;
  }
}

/**
 * On every answer: the security headers, and `X-Request-Id`, the client's own when well-formed (so a
 * mobile app can quote it to support) or a new one.
 */
export function registerEdgeHeaders(fastify: FastifyInstance): void {
  fastify.decorateRequest('requestId', '');
  fastify.addHook('onRequest', (request, reply, done) => {
    const incoming = request.headers['x-request-id'];
    request.requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    void reply.headers(SECURITY_HEADERS).header('X-Request-Id', request.requestId);
    done();
  });
}

export function requestIdOf(request: FastifyRequest): string {
  return request.requestId || randomUUID();
}
