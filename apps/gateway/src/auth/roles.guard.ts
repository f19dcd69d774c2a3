import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Caller, Role } from '@ecom/contracts';
import { ForbiddenError, ROLES_KEY } from '@ecom/platform';
import type { FastifyRequest } from 'fastify';

/** A route marked `@Roles(...)` admits only callers holding one of them. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.length === 0) return true;
    const caller = context.switchToHttp().getRequest<FastifyRequest & { user?: Caller }>().user;
    if (!caller?.roles.some((role) => roles.includes(role))) throw new ForbiddenError();

    return true;
  }
}
