import { ROLES, type Caller } from '@ecom/contracts';
import { currentContext, DomainError } from '@ecom/platform';

/** Every role: handlers open to any signed-in caller (the platform's guard checks the header). */
export const ANY_ROLE = ROLES;

/** The verified caller passed by the gateway; never taken from a payload. */
export function currentCaller(): Caller {
  const caller = currentContext()?.caller;
  if (!caller) throw new DomainError('UNAUTHENTICATED');

  return caller;
}
