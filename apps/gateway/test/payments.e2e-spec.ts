import { createHmac, randomUUID } from 'node:crypto';

import {
  PAYMENT_EVENTS,
  PAYMENT_SUBJECTS,
  type CreateIntentRequest,
  type EventEnvelope,
  type PaymentIntentEvent,
  type PaymentIntentView,
  type PaymentReconciliationReport,
} from '@ecom/contracts';
import { Naming } from '@ecom/platform';
import {
  apiClient,
  DEMO_ADMIN,
  JOURNEY_SETTINGS,
  PlatformProcesses,
  responseBody,
  signUp,
  SmsSandbox,
  TEST_NATS_URL,
  TestBus,
  TestEnvironment,
  waitFor,
  type SignedUpSession,
} from '@ecom/testing';
import { connect, type ConsumerMessages, type NatsConnection } from 'nats';

interface Problem {
  code: string;
}

const SECRET = 'e2e-sandbox-webhook-secret-0123456789';
const SILENT_PHONE = '+22890000077';

/** Signs a callback body the way the sandbox provider does (`t=…,v1=HMAC-SHA256(t.body)`). */
function sandboxSignature(body: string, secret = SECRET, at = Math.floor(Date.now() / 1000)): string {
  return `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${body}`).digest('hex')}`;
}

/** Every `payment.intent.*` event of the run, as the wallet, marketplace and transport consumers get them. */
class PaymentEventLog {
  readonly events: EventEnvelope<PaymentIntentEvent>[] = [];

  private constructor(
    private readonly connection: NatsConnection,
    private readonly messages: ConsumerMessages,
  ) {
    void (async () => {
      for await (const message of this.messages) this.events.push(message.json());
    })();
  }

  static async open(environment: TestEnvironment): Promise<PaymentEventLog> {
    const naming = new Naming(environment.natsPrefix);
    const connection = await connect({ servers: TEST_NATS_URL });
    const consumer = await connection
      .jetstream()
      .consumers.get(naming.eventsStream, { filterSubjects: naming.event('payment.intent.>') });

    return new PaymentEventLog(connection, await consumer.consume());
  }

  of(intentId: string, type: string): EventEnvelope<PaymentIntentEvent>[] {
    return this.events.filter((event) => event.data.intent_id === intentId && event.type === type);
  }

  async close(): Promise<void> {
    this.messages.stop();
    await this.connection.close();
  }
}

/**
 * Payments through the gateway, the platform running as processes from dist/: intents are created as the
 * marketplace creates them (over NATS), the payer answers through the sandbox routes, and the sandbox's
 * signed callbacks come back through the gateway's public webhook route.
 */
describe('payments through the gateway', () => {
  let environment: TestEnvironment;
  let platform: PlatformProcesses;
  let sms: SmsSandbox;
  let bus: TestBus;
  let events: PaymentEventLog;
  let admin: SignedUpSession;
  let payer: SignedUpSession;
  let stranger: SignedUpSession;

  const call = apiClient(() => `${platform.url}/api/v1`);
  const register = (phone: string, firstName: string): Promise<SignedUpSession> =>
    signUp(call, sms, {
      phone,
      first_name: firstName,
      last_name: 'Mensah',
      password: 'Marche-Assigame-2026',
    });
  /** An order paid by mobile money, created as the marketplace would. */
  const orderIntent = (overrides: Partial<CreateIntentRequest> = {}): Promise<PaymentIntentView> =>
    bus.client.request(
      PAYMENT_SUBJECTS.createIntent,
      {
        idempotency_key: `order-${randomUUID()}`,
        purpose: 'order',
        reference_id: randomUUID(),
        reference_label: 'CMD-2026-0042',
        payer_id: payer.user.id,
        method: 'yas',
        payer_phone: '+22890112233',
        amount: 10_000,
        currency: 'XOF',
        ...overrides,
      },
      { timeoutMs: 10_000 },
    );
  const payment = (id: string, token = payer.access_token): Promise<Response> =>
    call(`/payments/${id}`, { token });
  const statusOf = async (id: string): Promise<string> =>
    (await responseBody<PaymentIntentView>(await payment(id), 200)).status;
  /** The callback the sandbox sends for an approval, as its bytes would be: signed afresh. */
  const approvalCallback = (intent: PaymentIntentView, reference: string): string =>
    JSON.stringify({
      id: `evt_${randomUUID().replaceAll('-', '')}`,
      type: 'payment.approved',
      created: Math.floor(Date.now() / 1000),
      data: { reference, intent_id: intent.id, amount: intent.amount, currency: 'XOF', reason: null },
    });
  const postWebhook = (body: string, signature: string): Promise<Response> =>
    call('/payments/webhooks/sandbox', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-sandbox-signature': signature },
    });

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    platform = await PlatformProcesses.start(environment, {
      ...JOURNEY_SETTINGS,
      SANDBOX_WEBHOOK_SECRET: SECRET,
      SANDBOX_SILENT_PHONES: SILENT_PHONE,
      RECONCILE_INTERVAL_MS: '0',
      RECONCILE_AFTER_SECONDS: '0',
    });
    sms = await SmsSandbox.open(environment);
    bus = await TestBus.connect(environment);
    events = await PaymentEventLog.open(environment);
    admin = await responseBody<SignedUpSession>(await call('/auth/login', { json: DEMO_ADMIN }), 200);
    payer = await register('+22891234567', 'Afi');
    stranger = await register('+22897654321', 'Kossi');
  });

  afterAll(async () => {
    await events.close();
    await bus.close();
    await sms.close();
    await platform.close();
    await environment.destroy();
  });

  it('pays once by YAS when the payer approves, whatever the callback replays, before and after a restart', async () => {
    const intent = await orderIntent();
    expect(intent).toMatchObject({ status: 'processing', next_action: { type: 'confirm_on_phone' } });

    const answered = await responseBody<{ callback: string }>(
      await call(`/payments/sandbox/${intent.id}/approve`, { method: 'POST' }),
      202,
    );
    expect(answered.callback).toBe('scheduled');
    await waitFor(async () => (await statusOf(intent.id)) === 'succeeded', { what: 'the sandbox callback' });
    const paid = await responseBody<PaymentIntentView>(await payment(intent.id), 200);
    expect(paid).toMatchObject({ captured_amount: 10_000, next_action: null });
    const reference = paid.provider_reference ?? '';

    // The provider retries its callback: three copies at once, then one more after payment restarts.
    const body = approvalCallback(intent, reference);
    const replays = await Promise.all(
      Array.from({ length: 3 }, async () =>
        responseBody<{ outcome: string }>(await postWebhook(body, sandboxSignature(body)), 200),
      ),
    );
    expect(replays.map((receipt) => receipt.outcome)).toEqual([
      'already_settled',
      'already_settled',
      'already_settled',
    ]);
    await platform.restart('payment');
    const late = await responseBody<{ outcome: string }>(
      await postWebhook(body, sandboxSignature(body)),
      200,
    );
    expect(late.outcome).toBe('already_settled');

    // A later payment's success is relayed after this one's: by then a second success would have shown.
    const marker = await orderIntent();
    await call(`/payments/sandbox/${marker.id}/approve`, { method: 'POST' });
    await waitFor(() => events.of(marker.id, PAYMENT_EVENTS.intentSucceeded).length === 1, {
      what: 'the marker',
    });
    const succeeded = events.of(intent.id, PAYMENT_EVENTS.intentSucceeded);
    expect(succeeded).toHaveLength(1);
    expect(succeeded[0]?.data).toMatchObject({
      purpose: 'order',
      reference_id: intent.reference_id,
      amount: 10_000,
    });
    expect(await statusOf(intent.id)).toBe('succeeded');
  });

  it('fails a declined payment and publishes the failure', async () => {
    const intent = await orderIntent({ method: 'flooz' });

    await responseBody(await call(`/payments/sandbox/${intent.id}/decline`, { method: 'POST' }), 202);

    await waitFor(async () => (await statusOf(intent.id)) === 'failed', { what: 'the declined callback' });
    await waitFor(() => events.of(intent.id, PAYMENT_EVENTS.intentFailed).length === 1);
    expect(events.of(intent.id, PAYMENT_EVENTS.intentSucceeded)).toHaveLength(0);
    const again = await responseBody<Problem>(
      await call(`/payments/sandbox/${intent.id}/approve`, { method: 'POST' }),
      409,
    );
    expect(again.code).toBe('PAYMENT_INVALID_TRANSITION');
  });

  it('refuses a forged or altered callback with 401 and changes nothing', async () => {
    const intent = await orderIntent();
    const reference =
      (await responseBody<PaymentIntentView>(await payment(intent.id), 200)).provider_reference ?? '';
    const body = approvalCallback(intent, reference);

    const forged = await responseBody<Problem>(
      await postWebhook(body, sandboxSignature(body, 'not-the-secret-0123456789')),
      401,
    );
    const altered = await responseBody<Problem>(
      await postWebhook(body.replace('"amount":10000', '"amount":10'), sandboxSignature(body)),
      401,
    );
    const stale = await responseBody<Problem>(
      await postWebhook(body, sandboxSignature(body, SECRET, Math.floor(Date.now() / 1000) - 3600)),
      401,
    );
    const unsigned = await responseBody<Problem>(
      await call('/payments/webhooks/sandbox', { json: JSON.parse(body) }),
      401,
    );

    for (const problem of [forged, altered, stale, unsigned])
      expect(problem.code).toBe('PAYMENT_SIGNATURE_INVALID');
    expect(await statusOf(intent.id)).toBe('processing');
    expect((await call('/payments/webhooks/unheard-of', { json: {} })).status).toBe(404);
  });

  it('refunds part then the rest for an admin only, then refuses a third refund', async () => {
    const intent = await orderIntent();
    await call(`/payments/sandbox/${intent.id}/approve`, { method: 'POST' });
    await waitFor(async () => (await statusOf(intent.id)) === 'succeeded', { what: 'the payment' });
    const refund = (json: unknown, token = admin.access_token, key = randomUUID()): Promise<Response> =>
      call(`/payments/${intent.id}/refund`, { json, token, headers: { 'Idempotency-Key': key } });

    expect((await refund({ amount: 4_000, reason: 'Article manquant' }, payer.access_token)).status).toBe(
      403,
    );
    const key = randomUUID();
    const partial = await responseBody<PaymentIntentView>(
      await refund({ amount: 4_000, reason: 'Article manquant' }, undefined, key),
      200,
    );
    const replayed = await responseBody<PaymentIntentView>(
      await refund({ amount: 4_000, reason: 'Article manquant' }, undefined, key),
      200,
    );
    const rest = await responseBody<PaymentIntentView>(await refund({ reason: 'Commande annulée' }), 200);
    const third = await responseBody<Problem>(await refund({ amount: 1, reason: 'Encore' }), 409);

    expect(partial).toMatchObject({ status: 'partially_refunded', refunded_amount: 4_000 });
    expect(replayed.refunded_amount).toBe(4_000);
    expect(rest).toMatchObject({ status: 'refunded', refunded_amount: 10_000 });
    expect(third.code).toBe('PAYMENT_NOT_REFUNDABLE');
    await waitFor(() => events.of(intent.id, PAYMENT_EVENTS.intentRefunded).length === 2);
    expect(
      events.of(intent.id, PAYMENT_EVENTS.intentRefunded).map((event) => event.data.refund_amount),
    ).toEqual([4_000, 6_000]);
  });

  it('settles by reconciliation a payment whose callback never came', async () => {
    const intent = await orderIntent({ payer_phone: SILENT_PHONE });
    const answered = await responseBody<{ callback: string }>(
      await call(`/payments/sandbox/${intent.id}/approve`, { method: 'POST' }),
      202,
    );
    expect(answered.callback).toBe('withheld');
    expect(await statusOf(intent.id)).toBe('processing');

    const report = await bus.client.request<PaymentReconciliationReport>(
      PAYMENT_SUBJECTS.reconcile,
      {},
      { timeoutMs: 10_000 },
    );

    expect(report.succeeded).toBeGreaterThanOrEqual(1);
    expect(await statusOf(intent.id)).toBe('succeeded');
    await waitFor(() => events.of(intent.id, PAYMENT_EVENTS.intentSucceeded).length === 1);
  });

  it('shows a payment to its payer and admins only', async () => {
    const intent = await orderIntent();

    expect((await payment(intent.id)).status).toBe(200);
    expect((await payment(intent.id, admin.access_token)).status).toBe(200);
    expect((await responseBody<Problem>(await payment(intent.id, stranger.access_token), 404)).code).toBe(
      'PAYMENT_NOT_FOUND',
    );
    expect((await call(`/payments/${intent.id}`)).status).toBe(401);
  });
});
