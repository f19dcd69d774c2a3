import { createHash } from 'node:crypto';

import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Caller } from '@ecom/contracts';
import { DomainError, ValidationFailedError } from '@ecom/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';

import { GatewayConfig } from '../config';
import type { IdempotencyStore } from './idempotency.store';

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');

const KEY_FORMAT = /^[A-Za-z0-9_-]{8,128}$/;

/**
 * Replays the stored answer of a request already made with the same `Idempotency-Key` (per caller and
 * route) and the same body; the same key with another body, or while the first is still running, is a
 * 409. Errors are not stored, so the client can retry them. Services enforce the same key
 * again in their own database: this layer saves work, theirs guarantees "applied once".
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly config: GatewayConfig,
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Caller }>();
    const header = request.headers['idempotency-key'];
    if (header === undefined) return next.handle();
    if (typeof header !== 'string' || !KEY_FORMAT.test(header)) {
      throw new ValidationFailedError([
        { field: 'Idempotency-Key', message: 'must be 8 to 128 letters, digits, - or _ (a UUID fits)' },
      ]);
    }
    const reply = context.switchToHttp().getResponse<FastifyReply>();

    return from(this.run(request, reply, header, next));
  }

  private async run(
    request: FastifyRequest & { user?: Caller },
    reply: FastifyReply,
    header: string,
    next: CallHandler,
  ): Promise<unknown> {
    const owner = request.user?.user_id ?? `ip:${request.ip}`;
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    const key = `idem:${createHash('sha256').update(`${owner}|${route}|${header}`).digest('hex')}`;
    const fingerprint = createHash('sha256')
      .update(`${request.url}|${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const ttl = this.config.IDEMPOTENCY_TTL_SECONDS;
    const existing = await this.store.claim(key, fingerprint, ttl);
    if (existing) {
      if (existing.fingerprint !== fingerprint) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
      if (existing.state === 'running') throw new DomainError('IDEMPOTENCY_IN_PROGRESS');
      void reply.status(existing.status).header('Idempotent-Replayed', 'true');

      return existing.body;
    }
    try {
      const body = await lastValueFrom(next.handle() as Observable<unknown>, { defaultValue: undefined });
      await this.store.complete(key, { state: 'done', fingerprint, status: reply.statusCode, body }, ttl);

      return body;
    } catch (error) {
      // Only successes are stored: after a refusal or a failure the client may correct and retry.
      await this.store.release(key);
      throw error;
    }
  }
}
