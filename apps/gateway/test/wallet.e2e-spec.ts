import { randomUUID } from 'node:crypto';

import type {
  AmlFlagPage,
  PaymentMethodPage,
  ReconciliationReport,
  WalletBalanceView,
  WalletTransactionPage,
  WalletTransactionView,
} from '@ecom/contracts';
import type { RequestContext } from '@ecom/platform';
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

interface Problem {
  code: string;
  status: number;
}

/**
 * Money between users through the gateway only, the platform running as processes from dist/. Funds come
 * in as the payment service brings them after a confirmed recharge: a `wallet.ops.credit` on the bus.
 */
describe('wallet journey through the gateway', () => {
  let environment: TestEnvironment;
  let platform: PlatformProcesses;
  let sms: SmsSandbox;
  let bus: TestBus;
  let admin: string;

  const call = apiClient(() => `${platform.url}/api/v1`);
  const register = (): Promise<SignedUpSession> => signUp(call, sms);
  const fund = async (user: SignedUpSession, amount: number): Promise<void> => {
    const requestId = randomUUID();
    const context: RequestContext = { requestId, correlationId: requestId };
    await bus.client.request(
      'wallet.ops.credit',
      {
        user_id: user.user.id,
        amount,
        category: 'recharge',
        funding_provider: 'yas',
        idempotency_key: randomUUID(),
      },
      { context },
    );
  };
  const balance = async (user: SignedUpSession): Promise<WalletBalanceView> =>
    responseBody<WalletBalanceView>(await call('/wallet/balance', { token: user.access_token }), 200);
  const transfer = (from: SignedUpSession, body: Record<string, unknown>, key?: string): Promise<Response> =>
    call('/wallet/transfer', {
      json: body,
      token: from.access_token,
      headers: key ? { 'Idempotency-Key': key } : {},
    });

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    platform = await PlatformProcesses.start(environment, JOURNEY_SETTINGS);
    sms = await SmsSandbox.open(environment);
    bus = await TestBus.connect(environment);
    const session = await responseBody<SignedUpSession>(await call('/auth/login', { json: DEMO_ADMIN }), 200);
    admin = session.access_token;
  });

  afterAll(async () => {
    await bus.close();
    await sms.close();
    await platform.close();
    await environment.destroy();
  });

  it('opens a wallet at registration, transfers once per key, and lists both sides', async () => {
    const afi = await register();
    const kossi = await register();
    await waitFor(async () =>
      (await call('/wallet/balance', { token: afi.access_token })).ok ? true : undefined,
    );
    expect(await balance(afi)).toMatchObject({ balance: 0, status: 'active', daily_limit: 50_000 });
    await fund(afi, 20_000);
    const key = randomUUID();

    const sent = await responseBody<WalletTransactionView>(
      await transfer(afi, { to_phone: kossi.user.phone.slice(4), amount: 5_000, description: 'Loyer' }, key),
      201,
    );
    const replayed = await transfer(
      afi,
      { to_phone: kossi.user.phone.slice(4), amount: 5_000, description: 'Loyer' },
      key,
    );
    const reused = await responseBody<Problem>(
      await transfer(afi, { to_phone: kossi.user.phone, amount: 6_000 }, key),
      409,
    );

    expect(sent).toMatchObject({
      type: 'debit',
      amount: 5_000,
      category: 'transfer',
      status: 'completed',
      balance_after: 15_000,
    });
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(await replayed.json()).toEqual(sent);
    expect(reused.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await balance(afi)).toMatchObject({ balance: 15_000, daily_spent: 5_000 });
    const received = await responseBody<WalletTransactionPage>(
      await call('/wallet/transactions?type=credit', { token: kossi.access_token }),
      200,
    );
    expect(received.items).toEqual([
      expect.objectContaining({ id: sent.id, type: 'credit', amount: 5_000, description: 'Loyer' }),
    ]);
  });

  it('answers each refusal with its problem details code and moves nothing', async () => {
    const afi = await register();
    const kossi = await register();
    await fund(afi, 30_000);
    const refusals: [Record<string, unknown>, number, string][] = [
      [{ to_phone: kossi.user.phone, amount: -5 }, 400, 'VALIDATION_FAILED'],
      [{ to_phone: kossi.user.phone, amount: 0 }, 400, 'VALIDATION_FAILED'],
      [{ to_phone: kossi.user.phone, amount: 12.5 }, 400, 'VALIDATION_FAILED'],
      [{ to_phone: kossi.user.phone, amount: 'cent' }, 400, 'VALIDATION_FAILED'],
      [{ to_phone: kossi.user.phone, amount: 25_001 }, 422, 'WALLET_LIMIT_EXCEEDED'],
      [{ to_phone: '+22899000001', amount: 1_000 }, 404, 'WALLET_RECIPIENT_NOT_FOUND'],
      [{ to_phone: afi.user.phone, amount: 1_000 }, 400, 'WALLET_SELF_TRANSFER'],
    ];

    for (const [body, status, code] of refusals) {
      const problem = await responseBody<Problem>(await transfer(afi, body), status);
      expect({ body, code: problem.code }).toEqual({ body, code });
    }
    await responseBody(
      await call(`/admin/wallets/${afi.user.id}/freeze`, { method: 'POST', token: admin }),
      200,
    );
    expect(
      (await responseBody<Problem>(await transfer(afi, { to_phone: kossi.user.phone, amount: 1_000 }), 423))
        .code,
    ).toBe('WALLET_FROZEN');
    await responseBody(
      await call(`/admin/wallets/${afi.user.id}/unfreeze`, { method: 'POST', token: admin }),
      200,
    );

    expect(await balance(afi)).toMatchObject({ balance: 30_000, daily_spent: 0 });
    expect(await balance(kossi)).toMatchObject({ balance: 0 });
    expect(
      (
        await responseBody<Problem>(
          await call(`/admin/wallets/${afi.user.id}/freeze`, { method: 'POST', token: afi.access_token }),
          403,
        )
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('lets exactly as many concurrent transfers through as the balance allows', async () => {
    const payer = await register();
    const payee = await register();
    await fund(payer, 10_000);
    await responseBody(
      await call(`/admin/wallets/${payer.user.id}/limits`, {
        method: 'PATCH',
        json: { daily_limit: 1_000_000, monthly_limit: 1_000_000 },
        token: admin,
      }),
      200,
    );

    const answers = await Promise.all(
      Array.from({ length: 20 }, () => transfer(payer, { to_phone: payee.user.phone, amount: 1_000 })),
    );

    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([...Array<number>(10).fill(201), ...Array<number>(10).fill(422)]);
    expect(await balance(payer)).toMatchObject({ balance: 0 });
    expect(await balance(payee)).toMatchObject({ balance: 10_000 });
    const report = await responseBody<ReconciliationReport>(
      await call('/admin/wallets/reconciliation', { token: admin }),
      200,
    );
    expect(report).toMatchObject({ ok: true, differences: [], postings_total: 0 });
  });

  it('moves money once for a transfer retried 10 times at once, and completes opposite transfers', async () => {
    const afi = await register();
    const kossi = await register();
    await fund(afi, 20_000);
    await fund(kossi, 20_000);
    const key = randomUUID();

    const retries = await Promise.all(
      Array.from({ length: 10 }, () => transfer(afi, { to_phone: kossi.user.phone, amount: 2_000 }, key)),
    );
    const answers = await Promise.all(
      retries.map(async (answer) => ({
        status: answer.status,
        body: (await answer.json()) as { id?: string; code?: string },
      })),
    );

    // A retry still running at the edge is told so (409) and may retry; no retry moves money again.
    expect(answers.filter((answer) => answer.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(
      new Set(answers.filter((answer) => answer.status === 201).map((answer) => answer.body.id)).size,
    ).toBe(1);
    expect(answers.filter((answer) => answer.status !== 201).map((answer) => answer.body.code)).toEqual(
      answers.filter((answer) => answer.status !== 201).map(() => 'IDEMPOTENCY_IN_PROGRESS'),
    );
    expect(await balance(afi)).toMatchObject({ balance: 18_000 });

    const opposite = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        index % 2 === 0
          ? transfer(afi, { to_phone: kossi.user.phone, amount: 500 })
          : transfer(kossi, { to_phone: afi.user.phone, amount: 300 }),
      ),
    );
    expect(opposite.map((answer) => answer.status)).toEqual(Array<number>(10).fill(201));
    expect(await balance(afi)).toMatchObject({ balance: 18_000 - 5 * 500 + 5 * 300 });
    expect(await balance(kossi)).toMatchObject({ balance: 22_000 + 5 * 500 - 5 * 300 });
  });

  it('saves methods masked, one default, and shows admins AML flags', async () => {
    const user = await register();

    const card = await responseBody<{ id: string; identifier: string }>(
      await call('/wallet/methods', {
        json: { type: 'card', provider: 'visa', identifier: '4242 4242 4242 4242' },
        token: user.access_token,
      }),
      201,
    );
    await responseBody(
      await call('/wallet/methods', {
        json: { type: 'mobile_money', provider: 'flooz', identifier: '+22899123456', is_default: true },
        token: user.access_token,
      }),
      201,
    );
    const listed = await responseBody<PaymentMethodPage>(
      await call('/wallet/methods', { token: user.access_token }),
      200,
    );
    expect(listed.items.map((method) => [method.identifier, method.is_default])).toEqual([
      ['+228 99 •• •• 56', true],
      ['•••• 4242', false],
    ]);
    expect(card.identifier).toBe('•••• 4242');
    expect(
      (await call(`/wallet/methods/${card.id}`, { method: 'DELETE', token: user.access_token })).status,
    ).toBe(204);

    const flags = await responseBody<AmlFlagPage>(
      await call('/admin/wallets/flags?kind=large_transfer', { token: admin }),
      200,
    );
    expect(flags.items.every((flag) => flag.kind === 'large_transfer')).toBe(true);
    expect((await call('/admin/wallets/flags', { token: user.access_token })).status).toBe(403);
  });
});
