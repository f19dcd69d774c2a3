import { ROLES, type Caller } from '@ecom/contracts';
import { currentContext, DomainError } from '@ecom/platform';

/** Every role: payment views admit any signed-in caller, then check the payer themselves. */
export const ANY_ROLE = ROLES;

/** The verified caller passed by the gateway; never taken from a payload. */
export function currentCaller(): Caller {
  const caller = currentContext()?.caller;
  if (!caller) throw new DomainError('UNAUTHENTICATED');

  return caller;
}
