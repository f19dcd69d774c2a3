import { randomUUID } from 'node:crypto';

import type {
  HoldView,
  PayeeStatement,
  ReconciliationReport,
  TransferCompletedEvent,
  WalletBalanceView,
  WalletTransactionView,
} from '@ecom/contracts';

import { DomainError } from '@ecom/platform';
import { waitFor } from '@ecom/testing';

import { ADMIN, WalletKit } from './wallet-kit';

describe('wallet ledger on real Postgres', () => {
  let kit: WalletKit;

  beforeAll(async () => {
    kit = await WalletKit.start();
  });

  afterAll(async () => {
    await kit.stop();
  });

  const reconcile = (): Promise<ReconciliationReport> =>
    kit.call<ReconciliationReport>('wallet.admin.reconcile', {}, { caller: ADMIN });

  it('opens one wallet per registered user, however often the event is delivered', async () => {
    const user = kit.user();
    const registered = {
      user_id: user.id,
      user_type: 'client',
      roles: ['client'],
      phone: user.phone,
      first_name: 'Ama',
    };
    const eventId = randomUUID();
    await kit.publish('auth.user.registered', registered, eventId);
    await kit.publish('auth.user.registered', registered, eventId);
    await kit.publish('auth.user.registered', registered);

    await waitForRow(kit, 'SELECT 1 FROM wallets WHERE user_id = $1', [user.id]);
    const balance = await kit.call<WalletBalanceView>('wallet.balance.get', {}, { caller: user.caller });
    expect(balance).toEqual({
      balance: 0,
      available_balance: 0,
      currency: 'XOF',
      status: 'active',
      single_transaction_max: 25_000,
      daily_limit: 50_000,
      monthly_limit: 500_000,
      daily_spent: 0,
      monthly_spent: 0,
    });
    const opened = await kit.outbox<{ user_id: string }>('wallet.wallet.opened');
    expect(opened.filter((event) => event.data.user_id === user.id)).toHaveLength(1);
  });

  it('lets exactly 50 of 100 concurrent debits of 1 000 through a wallet of 50 000, never below zero', async () => {
    const user = await kit.funded(50_000, true);

    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, (_, index) =>
        kit.call<WalletTransactionView>('wallet.ops.debit', {
          user_id: user.id,
          amount: 1_000,
          category: 'shopping',
          idempotency_key: `debit-${index}-${randomUUID()}`,
        }),
      ),
    );

    const succeeded = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refusals = outcomes
      .filter((outcome) => outcome.status === 'rejected')
      .map((outcome) => codeOfReason(outcome.reason));
    expect(succeeded).toHaveLength(50);
    expect(new Set(refusals)).toEqual(new Set(['WALLET_INSUFFICIENT_FUNDS']));
    expect(await kit.balanceOf(user)).toBe(0);
    const [lowest] = await kit.db.query<{ min: number }[]>(
      `SELECT min(p.balance_after)::float8 AS min FROM postings p JOIN wallets w ON w.account_id = p.account_id
        WHERE w.user_id = $1`,
      [user.id],
    );
    expect(lowest?.min).toBe(0);
    expect(await reconcile()).toMatchObject({ ok: true, differences: [], postings_total: 0 });
  });

  it('moves money once for one transfer retried 10 times at once, and refuses the key with another amount', async () => {
    const sender = await kit.funded(20_000);
    const receiver = kit.user();
    const key = randomUUID();

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => kit.transfer(sender, receiver, 5_000, key)),
    );

    expect(new Set(answers.map((answer) => answer.id)).size).toBe(1);
    expect(answers[0]).toMatchObject({
      type: 'debit',
      amount: 5_000,
      category: 'transfer',
      balance_after: 15_000,
    });
    expect(await kit.balanceOf(sender)).toBe(15_000);
    expect(await kit.balanceOf(receiver)).toBe(5_000);
    expect(await kit.codeOf(kit.transfer(sender, receiver, 6_000, key))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await kit.balanceOf(sender)).toBe(15_000);
    const completed = await kit.outbox<TransferCompletedEvent>('wallet.transfer.completed');
    expect(completed.filter((event) => event.data.sender_id === sender.id)).toHaveLength(1);
  });

  it('completes concurrent transfers A→B and B→A without deadlock', async () => {
    const a = await kit.funded(20_000);
    const b = await kit.funded(20_000);

    const transfers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        index % 2 === 0 ? kit.transfer(a, b, 500) : kit.transfer(b, a, 300),
      ),
    );

    expect(transfers).toHaveLength(20);
    expect(await kit.balanceOf(a)).toBe(20_000 - 10 * 500 + 10 * 300);
    expect(await kit.balanceOf(b)).toBe(20_000 + 10 * 500 - 10 * 300);
    expect(kit.logs.text()).not.toMatch(/deadlock/i);
  });

  describe('refusals, each with its code and no posting', () => {
    it.each([
      ['a negative amount', -100, 'VALIDATION_FAILED'],
      ['a zero amount', 0, 'VALIDATION_FAILED'],
      ['a fractional amount', 10.5, 'VALIDATION_FAILED'],
      ['a non-numeric amount', 'mille', 'VALIDATION_FAILED'],
      ['an amount over the single transaction maximum', 25_001, 'WALLET_LIMIT_EXCEEDED'],
      ['an amount over the balance', 24_000, 'WALLET_INSUFFICIENT_FUNDS'],
    ])('refuses a transfer of %s', async (_what, amount, code) => {
      const sender = await kit.funded(20_000);
      const receiver = kit.user();
      const before = await kit.postingsCount();

      expect(await kit.codeOf(kit.transfer(sender, receiver, amount))).toBe(code);
      expect(await kit.postingsCount()).toBe(before);
    });

    it('refuses a transfer to an unknown phone, and to oneself', async () => {
      const sender = await kit.funded(20_000);
      const before = await kit.postingsCount();

      expect(await kit.codeOf(kit.transfer(sender, '+22899000000', 1_000))).toBe(
        'WALLET_RECIPIENT_NOT_FOUND',
      );
      expect(await kit.codeOf(kit.transfer(sender, sender, 1_000))).toBe('WALLET_SELF_TRANSFER');
      expect(await kit.postingsCount()).toBe(before);
    });

    it('stops paying a receiver as soon as auth suspends them, though phones are remembered', async () => {
      const sender = await kit.funded(20_000);
      const receiver = kit.user();
      await kit.transfer(sender, receiver, 1_000);

      await kit.suspend(receiver);

      await waitFor(
        async () =>
          (await kit.codeOf(kit.transfer(sender, receiver, 1_000))) === 'WALLET_RECIPIENT_NOT_FOUND',
        { what: 'the suspended receiver refused' },
      );
    });

    it('refuses the debit that would pass the daily limit, including across two concurrent requests', async () => {
      const user = await kit.funded(200_000);
      await kit.call(
        'wallet.admin.limits',
        { user_id: user.id, single_transaction_max: 40_000 },
        { caller: ADMIN },
      );
      const receiver = kit.user();
      const before = await kit.postingsCount();

      const outcomes = await Promise.allSettled([
        kit.transfer(user, receiver, 30_000),
        kit.transfer(user, receiver, 30_000),
      ]);

      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = outcomes.find((outcome) => outcome.status === 'rejected');
      expect(codeOfReason(refused?.reason)).toBe('WALLET_LIMIT_EXCEEDED');
      expect(await kit.postingsCount()).toBe(before + 2);
      const balance = await kit.call<WalletBalanceView>('wallet.balance.get', {}, { caller: user.caller });
      expect(balance).toMatchObject({
        balance: 170_000,
        daily_spent: 30_000,
        single_transaction_max: 40_000,
      });
      expect(await kit.codeOf(kit.transfer(user, receiver, 20_001))).toBe('WALLET_LIMIT_EXCEEDED');
    });

    it('refuses payments from a frozen wallet but lets it receive, until unfrozen', async () => {
      const user = await kit.funded(10_000);
      const other = await kit.funded(10_000);
      await kit.call('wallet.admin.freeze', { user_id: user.id }, { caller: ADMIN });
      const before = await kit.postingsCount();

      expect(await kit.codeOf(kit.transfer(user, other, 1_000))).toBe('WALLET_FROZEN');
      expect(
        await kit.codeOf(
          kit.call('wallet.ops.debit', {
            user_id: user.id,
            amount: 1_000,
            category: 'transport',
            idempotency_key: randomUUID(),
          }),
        ),
      ).toBe('WALLET_FROZEN');
      expect(await kit.postingsCount()).toBe(before);
      await kit.transfer(other, user, 1_000);
      expect(await kit.balanceOf(user)).toBe(11_000);

      await kit.call('wallet.admin.unfreeze', { user_id: user.id }, { caller: ADMIN });
      await kit.transfer(user, other, 1_000);
      expect(await kit.balanceOf(user)).toBe(10_000);
    });

    it('keeps admin routes to admins', async () => {
      const user = await kit.funded(1_000);

      expect(
        await kit.codeOf(kit.call('wallet.admin.freeze', { user_id: user.id }, { caller: user.caller })),
      ).toBe('FORBIDDEN');
      expect(await kit.codeOf(kit.call('wallet.admin.reconcile', {}, { caller: user.caller }))).toBe(
        'FORBIDDEN',
      );
    });
  });

  describe('operations for the other services', () => {
    const driver = { type: 'driver' as const, id: randomUUID() };

    it('holds, captures part with a split to the driver, releases the rest, and refuses a second capture', async () => {
      const user = await kit.funded(10_000);
      const hold = await kit.call<HoldView>('wallet.ops.hold', {
        user_id: user.id,
        amount: 4_000,
        category: 'transport',
        idempotency_key: randomUUID(),
      });
      const during = await kit.call<WalletBalanceView>('wallet.balance.get', {}, { caller: user.caller });

      const captured = await kit.call<HoldView>('wallet.ops.capture', {
        hold_id: hold.hold_id,
        amount: 3_000,
        payee: driver,
        commission_amount: 600,
        idempotency_key: randomUUID(),
      });

      expect(during).toMatchObject({ balance: 10_000, available_balance: 6_000 });
      expect(captured).toMatchObject({ status: 'captured', amount: 4_000, captured_amount: 3_000 });
      expect(await kit.call('wallet.balance.get', {}, { caller: user.caller })).toMatchObject({
        balance: 7_000,
        available_balance: 7_000,
      });
      expect(
        await kit.codeOf(
          kit.call('wallet.ops.capture', {
            hold_id: hold.hold_id,
            amount: 1_000,
            idempotency_key: randomUUID(),
          }),
        ),
      ).toBe('WALLET_HOLD_NOT_ACTIVE');
      const statement = await kit.call<PayeeStatement>('wallet.payees.statement', { payee: driver });
      expect(statement).toMatchObject({ gross: 3_000, commission: 600, net: 2_400, balance: 2_400 });
      expect(statement.lines).toEqual([
        expect.objectContaining({ kind: 'payment', gross: 3_000, commission: 600, net: 2_400 }),
      ]);
    });

    it('refuses a capture over the hold and releases a hold in full', async () => {
      const user = await kit.funded(5_000);
      const hold = await kit.call<HoldView>('wallet.ops.hold', {
        user_id: user.id,
        amount: 2_000,
        category: 'shopping',
        idempotency_key: randomUUID(),
      });

      expect(
        await kit.codeOf(
          kit.call('wallet.ops.capture', {
            hold_id: hold.hold_id,
            amount: 2_001,
            idempotency_key: randomUUID(),
          }),
        ),
      ).toBe('WALLET_CAPTURE_EXCEEDS_HOLD');
      const released = await kit.call<HoldView>('wallet.ops.release', {
        hold_id: hold.hold_id,
        idempotency_key: randomUUID(),
      });
      expect(released.status).toBe('released');
      expect(await kit.call('wallet.balance.get', {}, { caller: user.caller })).toMatchObject({
        balance: 5_000,
        available_balance: 5_000,
      });
      expect(
        await kit.codeOf(
          kit.call('wallet.ops.release', { hold_id: randomUUID(), idempotency_key: randomUUID() }),
        ),
      ).toBe('WALLET_HOLD_NOT_FOUND');
    });

    it('refunds a split debit in proportion, in parts, never more than the original', async () => {
      const store = { type: 'store' as const, id: randomUUID() };
      const user = await kit.funded(20_000);
      const debit = await kit.call<WalletTransactionView>('wallet.ops.debit', {
        user_id: user.id,
        amount: 10_000,
        category: 'shopping',
        payee: store,
        commission_amount: 1_000,
        reference: 'CMD-0042',
        idempotency_key: randomUUID(),
      });

      await kit.call('wallet.ops.refund', {
        transaction_id: debit.id,
        amount: 3_333,
        idempotency_key: randomUUID(),
      });
      await kit.call('wallet.ops.refund', {
        transaction_id: debit.id,
        amount: 6_667,
        idempotency_key: randomUUID(),
      });

      expect(
        await kit.codeOf(
          kit.call('wallet.ops.refund', {
            transaction_id: debit.id,
            amount: 1,
            idempotency_key: randomUUID(),
          }),
        ),
      ).toBe('WALLET_REFUND_EXCEEDS_ORIGINAL');
      expect(await kit.balanceOf(user)).toBe(20_000);
      const statement = await kit.call<PayeeStatement>('wallet.payees.statement', { payee: store });
      expect(statement).toMatchObject({ gross: 0, commission: 0, net: 0, balance: 0 });
      expect(statement.lines.map((line) => [line.kind, line.gross, line.commission])).toEqual([
        ['payment', 10_000, 1_000],
        ['refund', -3_333, -333],
        ['refund', -6_667, -667],
      ]);
      expect(await reconcile()).toMatchObject({ ok: true });
    });

    it('settles concurrent split payments, refunds and transfers around one store without deadlock', async () => {
      const store = { type: 'store' as const, id: randomUUID() };
      const buyers = await Promise.all(Array.from({ length: 10 }, () => kit.funded(10_000)));
      const debit = (user: { id: string }): Promise<WalletTransactionView> =>
        kit.call<WalletTransactionView>('wallet.ops.debit', {
          user_id: user.id,
          amount: 2_000,
          category: 'shopping',
          payee: store,
          commission_amount: 200,
          idempotency_key: randomUUID(),
        });
      const first = await Promise.all(buyers.map(debit));

      await Promise.all([
        ...buyers.map(debit),
        ...first.map((payment) =>
          kit.call('wallet.ops.refund', {
            transaction_id: payment.id,
            amount: 2_000,
            idempotency_key: randomUUID(),
          }),
        ),
        ...buyers.map((buyer, index) =>
          kit.transfer(buyer, buyers[(index + 1) % buyers.length] ?? buyer, 100),
        ),
      ]);

      const statement = await kit.call<PayeeStatement>('wallet.payees.statement', { payee: store });
      expect(statement).toMatchObject({ gross: 20_000, commission: 2_000, net: 18_000, balance: 18_000 });
      for (const buyer of buyers) expect(await kit.balanceOf(buyer)).toBe(8_000);
      expect(await reconcile()).toMatchObject({ ok: true });
    });

    it('books the commission a driver owes on a cash ride', async () => {
      const cashDriver = { type: 'driver' as const, id: randomUUID() };

      await kit.call('wallet.ops.cash-commission', {
        payee: cashDriver,
        amount: 300,
        gross_amount: 1_500,
        idempotency_key: randomUUID(),
      });

      const statement = await kit.call<PayeeStatement>('wallet.payees.statement', { payee: cashDriver });
      expect(statement).toMatchObject({ gross: 1_500, commission: 300, net: 1_200, balance: -300 });
    });

    it('answers a retried credit with the first result and moves the money once', async () => {
      const user = kit.user();
      const request = { user_id: user.id, amount: 700, category: 'refund', idempotency_key: randomUUID() };

      const [first, second] = await Promise.all([
        kit.call<WalletTransactionView>('wallet.ops.credit', request),
        kit.call<WalletTransactionView>('wallet.ops.credit', request),
      ]);

      expect(second).toEqual(first);
      expect(await kit.balanceOf(user)).toBe(700);
    });
  });

  it('reports an account whose balance no longer matches its postings', async () => {
    const user = await kit.funded(1_000);
    const [account] = await kit.db.query<{ account_id: string }[]>(
      'SELECT account_id FROM wallets WHERE user_id = $1',
      [user.id],
    );
    await kit.db.query('UPDATE accounts SET balance = balance + 1 WHERE id = $1', [account?.account_id]);

    const report = await reconcile();
    await kit.db.query('UPDATE accounts SET balance = balance - 1 WHERE id = $1', [account?.account_id]);

    expect(report.ok).toBe(false);
    expect(report.differences).toEqual([
      expect.objectContaining({
        account_id: account?.account_id,
        stored_balance: 1_001,
        computed_balance: 1_000,
      }),
    ]);
    expect(await reconcile()).toMatchObject({ ok: true });
  });

  it('keeps journal entries and postings immutable', async () => {
    await expect(kit.db.query('UPDATE postings SET amount = amount + 1')).rejects.toThrow(/immutable/);
    await expect(kit.db.query('DELETE FROM journal_entries')).rejects.toThrow(/immutable/);
    expect(await reconcile()).toMatchObject({ ok: true, unbalanced_entries: [] });
  });
});

function codeOfReason(reason: unknown): string {
  return reason instanceof DomainError ? reason.code : String(reason);
}

async function waitForRow(kit: WalletKit, sql: string, parameters: unknown[]): Promise<void> {
  await waitFor(
    async () => ((await kit.db.query<unknown[]>(sql, parameters)).length > 0 ? true : undefined),
    {
      what: sql,
    },
  );
}
