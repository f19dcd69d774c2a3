import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Caller } from '@ecom/contracts';
import type { FastifyRequest } from 'fastify';

/** The verified caller of a route that requires a token. */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller | undefined =>
    context.switchToHttp().getRequest<FastifyRequest & { user?: Caller }>().user,
);
