import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { PAYMENT_SUBJECTS, type Caller, type PaymentIntentView } from '@ecom/contracts';
import { DomainError, type RequestContext, type RunningApp } from '@ecom/platform';
import { LogCapture, startService, TestBus, TestEnvironment } from '@ecom/testing';

import type { PaymentConfig } from '../src/config';
import { signatureHeader } from '../src/providers/webhook-signature';
import { paymentService } from '../src/service';

const WEBHOOK_SECRET = 'wh_sandbox_int_0123456789';
const ADMIN: Caller = { user_id: randomUUID(), roles: ['admin'] };

/** FedaPay as the payment service meets it: down at first, then taking transactions and pushes. */
class FakeFedaPay {
  down = true;
  readonly pushes: string[] = [];
  private readonly transactions = new Map<string, { id: number; status: string }>();
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.handle(request, Buffer.concat(chunks).toString('utf8'), response);
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));

    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
  }

  private handle(request: IncomingMessage, body: string, response: ServerResponse): void {
    const answer = (status: number, json: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    };
    if (this.down) {
      answer(503, { message: 'Service Unavailable' });

      return;
    }
    const url = request.url ?? '';
    const merchant = /^\/v1\/transactions\/merchant\/(.+)$/.exec(url)?.[1];
    if (request.method === 'GET' && merchant) {
      const found = this.transactions.get(merchant);
      if (found) answer(200, { 'v1/transaction': found });
      else answer(404, { message: 'Transaction not found' });
    } else if (url === '/v1/transactions') {
      const reference = (JSON.parse(body) as { merchant_reference: string }).merchant_reference;
      const transaction = { id: 5000 + this.transactions.size, status: 'pending' };
      this.transactions.set(reference, transaction);
      answer(200, { 'v1/transaction': transaction });
    } else if (url.endsWith('/token')) {
      answer(200, { token: `tok_${url.split('/')[3] ?? ''}`, url: 'https://checkout' });
    } else {
      this.pushes.push(`${url} ${body}`);
      answer(200, {});
    }
  }
}

describe('payment service with FedaPay serving Flooz (fake FedaPay)', () => {
  let environment: TestEnvironment;
  let bus: TestBus;
  let service: RunningApp<PaymentConfig>;
  const fedapay = new FakeFedaPay();

  const call = <T>(subject: string, data: unknown, caller?: Caller): Promise<T> => {
    const requestId = randomUUID();
    const context: RequestContext = { requestId, correlationId: requestId, caller };

    return bus.client.request<T>(subject, data, { context, timeoutMs: 10_000 });
  };

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    bus = await TestBus.connect(environment);
    service = await startService(
      paymentService,
      environment,
      {
        PAYMENT_PROVIDER_FLOOZ: 'fedapay',
        FEDAPAY_SECRET_KEY: 'sk_sandbox_int',
        FEDAPAY_WEBHOOK_SECRET: WEBHOOK_SECRET,
        FEDAPAY_API_BASE_URL: await fedapay.start(),
        PROVIDER_TIMEOUT_MS: '2000',
        RECONCILE_INTERVAL_MS: '0',
      },
      new LogCapture(),
    );
  });

  afterAll(async () => {
    await service.close();
    await fedapay.stop();
    await bus.close();
    await environment.destroy();
  });

  it('keeps an intent pending while FedaPay is down, carries it on at the retry, and settles it by callback', async () => {
    const request = {
      idempotency_key: `order-${randomUUID()}`,
      purpose: 'order',
      reference_id: randomUUID(),
      payer_id: randomUUID(),
      method: 'flooz',
      payer_phone: '+22899887766',
      amount: 7_500,
      currency: 'XOF',
    };

    const refused = await call(PAYMENT_SUBJECTS.createIntent, request).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');

    fedapay.down = false;
    const intent = await call<PaymentIntentView>(PAYMENT_SUBJECTS.createIntent, request);
    const again = await call<PaymentIntentView>(PAYMENT_SUBJECTS.createIntent, request);

    expect(intent).toMatchObject({ status: 'processing', provider: 'fedapay', provider_reference: '5000' });
    expect(again.id).toBe(intent.id);
    expect(fedapay.pushes).toEqual(['/v1/moov_tg {"token":"tok_5000"}']);

    const body = JSON.stringify({
      id: 31,
      name: 'transaction.approved',
      entity: { id: 5000, amount: 7_500, status: 'approved' },
    });
    const at = Math.floor(Date.now() / 1000);
    const receipt = await call<{ outcome: string }>(PAYMENT_SUBJECTS.receiveWebhook, {
      provider: 'fedapay',
      raw_body: body,
      headers: { 'x-fedapay-signature': signatureHeader(WEBHOOK_SECRET, body, at, 's') },
    });

    expect(receipt.outcome).toBe('applied');
    expect(
      await call<PaymentIntentView>(PAYMENT_SUBJECTS.getIntent, { intent_id: intent.id }, ADMIN),
    ).toMatchObject({ status: 'succeeded', captured_amount: 7_500 });
    const unconfigured = await call(PAYMENT_SUBJECTS.receiveWebhook, {
      provider: 'stripe',
      raw_body: '{}',
      headers: {},
    }).catch((error: unknown) => (error as DomainError).code);
    expect(unconfigured).toBe('PAYMENT_PROVIDER_UNKNOWN');
  });
});
