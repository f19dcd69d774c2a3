import { SERVICE_NAMES } from '@ecom/contracts';
import {
  apiClient,
  DEMO_ADMIN,
  JOURNEY_SETTINGS,
  PlatformProcesses,
  responseBody,
  SmsSandbox,
  TestEnvironment,
  waitFor,
  type SignedUpSession,
} from '@ecom/testing';

/**
 * A user's whole life with an account, through the gateway only, the platform running as processes from
 * dist/: the SMS code is read from the sandbox SMS outbox (the sealed `auth.otp.requested` events).
 */
describe('auth journey through the gateway', () => {
  let environment: TestEnvironment;
  let platform: PlatformProcesses;
  let sms: SmsSandbox;

  const call = apiClient(() => `${platform.url}/api/v1`);
  /** Asks for a code, reads the SMS, and verifies it: the verification token, or a session for `login`. */
  const verifyPhone = async <T>(phone: string, purpose: string): Promise<T> => {
    expect((await call('/auth/send-otp', { json: { phone, purpose } })).status).toBe(202);
    const code = await sms.nextCode(phone, purpose as 'registration');

    return responseBody<T>(await call('/auth/verify-otp', { json: { phone, code, purpose } }), 200);
  };

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    platform = await PlatformProcesses.start(environment, JOURNEY_SETTINGS);
    sms = await SmsSandbox.open(environment);
  });

  afterAll(async () => {
    await sms.close();
    await platform.close();
    await environment.destroy();
  });

  it('send-otp → verify → register → me → refresh → reuse → login → logout → reset → export → erase', async () => {
    const phone = '+22893456789';
    const password = 'Lagune-Be-Kpota-9';

    // Register from a verified phone, written as Togolese users write it.
    const { verification_token } = await verifyPhone<{ verification_token: string }>(phone, 'registration');
    const registered = await responseBody<SignedUpSession>(
      await call('/auth/register', {
        json: { verification_token, first_name: 'Afi', last_name: 'Adjovi', password, user_type: 'client' },
      }),
      201,
    );
    expect(registered.user).toMatchObject({ phone, roles: ['client'] });

    const me = await responseBody<{ id: string }>(
      await call('/auth/me', { token: registered.access_token }),
      200,
    );
    expect(me.id).toBe(registered.user.id);

    // Refresh rotates; the old token again is theft: the family dies, the new token with it.
    const renewed = await responseBody<SignedUpSession>(
      await call('/auth/refresh', { json: { refresh_token: registered.refresh_token } }),
      200,
    );
    const reused = await responseBody<{ code: string }>(
      await call('/auth/refresh', { json: { refresh_token: registered.refresh_token } }),
      401,
    );
    expect(reused.code).toBe('AUTH_TOKEN_REUSED');
    expect((await call('/auth/refresh', { json: { refresh_token: renewed.refresh_token } })).status).toBe(
      401,
    );

    // Sign in again, then out: the session's refresh token is dead.
    const session = await responseBody<SignedUpSession>(
      await call('/auth/login', { json: { phone: '93 45 67 89', password } }),
      200,
    );
    expect(
      (
        await call('/auth/logout', {
          json: { refresh_token: session.refresh_token },
          token: session.access_token,
        })
      ).status,
    ).toBe(204);
    expect((await call('/auth/refresh', { json: { refresh_token: session.refresh_token } })).status).toBe(
      401,
    );

    // Forgotten password: a code, a new password, the old one refused.
    const reset = await verifyPhone<{ verification_token: string }>(phone, 'password_reset');
    const newPassword = 'Nouvelle-Lune-2026';
    expect(
      (
        await call('/auth/password/reset', {
          json: { verification_token: reset.verification_token, new_password: newPassword },
        })
      ).status,
    ).toBe(204);
    expect((await call('/auth/login', { json: { phone, password } })).status).toBe(401);
    const current = await responseBody<SignedUpSession>(
      await call('/auth/login', { json: { phone, password: newPassword } }),
      200,
    );

    // Export: every service's part in one document.
    const exported = await responseBody<{
      user_id: string;
      services: Record<string, Record<string, unknown>>;
    }>(await call('/auth/me/export', { token: current.access_token }), 200);
    expect(exported.user_id).toBe(registered.user.id);
    expect(Object.keys(exported.services).sort()).toEqual([...SERVICE_NAMES].sort());
    expect(exported.services['auth']).toMatchObject({ profile: { phone } });

    // Erase: the account is gone; its token stops working and the phone no longer signs in.
    expect((await call('/auth/me', { method: 'DELETE', token: current.access_token })).status).toBe(204);
    await waitFor(async () => (await call('/auth/me', { token: current.access_token })).status === 401, {
      what: 'the gateway to refuse the erased user’s token',
    });
    expect((await call('/auth/login', { json: { phone, password: newPassword } })).status).toBe(401);
  });

  it('stops the access token of a user an admin suspends', async () => {
    const admin = await responseBody<SignedUpSession>(await call('/auth/login', { json: DEMO_ADMIN }), 200);
    const phone = '+22896543210';
    const { verification_token } = await verifyPhone<{ verification_token: string }>(phone, 'registration');
    const driver = await responseBody<SignedUpSession>(
      await call('/auth/register', {
        json: {
          verification_token,
          first_name: 'Komla',
          last_name: 'Dossou',
          password: 'Route-Kara-Nord-5',
          user_type: 'driver',
        },
      }),
      201,
    );
    expect((await call('/auth/me', { token: driver.access_token })).status).toBe(200);

    await responseBody(
      await call(`/admin/users/${driver.user.id}`, {
        method: 'PATCH',
        json: { status: 'suspended' },
        token: admin.access_token,
      }),
      200,
    );

    const refused = await waitFor(
      async () => {
        const response = await call('/auth/me', { token: driver.access_token });

        return response.status === 403 ? ((await response.json()) as { code: string }) : undefined;
      },
      { what: 'the gateway to refuse the suspended driver' },
    );
    expect(refused.code).toBe('AUTH_ACCOUNT_SUSPENDED');
    expect((await call('/auth/login', { json: { phone, password: 'Route-Kara-Nord-5' } })).status).toBe(403);
  });
});
