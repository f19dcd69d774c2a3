import { createHash } from 'node:crypto';

import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';

/** Seconds a client or CDN may reuse a public catalogue read before asking again (with its ETag). */
const MAX_AGE_SECONDS = 30;

/** A weak validator of the body: equal bodies, equal tags, whichever replica answered. */
export function etagOf(body: unknown): string {
  return `W/"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header names this tag (weak comparison, RFC 9110 §13.1.2). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');

  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === bare);
}

/**
 * Public catalogue reads: `ETag` and `Cache-Control` on every answer, and `304 Not Modified` with no body
 * when the client already holds this version.
 */
@Injectable()
export class CatalogueCacheInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();

    return next.handle().pipe(
      map((body: unknown) => {
        const etag = etagOf(body);
        void reply.header('ETag', etag);
        void reply.header('Cache-Control', `public, max-age=${MAX_AGE_SECONDS}`);
        if (!matchesEtag(request.headers['if-none-match'], etag)) return body;
        void reply.status(304);

        return undefined;
      }),
    );
  }
}
