import { APP_NAMES } from '@ecom/contracts';
import { PlatformProcesses, TestEnvironment, waitFor } from '@ecom/testing';

interface StatusBody {
  ready: boolean;
  apps: { name: string; ready: boolean; version: string | null; error?: string }[];
}

/** The whole platform as separate processes built in dist/, driven only through the gateway's HTTP API. */
describe('platform through the gateway', () => {
  let environment: TestEnvironment;
  let platform: PlatformProcesses;

  const get = (path: string): Promise<Response> => fetch(`${platform.url}${path}`);
  const platformStatus = async (): Promise<StatusBody> =>
    (await (await get('/api/v1/status')).json()) as StatusBody;

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    platform = await PlatformProcesses.start(environment, { LOG_LEVEL: 'warn', RPC_TIMEOUT_MS: '1000' });
  });

  afterAll(async () => {
    await platform.close();
    await environment.destroy();
  });

  it('lists the eight apps, each ready with its version', async () => {
    const status = await platformStatus();

    expect(status.ready).toBe(true);
    expect(status.apps.map((app) => app.name).sort()).toEqual([...APP_NAMES].sort());
    expect(status.apps.every((app) => app.ready && app.version === '0.1.0')).toBe(true);
  });

  it('is ready itself, and serves Swagger UI and Prometheus metrics', async () => {
    const [ready, docs, metrics] = await Promise.all([get('/health/ready'), get('/docs'), get('/metrics')]);

    expect(ready.status).toBe(200);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
    expect(await metrics.text()).toContain('ecom_http_request_duration_seconds');
  });

  it('answers 503 while a service is stopped, and recovers when it is back', async () => {
    const exitCode = await platform.stop('wallet');

    expect(exitCode).toBe(0);
    const down = await get('/api/v1/status/wallet');
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    expect((await get('/health/ready')).status).toBe(503);
    expect((await platformStatus()).apps.find((app) => app.name === 'wallet')).toMatchObject({
      ready: false,
      error: 'SERVICE_UNAVAILABLE',
    });

    await platform.restart('wallet');

    await waitFor(async () => (await get('/api/v1/status/wallet')).status === 200, {
      what: 'wallet to answer again',
    });
    expect((await platformStatus()).ready).toBe(true);
  });

  it('answers 504 while a service hangs, and recovers when it answers again', async () => {
    platform.pause('payment');
    try {
      const hung = await get('/api/v1/status/payment');

      expect(hung.status).toBe(504);
      expect(await hung.json()).toMatchObject({ code: 'SERVICE_TIMEOUT', status: 504 });
    } finally {
      platform.resume('payment');
    }

    await waitFor(async () => (await get('/api/v1/status/payment')).status === 200, {
      what: 'payment to answer again',
    });
  });

  it('answers unknown routes and services with problem details', async () => {
    const unknownService = await get('/api/v1/status/bakery');
    const unknownRoute = await get('/api/v1/bakery');

    expect(unknownService.status).toBe(404);
    expect(await unknownService.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect(unknownRoute.status).toBe(404);
    expect(await unknownRoute.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });
});
