import { ROLES } from '@ecom/contracts';
import { currentContext, DomainError } from '@ecom/platform';

/** Every role: wallet handlers admit any signed-in caller (the platform's guard checks the header). */
export const ANY_ROLE = ROLES;

/** The verified caller's user id, passed by the gateway; never taken from a payload. */
export function callerId(): string {
  const caller = currentContext()?.caller;
  if (!caller) throw new DomainError('UNAUTHENTICATED');

  return caller.user_id;
}
