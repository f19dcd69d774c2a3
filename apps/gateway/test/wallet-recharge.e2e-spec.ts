import { randomUUID } from 'node:crypto';

import type {
  PaymentIntentView,
  PayeeStatement,
  RechargeReply,
  ReconciliationReport,
  WalletBalanceView,
  WalletTransactionPage,
} from '@ecom/contracts';
import type { RequestContext } from '@ecom/platform';
import {
  apiClient,
  DEMO_ADMIN,
  JOURNEY_SETTINGS,
  PlatformProcesses,
  randomPhone,
  responseBody,
  signUp,
  SmsSandbox,
  TestBus,
  TestEnvironment,
  waitFor,
  type SignedUpSession,
} from '@ecom/testing';

/**
 * Money in and out of a wallet across services, through the gateway: a recharge paid through the payment
 * service's sandbox provider (the payer approves the push, the signed callback settles the intent, the
 * wallet credits once), and an order paid from the wallet through the payment service.
 */
describe('wallet recharge and wallet payments through the payment service', () => {
  let environment: TestEnvironment;
  let platform: PlatformProcesses;
  let sms: SmsSandbox;
  let bus: TestBus;
  let admin: string;

  const call = apiClient(() => `${platform.url}/api/v1`);
  const register = (): Promise<SignedUpSession> =>
    signUp(call, sms, { phone: randomPhone('+22896'), first_name: 'Yawa', last_name: 'Amegee' });
  const balance = async (user: SignedUpSession): Promise<number> =>
    (await responseBody<WalletBalanceView>(await call('/wallet/balance', { token: user.access_token }), 200))
      .balance;
  const recharge = (
    user: SignedUpSession,
    body: Record<string, unknown>,
    key = randomUUID(),
  ): Promise<Response> =>
    call('/wallet/recharge', { json: body, token: user.access_token, headers: { 'Idempotency-Key': key } });

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    platform = await PlatformProcesses.start(environment, JOURNEY_SETTINGS);
    sms = await SmsSandbox.open(environment);
    bus = await TestBus.connect(environment);
    admin = (await responseBody<SignedUpSession>(await call('/auth/login', { json: DEMO_ADMIN }), 200))
      .access_token;
  });

  afterAll(async () => {
    await bus.close();
    await sms.close();
    await platform.close();
    await environment.destroy();
  });

  it('credits a mobile money recharge once the payer approves it, once however often it is retried', async () => {
    const user = await register();
    const key = randomUUID();

    const reply = await responseBody<RechargeReply>(
      await recharge(user, { amount: 5_000, method: 'yas' }, key),
      202,
    );
    const retried = await responseBody<RechargeReply>(
      await recharge(user, { amount: 5_000, method: 'yas' }, key),
      202,
    );

    expect(reply.transaction).toMatchObject({
      type: 'credit',
      amount: 5_000,
      status: 'pending',
      category: 'recharge',
    });
    expect(reply.payment).toMatchObject({
      purpose: 'wallet_recharge',
      method: 'yas',
      amount: 5_000,
      reference_id: reply.transaction.id,
      payer_id: user.user.id,
    });
    expect(retried.payment.id).toBe(reply.payment.id);
    expect(await balance(user)).toBe(0);

    await responseBody(await call(`/payments/sandbox/${reply.payment.id}/approve`, { method: 'POST' }), 202);

    await waitFor(async () => ((await balance(user)) === 5_000 ? true : undefined), {
      what: 'the approved recharge to be credited',
    });
    const page = await responseBody<WalletTransactionPage>(
      await call('/wallet/transactions', { token: user.access_token }),
      200,
    );
    expect(page.items).toEqual([
      expect.objectContaining({
        id: reply.transaction.id,
        status: 'completed',
        amount: 5_000,
        payment_method: 'yas',
      }),
    ]);
    const payment = await responseBody<PaymentIntentView>(
      await call(`/payments/${reply.payment.id}`, { token: user.access_token }),
      200,
    );
    expect(payment.status).toBe('succeeded');
  });

  it('marks a declined recharge failed and credits nothing', async () => {
    const user = await register();
    const reply = await responseBody<RechargeReply>(
      await recharge(user, { amount: 3_000, method: 'flooz', payer_phone: '99 11 22 33' }),
      202,
    );

    await responseBody(await call(`/payments/sandbox/${reply.payment.id}/decline`, { method: 'POST' }), 202);

    await waitFor(
      async () => {
        const page = await responseBody<WalletTransactionPage>(
          await call('/wallet/transactions', { token: user.access_token }),
          200,
        );

        return page.items[0]?.status === 'failed' ? true : undefined;
      },
      { what: 'the declined recharge to fail' },
    );
    expect(await balance(user)).toBe(0);
  });

  it('pays an order from the wallet through the payment service, split to the store', async () => {
    const user = await register();
    const store = { type: 'store' as const, id: randomUUID() };
    const topUp = await responseBody<RechargeReply>(
      await recharge(user, { amount: 10_000, method: 'visa' }),
      202,
    );
    await responseBody(await call(`/payments/sandbox/${topUp.payment.id}/approve`, { method: 'POST' }), 202);
    await waitFor(async () => ((await balance(user)) === 10_000 ? true : undefined), {
      what: 'the card recharge',
    });
    const requestId = randomUUID();
    const context: RequestContext = { requestId, correlationId: requestId };

    // As the marketplace asks for an order's payment.
    const intent = await bus.client.request<PaymentIntentView>(
      'payment.intents.create',
      {
        idempotency_key: `order-${randomUUID()}`,
        purpose: 'order',
        reference_id: randomUUID(),
        reference_label: 'CMD-2026-0107',
        payer_id: user.user.id,
        method: 'wallet',
        amount: 4_000,
        currency: 'XOF',
        payee: store,
        commission_amount: 400,
      },
      { context, timeoutMs: 10_000 },
    );

    expect(intent).toMatchObject({ status: 'succeeded', method: 'wallet' });
    expect(await balance(user)).toBe(6_000);
    const debits = await responseBody<WalletTransactionPage>(
      await call('/wallet/transactions?type=debit', { token: user.access_token }),
      200,
    );
    expect(debits.items).toEqual([
      expect.objectContaining({
        amount: 4_000,
        category: 'shopping',
        reference: 'CMD-2026-0107',
        related_service_id: intent.id,
      }),
    ]);
    const statement = await bus.client.request<PayeeStatement>(
      'wallet.payees.statement',
      { payee: store },
      { context },
    );
    expect(statement).toMatchObject({ gross: 4_000, commission: 400, net: 3_600, balance: 3_600 });
    const report = await responseBody<ReconciliationReport>(
      await call('/admin/wallets/reconciliation', { token: admin }),
      200,
    );
    expect(report).toMatchObject({ ok: true, postings_total: 0 });
  });
});
