import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { DomainError } from '@ecom/platform';
import type { FastifyReply } from 'fastify';

/** Over a limit: 429 problem details with `Retry-After` in seconds, whichever limit was hit. */
@Injectable()
export class GatewayThrottlerGuard extends ThrottlerGuard {
  protected override throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply.header('Retry-After', String(Math.max(1, Math.ceil(detail.timeToBlockExpire))));

    throw new DomainError('RATE_LIMITED', `At most ${detail.limit} requests are allowed in this window`);
  }
}
