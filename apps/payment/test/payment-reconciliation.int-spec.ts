import { randomUUID } from 'node:crypto';

import { PAYMENT_SUBJECTS, type Caller, type PaymentIntentView } from '@ecom/contracts';
import type { RequestContext, RunningApp } from '@ecom/platform';
import { LogCapture, startService, TestBus, TestEnvironment, waitFor } from '@ecom/testing';

import type { PaymentConfig } from '../src/config';
import { paymentService } from '../src/service';

const SILENT_PHONE = '+22890000066';
const ADMIN: Caller = { user_id: randomUUID(), roles: ['admin'] };

describe('payment reconciliation on its schedule', () => {
  let environment: TestEnvironment;
  let bus: TestBus;
  let service: RunningApp<PaymentConfig>;

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
      { SANDBOX_SILENT_PHONES: SILENT_PHONE, RECONCILE_INTERVAL_MS: '200', RECONCILE_AFTER_SECONDS: '0' },
      new LogCapture(),
    );
  });

  afterAll(async () => {
    await service.close();
    await bus.close();
    await environment.destroy();
  });

  it('settles a payment whose callback never comes without anyone asking', async () => {
    const intent = await call<PaymentIntentView>(PAYMENT_SUBJECTS.createIntent, {
      idempotency_key: `recharge-${randomUUID()}`,
      purpose: 'wallet_recharge',
      reference_id: randomUUID(),
      payer_id: randomUUID(),
      method: 'yas',
      payer_phone: SILENT_PHONE,
      amount: 5_000,
      currency: 'XOF',
    });
    expect(intent.status).toBe('processing');

    await call(PAYMENT_SUBJECTS.sandboxAnswer, { intent_id: intent.id, answer: 'approve' });

    await waitFor(
      async () =>
        (await call<PaymentIntentView>(PAYMENT_SUBJECTS.getIntent, { intent_id: intent.id }, ADMIN))
          .status === 'succeeded',
      { what: 'the scheduled reconciliation' },
    );
  });
});
