import {
  privacyExportSubject,
  SERVICE_NAMES,
  type PrivacyExportRequest,
  type RotateKeysReply,
} from '@ecom/contracts';
import { join } from 'node:path';

import type { RunningApp, ServiceConfig, ServiceDefinition } from '@ecom/platform';
import {
  apiClient,
  DEMO_ADMIN,
  LogCapture,
  SmsSandbox,
  startService,
  TestBus,
  TestEnvironment,
  waitFor,
  type SignedUpSession,
} from '@ecom/testing';

import { createGateway } from '../src/app';
import type { GatewayConfig } from '../src/config';

// The gateway in front of the real auth service (both in this process), over real NATS and Postgres.
// An app never imports another: auth's definition is loaded by path, as the platform's tools load apps.
async function authDefinition(): Promise<ServiceDefinition<ServiceConfig>> {
  const module = (await import(join(__dirname, '..', '..', 'auth', 'src', 'service'))) as {
    authService: ServiceDefinition<ServiceConfig>;
  };

  return module.authService;
}

describe('gateway: auth routes in front of the auth service', () => {
  let environment: TestEnvironment;
  let bus: TestBus;
  let auth: RunningApp;
  let gateway: RunningApp<GatewayConfig>;
  let sms: SmsSandbox;
  let phoneCounter = 0;

  const newPhone = (): string =>
    `+22892${String(Date.now() % 100000).padStart(5, '0')}${phoneCounter++ % 10}`;
  const call = apiClient(() => `${gateway.url}/api/v1`);
  const post = (
    path: string,
    json: unknown,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<Response> => call(path, { method: 'POST', json, token, headers });
  const registered = async (userType = 'client'): Promise<SignedUpSession & { phone: string }> => {
    const phone = newPhone();
    expect((await post('/auth/send-otp', { phone, purpose: 'registration' })).status).toBe(202);
    const code = await sms.nextCode(phone);
    const verified = (await (
      await post('/auth/verify-otp', { phone, code, purpose: 'registration' })
    ).json()) as {
      verification_token: string;
    };
    const response = await post('/auth/register', {
      verification_token: verified.verification_token,
      first_name: 'Mawuli',
      last_name: 'Kpodar',
      password: 'Savane-Plateaux-31',
      user_type: userType,
    });
    expect(response.status).toBe(201);

    return { ...((await response.json()) as SignedUpSession), phone };
  };
  const adminToken = async (): Promise<string> =>
    ((await (await post('/auth/login', DEMO_ADMIN)).json()) as SignedUpSession).access_token;

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    bus = await TestBus.connect(environment);
    auth = await startService(
      await authDefinition(),
      environment,
      {
        ARGON2_MEMORY_KIB: '1024',
        ARGON2_ITERATIONS: '1',
        LOAD_DEMO_DATA: 'true',
        OTP_MAX_PER_IP_PER_HOUR: '20',
      },
      new LogCapture(),
    );
    gateway = await createGateway({
      env: environment.env({
        TRUSTED_PROXIES: '127.0.0.1',
        RATE_LIMIT_SENSITIVE: '1000',
        LOG_LEVEL: 'error',
      }),
    });
    sms = await SmsSandbox.open(environment);
  });

  afterAll(async () => {
    await sms.close();
    await gateway.close();
    await auth.close();
    await bus.close();
    await environment.destroy();
  });

  it('registers through the gateway and serves the profile to the real access token', async () => {
    const account = await registered();

    const me = await call('/auth/me', { token: account.access_token });

    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: account.user.id, phone: account.phone, roles: ['client'] });
  });

  it('publishes the JWKS with a cache lifetime', async () => {
    const response = await call('/auth/.well-known/jwks.json');

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(((await response.json()) as { keys: { alg: string }[] }).keys[0]).toMatchObject({
      alg: 'RS256',
      kty: 'RSA',
    });
  });

  it('answers auth refusals as problem details with their stable code and status', async () => {
    const bad = await post('/auth/send-otp', { phone: '12', purpose: 'login' });
    const unknown = await post('/auth/login', { phone: newPhone(), password: 'Whatever-123' });
    const reused = await registered();
    await post('/auth/refresh', { refresh_token: reused.refresh_token });
    const replay = await post('/auth/refresh', { refresh_token: reused.refresh_token });

    expect([bad.status, unknown.status, replay.status]).toEqual([400, 401, 401]);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(await bad.json()).toMatchObject({ code: 'AUTH_PHONE_INVALID' });
    expect(await unknown.json()).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
    expect(await replay.json()).toMatchObject({ code: 'AUTH_TOKEN_REUSED' });
  });

  it('hands the client address to auth, which limits codes per address', async () => {
    const from = (address: string): Promise<Response> =>
      post('/auth/send-otp', { phone: newPhone(), purpose: 'registration' }, undefined, {
        'X-Forwarded-For': address,
      });
    const statuses: number[] = [];
    for (let sent = 0; sent < 21; sent += 1) statuses.push((await from('203.0.113.77')).status);

    expect(statuses.slice(0, 20).every((status) => status === 202)).toBe(true);
    const limited = await from('203.0.113.77');
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ code: 'AUTH_OTP_LIMIT' });
    expect((await from('198.51.100.77')).status).toBe(202);
  });

  it('refuses a client on an admin route with 403 FORBIDDEN', async () => {
    const client = await registered();

    const response = await call('/admin/users', { token: client.access_token });

    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses the still-unexpired access token of a suspended user until an admin reactivates the account', async () => {
    const admin = await adminToken();
    const account = await registered('driver');
    expect((await call('/auth/me', { token: account.access_token })).status).toBe(200);

    const suspended = await call(`/admin/users/${account.user.id}`, {
      method: 'PATCH',
      token: admin,
      json: { status: 'suspended' },
    });
    expect(suspended.status).toBe(200);

    const refused = await waitFor(
      async () => {
        const response = await call('/auth/me', { token: account.access_token });

        return response.status === 403 ? response : undefined;
      },
      { what: 'the gateway to refuse the suspended user' },
    );
    expect(await refused.json()).toMatchObject({ code: 'AUTH_ACCOUNT_SUSPENDED' });
    expect((await post('/auth/refresh', { refresh_token: account.refresh_token })).status).toBe(401);

    await call(`/admin/users/${account.user.id}`, {
      method: 'PATCH',
      token: admin,
      json: { status: 'active' },
    });
    const again = (await (
      await post('/auth/login', { phone: account.phone, password: 'Savane-Plateaux-31' })
    ).json()) as SignedUpSession;

    await waitFor(async () => (await call('/auth/me', { token: again.access_token })).status === 200, {
      what: 'the gateway to admit the reactivated user',
    });
  });

  it('verifies tokens of both keys during a rotation', async () => {
    const account = await registered();
    const admin = { user_id: '00000000-0000-4000-8000-0000000000ad', roles: ['admin' as const] };
    const requestId = 'rotation-0001';
    const rotated = await bus.client.request<RotateKeysReply>(
      'auth.keys.rotate',
      { activate_in_seconds: 0 },
      { context: { requestId, correlationId: requestId, caller: admin } },
    );
    const renewed = (await (
      await post('/auth/refresh', { refresh_token: account.refresh_token })
    ).json()) as SignedUpSession;
    const kidOf = (token: string): string =>
      (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;

    expect(kidOf(renewed.access_token)).toBe(rotated.kid);
    expect(kidOf(account.access_token)).not.toBe(rotated.kid);
    expect((await call('/auth/me', { token: account.access_token })).status).toBe(200);
    expect((await call('/auth/me', { token: renewed.access_token })).status).toBe(200);
  });

  it('exports from every service, and fails whole with 503 while one does not answer', async () => {
    const account = await registered();

    const partial = await call('/auth/me/export', { token: account.access_token });
    expect(partial.status).toBe(503);
    expect(await partial.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });

    const others = SERVICE_NAMES.filter((service) => service !== 'auth').map((service) =>
      bus.respond(privacyExportSubject(service), (data) => ({
        service,
        user_id: (data as PrivacyExportRequest).user_id,
        data: {},
      })),
    );
    try {
      const full = await call('/auth/me/export', { token: account.access_token });

      expect(full.status).toBe(200);
      const document = (await full.json()) as {
        user_id: string;
        services: Record<string, Record<string, unknown>>;
      };
      expect(document.user_id).toBe(account.user.id);
      expect(Object.keys(document.services).sort()).toEqual([...SERVICE_NAMES].sort());
      expect(document.services['auth']).toMatchObject({ profile: { id: account.user.id } });
    } finally {
      for (const subscription of others) subscription.unsubscribe();
    }
  });

  it('documents the auth routes and their problem answers in OpenAPI', async () => {
    const document = (await (await fetch(`${gateway.url}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };

    expect(document.paths['/api/v1/auth/login']?.['post']?.responses).toHaveProperty('423');
    expect(document.paths['/api/v1/auth/send-otp']?.['post']?.responses).toHaveProperty('202');
    expect(document.paths['/api/v1/admin/users/{id}']?.['patch']).toBeDefined();
  });
});
