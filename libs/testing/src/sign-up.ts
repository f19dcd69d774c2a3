import { randomInt } from 'node:crypto';

import type { SessionReply, UserType, UserView } from '@ecom/contracts';

import { responseBody, type ApiCall } from './api-client';
import type { SmsSandbox } from './sms-sandbox';

export interface SignUpDetails {
  /** A fresh random number when absent. */
  phone?: string;
  user_type?: UserType;
  first_name?: string;
  last_name?: string;
  password?: string;
}

/** The admin auth loads with LOAD_DEMO_DATA (apps/auth/src/demo/demo-data.ts). */
export const DEMO_ADMIN = { phone: '+22890000001', password: 'Akwaba-Lome-2025!' };

/** A session of a user who signed up by phone, so whose phone is known. */
export type SignedUpSession = SessionReply & { user: UserView & { phone: string } };

/** A Togolese mobile number no other test is likely to use. */
export function randomPhone(prefix = '+22893'): string {
  return `${prefix}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

/**
 * Signs a new user up through the gateway as the mobile app does: a code by SMS (read from the sandbox),
 * its verification, then registration. Answers the signed-in session.
 */
export async function signUp(
  call: ApiCall,
  sms: SmsSandbox,
  details: SignUpDetails = {},
): Promise<SignedUpSession> {
  const phone = details.phone ?? randomPhone();
  await responseBody(await call('/auth/send-otp', { json: { phone, purpose: 'registration' } }), 202);
  const code = await sms.nextCode(phone, 'registration');
  const { verification_token } = await responseBody<{ verification_token: string }>(
    await call('/auth/verify-otp', { json: { phone, code, purpose: 'registration' } }),
    200,
  );

  const session = await responseBody<SessionReply>(
    await call('/auth/register', {
      json: {
        verification_token,
        first_name: details.first_name ?? 'Afi',
        last_name: details.last_name ?? 'Adjovi',
        password: details.password ?? 'Lagune-Be-Kpota-9',
        user_type: details.user_type ?? 'client',
      },
    }),
    201,
  );

  return { ...session, user: { ...session.user, phone } };
}
