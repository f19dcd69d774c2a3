import { createHmac, randomUUID } from 'node:crypto';

import {
  PAYMENT_SUBJECTS,
  WALLET_SUBJECTS,
  type PayeeStatement,
  type PaymentIntentView,
  type PaymentReconciliationReport,
} from '@ecom/contracts';
import {
  apiClient,
  DEMO_ADMIN,
  JOURNEY_SETTINGS,
  PlatformProcesses,
  responseBody,
  signUp,
  SmsSandbox,
  TestBus,
  TestEnvironment,
  waitFor,
  type SignedUpSession,
} from '@ecom/testing';

interface Balance {
  balance: number;
  available_balance: number;
}

interface Transactions {
  items: { amount: number; category: string; type: string }[];
}

const SECRET = 'e2e-wallet-sandbox-secret-0123456789';
const SILENT_PHONE = '+22890000078';
const PAYER_PHONE = '+22892345678';

/** Signs a callback body the way the sandbox provider does (`t=…,v1=HMAC-SHA256(t.body)`). */
function sandboxSignature(body: string, secret = SECRET): string {
  const at = Math.floor(Date.now() / 1000);

  return `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${body}`).digest('hex')}`;
}

/**
 * The issue's journey with the real wallet: a recharge by YAS through the sandbox credits the wallet once
 * whatever the callback replays (concurrent, and after the payment service restarts), a declined one
 * credits nothing, a forged callback is refused, a wallet payment is refunded in part then in whole and a
 * third refund refused, a ride's hold is captured for its driver (or released when cancelled), and a
 * recharge whose callback never came is settled by reconciliation.
 */
describe('wallet recharges and refunds through the payment service and the gateway', () => {
  let environment: TestEnvironment;
  let platform: PlatformProcesses;
  let sms: SmsSandbox;
  let bus: TestBus;
  let admin: SignedUpSession;
  let payer: SignedUpSession;

  const call = apiClient(() => `${platform.url}/api/v1`);
  const wallet = async (): Promise<Balance> =>
    responseBody<Balance>(await call('/wallet/balance', { token: payer.access_token }), 200);
  const balance = async (): Promise<number> => (await wallet()).balance;
  /** A ride paid from the wallet, as transport asks for it: a hold at request, captured at completion. */
  const rideIntent = (amount: number): Promise<PaymentIntentView> =>
    bus.client.request(
      PAYMENT_SUBJECTS.createIntent,
      {
        idempotency_key: `ride-${randomUUID()}`,
        purpose: 'ride',
        reference_id: randomUUID(),
        payer_id: payer.user.id,
        method: 'wallet',
        capture: 'manual',
        amount,
        currency: 'XOF',
      },
      { timeoutMs: 10_000 },
    );
  const recharge = async (amount: number, phone = PAYER_PHONE): Promise<PaymentIntentView> => {
    const reply = await responseBody<{ payment: PaymentIntentView }>(
      await call('/wallet/recharge', {
        json: { amount, method: 'yas', payer_phone: phone },
        token: payer.access_token,
        headers: { 'Idempotency-Key': randomUUID() },
      }),
      202,
    );

    return reply.payment;
  };
  const statusOf = async (id: string): Promise<string> =>
    (await responseBody<PaymentIntentView>(await call(`/payments/${id}`, { token: payer.access_token }), 200))
      .status;
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
    admin = await responseBody<SignedUpSession>(await call('/auth/login', { json: DEMO_ADMIN }), 200);
    payer = await signUp(call, sms, {
      phone: PAYER_PHONE,
      first_name: 'Ama',
      last_name: 'Agbeko',
      password: 'Recharge-Yas-2026',
    });
  });

  afterAll(async () => {
    await bus.close();
    await sms.close();
    await platform.close();
    await environment.destroy();
  });

  it('credits a YAS recharge of 10 000 exactly once, whatever the callback replays', async () => {
    const payment = await recharge(10_000);
    expect(payment).toMatchObject({ purpose: 'wallet_recharge', method: 'yas', status: 'processing' });

    await responseBody(await call(`/payments/sandbox/${payment.id}/approve`, { method: 'POST' }), 202);
    await waitFor(async () => (await balance()) === 10_000, { what: 'the recharge credit' });

    const reference = (
      await responseBody<PaymentIntentView>(
        await call(`/payments/${payment.id}`, { token: payer.access_token }),
        200,
      )
    ).provider_reference;
    const body = JSON.stringify({
      id: `evt_${randomUUID().replaceAll('-', '')}`,
      type: 'payment.approved',
      created: Math.floor(Date.now() / 1000),
      data: { reference, intent_id: payment.id, amount: 10_000, currency: 'XOF', reason: null },
    });
    const replays = await Promise.all([1, 2, 3].map(() => postWebhook(body, sandboxSignature(body))));
    expect(replays.map((response) => response.status)).toEqual([200, 200, 200]);
    await platform.restart('payment');
    expect((await postWebhook(body, sandboxSignature(body))).status).toBe(200);

    // A later recharge's credit lands after any second credit of the first would have.
    const marker = await recharge(1_000);
    await call(`/payments/sandbox/${marker.id}/approve`, { method: 'POST' });
    await waitFor(async () => (await balance()) !== 10_000, { what: 'the marker credit' });
    expect(await balance()).toBe(11_000);
    const listed = await responseBody<Transactions>(
      await call('/wallet/transactions?category=recharge', { token: payer.access_token }),
      200,
    );
    expect(listed.items.filter((item) => item.amount === 10_000)).toHaveLength(1);
  });

  it('credits nothing for a declined recharge and refuses a forged callback', async () => {
    const before = await balance();
    const declined = await recharge(5_000);
    await responseBody(await call(`/payments/sandbox/${declined.id}/decline`, { method: 'POST' }), 202);
    await waitFor(async () => (await statusOf(declined.id)) === 'failed', { what: 'the decline' });

    const forgedBody = JSON.stringify({
      id: 'evt_forged',
      type: 'payment.approved',
      created: Math.floor(Date.now() / 1000),
      data: {
        reference: declined.provider_reference,
        intent_id: declined.id,
        amount: 5_000,
        currency: 'XOF',
        reason: null,
      },
    });
    const forged = await responseBody<{ code: string }>(
      await postWebhook(forgedBody, sandboxSignature(forgedBody, 'guessed-secret-0123456789')),
      401,
    );
    expect(forged.code).toBe('PAYMENT_SIGNATURE_INVALID');

    // A later recharge settles after the declined one would have been credited.
    const marker = await recharge(500);
    await call(`/payments/sandbox/${marker.id}/approve`, { method: 'POST' });
    await waitFor(async () => (await balance()) !== before, { what: 'the marker credit' });
    expect(await balance()).toBe(before + 500);
    expect(await statusOf(declined.id)).toBe('failed');
  });

  it('refunds a wallet payment in part, then the rest, and refuses a third refund', async () => {
    const before = await balance();
    const order: PaymentIntentView = await bus.client.request(
      PAYMENT_SUBJECTS.createIntent,
      {
        idempotency_key: `order-${randomUUID()}`,
        purpose: 'order',
        reference_id: randomUUID(),
        reference_label: 'CMD-2026-0099',
        payer_id: payer.user.id,
        method: 'wallet',
        amount: 8_000,
        currency: 'XOF',
      },
      { timeoutMs: 10_000 },
    );
    expect(order.status).toBe('succeeded');
    expect(await balance()).toBe(before - 8_000);
    const refund = (body: unknown): Promise<Response> =>
      call(`/payments/${order.id}/refund`, {
        json: body,
        token: admin.access_token,
        headers: { 'Idempotency-Key': randomUUID() },
      });

    const partial = await responseBody<PaymentIntentView>(
      await refund({ amount: 3_000, reason: 'Article manquant' }),
      200,
    );
    expect(partial).toMatchObject({ status: 'partially_refunded', refunded_amount: 3_000 });
    expect(await balance()).toBe(before - 5_000);
    const rest = await responseBody<PaymentIntentView>(await refund({ reason: 'Commande annulée' }), 200);
    expect(rest).toMatchObject({ status: 'refunded', refunded_amount: 8_000 });
    expect(await balance()).toBe(before);
    expect(
      (await responseBody<{ code: string }>(await refund({ amount: 1, reason: 'Encore' }), 409)).code,
    ).toBe('PAYMENT_NOT_REFUNDABLE');
    expect(await balance()).toBe(before);
  });

  it('holds a ride fare, captures the final fare for the driver, and releases a cancelled ride’s hold', async () => {
    const before = await wallet();
    const driver = randomUUID();
    const ride = await rideIntent(3_000);
    expect(ride.status).toBe('processing');
    expect((await wallet()).available_balance).toBe(before.available_balance - 3_000);

    const captured: PaymentIntentView = await bus.client.request(PAYMENT_SUBJECTS.captureIntent, {
      intent_id: ride.id,
      amount: 2_500,
      payee: { type: 'driver', id: driver },
      commission_amount: 375,
    });

    expect(captured).toMatchObject({ status: 'succeeded', captured_amount: 2_500 });
    expect(await wallet()).toMatchObject({
      balance: before.balance - 2_500,
      available_balance: before.available_balance - 2_500,
    });
    const statement: PayeeStatement = await bus.client.request(WALLET_SUBJECTS.payeeStatement, {
      payee: { type: 'driver', id: driver },
    });
    expect(statement).toMatchObject({ gross: 2_500, commission: 375, net: 2_125 });

    const cancelled = await rideIntent(2_000);
    await bus.client.request(PAYMENT_SUBJECTS.cancelIntent, {
      intent_id: cancelled.id,
      reason: 'Course annulée',
    });
    expect(await wallet()).toMatchObject({
      balance: before.balance - 2_500,
      available_balance: before.available_balance - 2_500,
    });
  });

  it('records a cash ride and books the commission the driver owes', async () => {
    const driver = randomUUID();
    const ride: PaymentIntentView = await bus.client.request(PAYMENT_SUBJECTS.createIntent, {
      idempotency_key: `ride-${randomUUID()}`,
      purpose: 'ride',
      reference_id: randomUUID(),
      payer_id: payer.user.id,
      method: 'cash_on_delivery',
      amount: 1_800,
      currency: 'XOF',
    });
    expect(ride.status).toBe('pending');

    const paid: PaymentIntentView = await bus.client.request(PAYMENT_SUBJECTS.recordCash, {
      intent_id: ride.id,
      amount: 1_800,
      payee: { type: 'driver', id: driver },
      commission_amount: 270,
    });

    expect(paid).toMatchObject({ status: 'succeeded', captured_amount: 1_800 });
    const statement: PayeeStatement = await bus.client.request(WALLET_SUBJECTS.payeeStatement, {
      payee: { type: 'driver', id: driver },
    });
    expect(statement.balance).toBe(-270);
    expect(statement.lines).toEqual([
      expect.objectContaining({ kind: 'cash_commission', related_service_id: ride.id }),
    ]);
  });

  it('credits a recharge whose callback never came once reconciliation asks the provider', async () => {
    const before = await balance();
    const stuck = await recharge(2_000, SILENT_PHONE);
    await responseBody(await call(`/payments/sandbox/${stuck.id}/approve`, { method: 'POST' }), 202);
    expect(await statusOf(stuck.id)).toBe('processing');

    const report = await bus.client.request<PaymentReconciliationReport>(
      PAYMENT_SUBJECTS.reconcile,
      {},
      { timeoutMs: 10_000 },
    );

    expect(report.succeeded).toBeGreaterThanOrEqual(1);
    await waitFor(async () => (await balance()) === before + 2_000, { what: 'the reconciled credit' });
  });
});
