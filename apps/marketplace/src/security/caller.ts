import { ROLES, type Caller } from '@ecom/contracts';
import { currentContext, DomainError } from '@ecom/platform';

/** Every role: handlers for any signed-in caller (the platform's guard checks the header). */
export const ANY_ROLE = ROLES;

/** The verified caller passed by the gateway; never taken from a payload. */
export function caller(): Caller {
  const found = currentContext()?.caller;
  if (!found) throw new DomainError('UNAUTHENTICATED');

  return found;
}

export function isAdmin(who: Caller): boolean {
  return who.roles.includes('admin');
}
