import { SetMetadata } from '@nestjs/common';
import type { Role } from '@ecom/contracts';

export const ROLES_KEY = 'ecom:roles';
export const PUBLIC_KEY = 'ecom:public';

/** Only callers holding one of these roles get through (HTTP route or message handler). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** A route or handler that needs no signed-in caller. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);
