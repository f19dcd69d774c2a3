import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { Reflector } from '@nestjs/core';
import type { Role } from '@ecom/contracts';
import type { MsgHdrs } from 'nats';

import { ROLES_KEY } from '../auth/roles.decorator';
import { DomainError, ForbiddenError } from '../errors/domain-error';
import { contextFromHeaders } from './headers';

/**
 * Authorization of message handlers: a handler marked `@Roles(...)` runs only for a caller holding one of
 * them. Handlers without it answer any service on the bus (queries between services, ping).
 */
@Injectable()
export class RpcRolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(execution: ExecutionContext): boolean {
    if (execution.getType() !== 'rpc') return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      execution.getHandler(),
      execution.getClass(),
    ]);
    if (!roles || roles.length === 0) return true;
    const headers = execution.switchToRpc().getContext<NatsContext>().getHeaders() as MsgHdrs | undefined;
    const caller = contextFromHeaders(headers).caller;
    if (!caller) throw new DomainError('UNAUTHENTICATED');
    if (!caller.roles.some((role) => roles.includes(role))) throw new ForbiddenError();

    return true;
  }
}
