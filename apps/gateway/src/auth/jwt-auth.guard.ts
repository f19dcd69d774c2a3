import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Caller } from '@ecom/contracts';
import { DomainError, PUBLIC_KEY } from '@ecom/platform';
import type { FastifyRequest } from 'fastify';

/** Every route needs a valid access token unless marked `@Public()`; the verified caller joins the request context. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(
    context: ExecutionContext,
  ): ReturnType<ReturnType<typeof AuthGuard>['prototype']['canActivate']> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;

    return super.canActivate(context);
  }

  override handleRequest<TUser>(
    error: unknown,
    user: TUser | false,
    info: unknown,
    context: ExecutionContext,
  ): TUser {
    if (error instanceof DomainError) throw error;
    if (error) throw new DomainError('TOKEN_INVALID');
    if (user) {
      // From here on, every service call and log line of this request carries the verified caller.
      const { requestContext } = context.switchToHttp().getRequest<FastifyRequest>();
      if (requestContext) requestContext.caller = user as unknown as Caller; // JwtStrategy.validate returns a Caller

      return user;
    }
    const reason = info instanceof Error ? info : undefined;
    if (reason?.name === 'TokenExpiredError') throw new DomainError('TOKEN_EXPIRED');
    if (!reason || /no auth token/i.test(reason.message)) throw new DomainError('UNAUTHENTICATED');

    throw new DomainError('TOKEN_INVALID');
  }
}
