import { join } from 'node:path';

import type {
  AdminMessagePage,
  DeviceView,
  InAppNotificationPage,
  InAppNotificationView,
  NotificationPreferencesView,
  UnreadCountView,
} from '@ecom/contracts';
import type { RunningApp, ServiceConfig, ServiceDefinition } from '@ecom/platform';
import {
  apiClient,
  DEMO_ADMIN,
  LogCapture,
  startService,
  TestBus,
  TestEnvironment,
  waitFor,
  type SignedUpSession,
} from '@ecom/testing';

import { createGateway } from '../src/app';
import type { GatewayConfig } from '../src/config';

// The gateway in front of the real auth and notification services (all in this process), over real NATS
// and Postgres. An app never imports another: the definitions are loaded by path, as the tools load apps.
async function serviceDefinition(app: 'auth' | 'notification'): Promise<ServiceDefinition<ServiceConfig>> {
  const module = (await import(join(__dirname, '..', '..', app, 'src', 'service'))) as Record<
    string,
    ServiceDefinition<ServiceConfig>
  >;
  const definition = module[`${app}Service`];
  if (!definition) throw new Error(`No ${app}Service`);

  return definition;
}

describe('gateway: notification routes in front of the auth and notification services', () => {
  let environment: TestEnvironment;
  let bus: TestBus;
  let auth: RunningApp;
  let notification: RunningApp;
  let gateway: RunningApp<GatewayConfig>;
  let adminToken: string;

  const call = apiClient(() => `${gateway.url}/api/v1`);
  const post = (path: string, json: unknown, token?: string): Promise<Response> =>
    call(path, { method: 'POST', json, token });
  const get = async <T>(path: string, token: string): Promise<T> => {
    const response = await call(path, { token });
    expect(response.status).toBe(200);

    return (await response.json()) as T;
  };

  /** The code of the newest OTP SMS to `phone`, read where a developer reads it: the sandbox, via admin. */
  const sandboxCode = (phone: string): Promise<string> =>
    waitFor(
      async () => {
        const page = await get<AdminMessagePage>('/admin/notifications?channel=sms&limit=100', adminToken);
        const sms = page.items.find((item) => item.recipient === phone);

        return sms?.body?.match(/Votre code Ecom : (\d{6})\./)?.[1];
      },
      { what: `the SMS to ${phone}` },
    );

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    bus = await TestBus.connect(environment);
    auth = await startService(
      await serviceDefinition('auth'),
      environment,
      { ARGON2_MEMORY_KIB: '1024', ARGON2_ITERATIONS: '1', LOAD_DEMO_DATA: 'true' },
      new LogCapture(),
    );
    notification = await startService(
      await serviceDefinition('notification'),
      environment,
      {},
      new LogCapture(),
    );
    gateway = await createGateway({
      env: environment.env({
        TRUSTED_PROXIES: '127.0.0.1',
        RATE_LIMIT_SENSITIVE: '1000',
        LOG_LEVEL: 'error',
      }),
    });
    adminToken = ((await (await post('/auth/login', DEMO_ADMIN)).json()) as SignedUpSession).access_token;
  });

  afterAll(async () => {
    await gateway.close();
    await notification.close();
    await auth.close();
    await bus.close();
    await environment.destroy();
  });

  it('registers with the code the sandbox SMS carried, then greets the user in the inbox, admins only on the admin list', async () => {
    const phone = `+22893${String(Date.now() % 1000000).padStart(6, '0')}`;
    expect((await post('/auth/send-otp', { phone, purpose: 'registration' })).status).toBe(202);
    const code = await sandboxCode(phone);
    const verified = (await (
      await post('/auth/verify-otp', { phone, code, purpose: 'registration' })
    ).json()) as {
      verification_token: string;
    };
    const registered = await post('/auth/register', {
      verification_token: verified.verification_token,
      first_name: 'Yawa',
      last_name: 'Agbeko',
      password: 'Savane-Plateaux-31',
      user_type: 'client',
    });
    expect(registered.status).toBe(201);
    const { access_token: token } = (await registered.json()) as SignedUpSession;

    const inbox = await waitFor(
      async () => {
        const page = await get<InAppNotificationPage>('/notifications?limit=10', token);

        return page.items.length > 0 ? page : undefined;
      },
      { what: 'the welcome note' },
    );
    expect(inbox.next_cursor).toBeNull();
    expect(inbox.items[0]?.body).toContain('Bienvenue sur Ecom, Yawa');

    const read = await post(`/notifications/${inbox.items[0]?.id ?? ''}/read`, {}, token);

    expect(read.status).toBe(200);
    expect(((await read.json()) as InAppNotificationView).read_at).not.toBeNull();
    expect((await call('/admin/notifications', { token })).status).toBe(403);
  });

  it('answers an unknown notification with 404 NOT_FOUND and a malformed id with 400', async () => {
    const token = adminToken;

    const unknown = await post('/notifications/00000000-0000-4000-8000-000000000000/read', {}, token);
    const notUuid = await post('/notifications/nope/read', {}, token);

    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe('NOT_FOUND');
    expect(notUuid.status).toBe(400);
  });

  it('keeps the caller’s preferences and push devices, and counts their unread notes', async () => {
    const token = adminToken;
    const device = `fcm-${Date.now()}-0123456789abcdef`;

    const initial = await get<NotificationPreferencesView>('/notifications/preferences', token);
    const updated = await call('/notifications/preferences', {
      method: 'PUT',
      json: { marketing_channels: ['push'], quiet_hours: { start: '22:00', end: '07:00' } },
      token,
    });
    const badLocale = await call('/notifications/preferences', {
      method: 'PUT',
      json: { locale: 'de' },
      token,
    });
    const registered = await post('/notifications/devices', { token: device, platform: 'android' }, token);
    const badPlatform = await post('/notifications/devices', { token: device, platform: 'symbian' }, token);
    const removed = await call('/notifications/devices', {
      method: 'DELETE',
      json: { token: device },
      token,
    });
    const removedAgain = await call('/notifications/devices', {
      method: 'DELETE',
      json: { token: device },
      token,
    });
    const unread = await get<UnreadCountView>('/notifications/unread-count', token);
    const anonymous = await call('/notifications/preferences');

    expect(initial).toMatchObject({ locale: 'fr', quiet_hours: null });
    expect(updated.status).toBe(200);
    expect((await updated.json()) as NotificationPreferencesView).toMatchObject({
      quiet_hours: { start: '22:00', end: '07:00' },
      channels: { push: { marketing: true, transactional: true }, sms: { marketing: false } },
    });
    expect(badLocale.status).toBe(400);
    expect(registered.status).toBe(200);
    expect((await registered.json()) as DeviceView).toMatchObject({ platform: 'android' });
    expect(badPlatform.status).toBe(400);
    expect(removed.status).toBe(204);
    expect(removedAgain.status).toBe(404);
    expect(unread.unread).toEqual(expect.any(Number) as unknown);
    expect(anonymous.status).toBe(401);
  });

  it('documents the notification routes in OpenAPI', async () => {
    const document = (await (await fetch(`${gateway.url}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };

    expect(document.paths['/api/v1/notifications']?.['get']?.responses).toHaveProperty('200');
    expect(document.paths['/api/v1/notifications/{id}/read']?.['post']?.responses).toHaveProperty('404');
    expect(document.paths['/api/v1/admin/notifications']?.['get']?.responses).toHaveProperty('403');
    expect(document.paths['/api/v1/notifications/unread-count']?.['get']?.responses).toHaveProperty('200');
    expect(document.paths['/api/v1/notifications/preferences']?.['put']?.responses).toHaveProperty('400');
    expect(document.paths['/api/v1/notifications/devices']?.['delete']?.responses).toHaveProperty('204');
  });
});
