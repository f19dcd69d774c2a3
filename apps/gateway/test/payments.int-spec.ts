import { randomUUID } from 'node:crypto';

import { PAYMENT_SUBJECTS, type ReceiveWebhookRequest } from '@ecom/contracts';
import type { RunningApp } from '@ecom/platform';
import { apiClient, TestBus, TestEnvironment } from '@ecom/testing';

import { createGateway } from '../src/app';
import type { GatewayConfig } from '../src/config';

/** The gateway's payment routes in front of a payment service stood in over real NATS. */
describe('gateway: payment webhook and sandbox routes', () => {
  let environment: TestEnvironment;
  let bus: TestBus;
  let gateway: RunningApp<GatewayConfig>;
  const received: ReceiveWebhookRequest[] = [];
  const call = apiClient(() => `${gateway.url}/api/v1`);

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    bus = await TestBus.connect(environment);
    bus.respond(PAYMENT_SUBJECTS.receiveWebhook, (data) => {
      received.push(data as ReceiveWebhookRequest);

      return { received: true, outcome: 'applied' };
    });
    bus.respond(PAYMENT_SUBJECTS.sandboxAnswer, (data) => ({ ...(data as object), callback: 'scheduled' }));
    gateway = await createGateway({
      env: environment.env({ RATE_LIMIT_PER_IP: '3', RATE_LIMIT_SENSITIVE: '1000', LOG_LEVEL: 'error' }),
    });
  });

  afterAll(async () => {
    await gateway.close();
    await bus.close();
    await environment.destroy();
  });

  it('hands the payment service the exact bytes and the lower-cased headers, past the per-address limit', async () => {
    // Spacing, key order and non-ASCII text as a provider might send them: the signature is over these bytes.
    const body = '{ "id":"evt_1",\n  "data" : {"note":"Lomé – payé", "amount":10000} }';
    const post = (): Promise<Response> =>
      call('/payments/webhooks/sandbox', {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json', 'X-Sandbox-Signature': 't=1,v1=ab', Cookie: 'a=b' },
      });

    const statuses = await Promise.all(Array.from({ length: 6 }, async () => (await post()).status));

    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    expect(received).toHaveLength(6);
    expect(received[0]?.provider).toBe('sandbox');
    expect(received[0]?.raw_body).toBe(body);
    expect(received[0]?.headers['x-sandbox-signature']).toBe('t=1,v1=ab');
    expect(received[0]?.headers).not.toHaveProperty('cookie');
  });

  it('refuses a provider name that cannot exist and a body too large for a callback', async () => {
    const unknown = await call('/payments/webhooks/Not.A.Provider', { json: {} });
    const large = await call('/payments/webhooks/sandbox', { json: { padding: 'x'.repeat(300 * 1024) } });

    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe('PAYMENT_PROVIDER_UNKNOWN');
    expect(large.status).toBe(413);
  });

  it('keeps the per-address limit on the other payment routes', async () => {
    const id = randomUUID();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      statuses.push((await call(`/payments/sandbox/${id}/approve`, { method: 'POST' })).status);
    }

    expect(statuses.slice(0, 3)).toEqual([202, 202, 202]);
    expect(statuses[3]).toBe(429);
  });

  it('documents every payment route with its problem answers', async () => {
    const document = (await (await fetch(`${gateway.url}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };

    expect(document.paths['/api/v1/payments/{id}']?.['get']?.responses).toHaveProperty('404');
    expect(document.paths['/api/v1/payments/{id}/refund']?.['post']?.responses).toHaveProperty('422');
    expect(document.paths['/api/v1/payments/webhooks/{provider}']?.['post']?.responses).toHaveProperty('401');
    expect(document.paths['/api/v1/payments/sandbox/{id}/approve']?.['post']).toBeDefined();
    expect(document.paths['/api/v1/payments/sandbox/{id}/decline']?.['post']).toBeDefined();
  });
});
