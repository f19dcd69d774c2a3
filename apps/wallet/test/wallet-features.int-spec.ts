import { randomUUID } from 'node:crypto';

import type {
  AmlFlagPage,
  CreateIntentRequest,
  FlagRaisedEvent,
  PaymentIntentEvent,
  PaymentIntentView,
  PaymentMethodPage,
  PaymentMethodView,
  PrivacyExportReply,
  RechargeReply,
  WalletMovedEvent,
  WalletTransactionPage,
} from '@ecom/contracts';
import { DomainError } from '@ecom/platform';
import { waitFor } from '@ecom/testing';

import { ADMIN, WalletKit, type TestUser } from './wallet-kit';

/** The payment stand-in refuses intents of this amount, as a provider refusing the method would. */
const REFUSED_AMOUNT = 4_321;

describe('wallet features on real Postgres and JetStream', () => {
  let kit: WalletKit;
  const intents: CreateIntentRequest[] = [];

  beforeAll(async () => {
    kit = await WalletKit.start({ AML_LARGE_TRANSFER: '10000', AML_MAX_RECEIVERS_PER_HOUR: '2' });
    // The payment service, stood in: one intent per idempotency key, awaiting the provider.
    kit.bus.respond('payment.intents.create', (data) => {
      const request = data as CreateIntentRequest;
      if (request.amount === REFUSED_AMOUNT) throw new DomainError('PAYMENT_METHOD_UNSUPPORTED');
      intents.push(request);
      const view: PaymentIntentView = {
        id: `00000000-0000-4000-8000-${String(intents.length).padStart(12, '0')}`,
        amount: request.amount,
        currency: 'XOF',
        method: request.method,
        purpose: request.purpose,
        status: 'processing',
        reference_id: request.reference_id,
        reference_label: request.reference_label ?? null,
        payer_id: request.payer_id,
        provider: request.method,
        provider_reference: null,
        captured_amount: 0,
        refunded_amount: 0,
        next_action: { type: 'confirm_on_phone', phone: request.payer_phone },
        failure_reason: null,
        expires_at: null,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      };

      return view;
    });
  });

  afterAll(async () => {
    await kit.stop();
  });

  const transactions = (
    user: TestUser,
    query: Record<string, unknown> = {},
  ): Promise<WalletTransactionPage> => kit.call('wallet.transactions.list', query, { caller: user.caller });
  const outcome = (reply: RechargeReply, status: 'succeeded' | 'failed'): PaymentIntentEvent => ({
    intent_id: reply.payment.id,
    purpose: 'wallet_recharge',
    reference_id: reply.transaction.id,
    reference_label: null,
    payer_id: reply.payment.payer_id,
    method: reply.payment.method,
    amount: reply.payment.amount,
    captured_amount: status === 'succeeded' ? reply.payment.amount : 0,
    refunded_amount: 0,
    currency: 'XOF',
    reason: status === 'failed' ? 'declined by the payer' : null,
    refund_id: null,
    refund_amount: null,
  });

  describe('recharge', () => {
    it('answers a pending recharge with its payment, and credits once however often success is told', async () => {
      const user = kit.user();
      const key = randomUUID();

      const reply = await kit.call<RechargeReply>(
        'wallet.recharge.create',
        { amount: 5_000, method: 'yas', payer_phone: '90 11 22 33' },
        { caller: user.caller, idempotencyKey: key },
      );
      const again = await kit.call<RechargeReply>(
        'wallet.recharge.create',
        { amount: 5_000, method: 'yas', payer_phone: '90 11 22 33' },
        { caller: user.caller, idempotencyKey: key },
      );

      expect(reply.transaction).toMatchObject({
        type: 'credit',
        amount: 5_000,
        status: 'pending',
        category: 'recharge',
      });
      expect(again.transaction.id).toBe(reply.transaction.id);
      const asked = intents.filter((intent) => intent.reference_id === reply.transaction.id);
      expect(asked[0]).toMatchObject({
        purpose: 'wallet_recharge',
        method: 'yas',
        payer_phone: '+22890112233',
        payer_id: user.id,
        idempotency_key: `wallet-recharge:${reply.transaction.id}`,
      });
      expect(new Set(asked.map((intent) => intent.idempotency_key)).size).toBe(1);
      expect(await kit.balanceOf(user)).toBe(0);

      const succeeded = outcome(reply, 'succeeded');
      await kit.publish('payment.intent.succeeded', succeeded);
      await kit.publish('payment.intent.succeeded', succeeded);
      await kit.publish('payment.intent.succeeded', { ...succeeded, purpose: 'order' });

      await waitFor(async () => ((await kit.balanceOf(user)) === 5_000 ? true : undefined), {
        what: 'the recharge to be credited',
      });
      const page = await transactions(user);
      expect(page.items).toEqual([
        expect.objectContaining({
          id: reply.transaction.id,
          type: 'credit',
          status: 'completed',
          payment_method: 'yas',
        }),
      ]);
      const credited = await kit.outbox<WalletMovedEvent>('wallet.credited');
      expect(credited.filter((event) => event.data.user_id === user.id)).toHaveLength(1);
      const [clearing] = await kit.db.query<{ balance: string }[]>(
        "SELECT balance FROM accounts WHERE code = 'clearing:yas'",
      );
      expect(Number(clearing?.balance)).toBeLessThanOrEqual(-5_000);
    });

    it('marks a recharge failed when the payment fails, with no credit', async () => {
      const user = kit.user();
      const reply = await kit.call<RechargeReply>(
        'wallet.recharge.create',
        { amount: 2_000, method: 'flooz', payer_phone: '+22899887766' },
        { caller: user.caller },
      );

      await kit.publish('payment.intent.failed', outcome(reply, 'failed'));

      await waitFor(
        async () => ((await transactions(user)).items[0]?.status === 'failed' ? true : undefined),
        { what: 'the recharge to fail' },
      );
      expect(await kit.balanceOf(user)).toBe(0);
    });

    it('fails the recharge at once when the payment service refuses it', async () => {
      const user = kit.user();

      expect(
        await kit.codeOf(
          kit.call(
            'wallet.recharge.create',
            { amount: REFUSED_AMOUNT, method: 'pispi' },
            { caller: user.caller },
          ),
        ),
      ).toBe('PAYMENT_METHOD_UNSUPPORTED');

      expect((await transactions(user)).items).toEqual([
        expect.objectContaining({ amount: REFUSED_AMOUNT, status: 'failed', category: 'recharge' }),
      ]);
    });

    it('refuses the same key with another amount', async () => {
      const user = kit.user();
      const key = randomUUID();
      await kit.call(
        'wallet.recharge.create',
        { amount: 1_000, method: 'visa' },
        { caller: user.caller, idempotencyKey: key },
      );

      expect(
        await kit.codeOf(
          kit.call(
            'wallet.recharge.create',
            { amount: 1_001, method: 'visa' },
            { caller: user.caller, idempotencyKey: key },
          ),
        ),
      ).toBe('IDEMPOTENCY_KEY_REUSED');
    });
  });

  describe('saved payment methods', () => {
    it('keeps identifiers unreadable in the database and masked in every answer, with one default', async () => {
      const user = kit.user();

      const phone = await kit.call<PaymentMethodView>(
        'wallet.methods.create',
        { type: 'mobile_money', provider: 'yas', identifier: '90 12 34 56' },
        { caller: user.caller },
      );
      const card = await kit.call<PaymentMethodView>(
        'wallet.methods.create',
        { type: 'card', provider: 'visa', identifier: '4242424242424242', is_default: true },
        { caller: user.caller },
      );
      const listed = await kit.call<PaymentMethodPage>('wallet.methods.list', {}, { caller: user.caller });

      expect(phone).toMatchObject({ identifier: '+228 90 •• •• 56', is_default: true });
      expect(card).toMatchObject({ identifier: '•••• 4242', is_default: true });
      expect(listed.items.map((method) => [method.identifier, method.is_default])).toEqual([
        ['•••• 4242', true],
        ['+228 90 •• •• 56', false],
      ]);
      const rows = await kit.db.query<Record<string, unknown>[]>(
        'SELECT * FROM payment_methods WHERE user_id = $1',
        [user.id],
      );
      const stored = JSON.stringify(rows);
      expect(stored).not.toContain('4242424242424242');
      expect(stored).not.toContain('90123456');
      expect(rows.map((row) => row['key_id'])).toEqual(['local-1', 'local-1']);

      // A recharge from the saved phone pushes to it, in clear only towards the payment service.
      const reply = await kit.call<RechargeReply>(
        'wallet.recharge.create',
        { amount: 1_500, method: 'yas', payment_method_id: phone.id },
        { caller: user.caller },
      );
      expect(intents.find((intent) => intent.reference_id === reply.transaction.id)?.payer_phone).toBe(
        '+22890123456',
      );
      expect(
        await kit.codeOf(
          kit.call(
            'wallet.recharge.create',
            { amount: 1_500, method: 'flooz', payment_method_id: phone.id },
            { caller: user.caller },
          ),
        ),
      ).toBe('VALIDATION_FAILED');

      await kit.call('wallet.methods.delete', { id: card.id }, { caller: user.caller });
      const after = await kit.call<PaymentMethodPage>('wallet.methods.list', {}, { caller: user.caller });
      expect(after.items).toEqual([expect.objectContaining({ id: phone.id, is_default: true })]);
      expect(
        await kit.codeOf(kit.call('wallet.methods.delete', { id: phone.id }, { caller: kit.user().caller })),
      ).toBe('WALLET_METHOD_NOT_FOUND');
    });
  });

  describe('AML signals', () => {
    it('flags a large transfer, many receivers in an hour and a round trip, without blocking them', async () => {
      const sender = await kit.funded(40_000);
      const [first, second, third] = [kit.user(), kit.user(), kit.user()];

      await kit.transfer(sender, first, 12_000);
      await kit.transfer(sender, second, 1_000);
      await kit.transfer(sender, third, 1_000);
      await kit.transfer(first, sender, 11_500);

      const flags = await kit.call<AmlFlagPage>('wallet.admin.flags', { limit: 10 }, { caller: ADMIN });
      const mine = flags.items.filter((flag) => [sender.id, first.id].includes(flag.user_id));
      expect(mine.map((flag) => [flag.kind, flag.user_id]).sort()).toEqual(
        [
          ['large_transfer', sender.id],
          ['many_receivers', sender.id],
          ['large_transfer', first.id],
          ['round_trip', first.id],
        ].sort(),
      );
      expect(await kit.balanceOf(first)).toBe(500);
      const raised = await kit.outbox<FlagRaisedEvent>('wallet.flag.raised');
      expect(raised.filter((event) => event.data.user_id === sender.id)).toHaveLength(2);
      const byKind = await kit.call<AmlFlagPage>(
        'wallet.admin.flags',
        { kind: 'round_trip' },
        { caller: ADMIN },
      );
      expect(byKind.items.every((flag) => flag.kind === 'round_trip')).toBe(true);
      expect(await kit.codeOf(kit.call('wallet.admin.flags', {}, { caller: sender.caller }))).toBe(
        'FORBIDDEN',
      );
    });
  });

  describe('transactions and RGPD', () => {
    it('lists the user’s side of each entry, filtered and a page at a time', async () => {
      const user = await kit.funded(10_000);
      const other = kit.user();
      await kit.transfer(user, other, 1_000);
      await kit.transfer(user, other, 2_000);

      const debits = await transactions(user, { type: 'debit', limit: '1' });
      const next = await transactions(user, { type: 'debit', limit: 1, cursor: debits.next_cursor });
      const received = await transactions(other, { category: 'transfer' });

      expect(debits.items).toEqual([
        expect.objectContaining({ type: 'debit', amount: 2_000, balance_after: 7_000 }),
      ]);
      expect(next.items).toEqual([
        expect.objectContaining({ type: 'debit', amount: 1_000, balance_after: 9_000 }),
      ]);
      expect(next.next_cursor).toBeNull();
      expect(received.items.map((item) => [item.type, item.amount])).toEqual([
        ['credit', 2_000],
        ['credit', 1_000],
      ]);
    });

    it('exports the wallet, and on erasure forgets the holder and methods but keeps the ledger', async () => {
      const user = kit.user();
      await kit.publish('auth.user.registered', {
        user_id: user.id,
        user_type: 'client',
        roles: ['client'],
        phone: user.phone,
        first_name: 'Ama',
      });
      await waitFor(async () =>
        (await kit.db.query<unknown[]>('SELECT 1 FROM wallets WHERE user_id = $1', [user.id])).length
          ? true
          : undefined,
      );
      await kit.call('wallet.ops.credit', {
        user_id: user.id,
        amount: 3_000,
        category: 'refund',
        idempotency_key: randomUUID(),
      });
      await kit.call(
        'wallet.methods.create',
        { type: 'card', provider: 'visa', identifier: '4000056655665556' },
        { caller: user.caller },
      );

      const exported = await kit.call<PrivacyExportReply>('wallet.privacy.export', { user_id: user.id });
      expect(exported.data).toMatchObject({
        wallet: { balance: 3_000, holder_phone: user.phone, holder_name: 'Ama' },
        transactions: [expect.objectContaining({ amount: 3_000, type: 'credit' })],
        payment_methods: [expect.objectContaining({ identifier: '•••• 5556' })],
      });
      expect(JSON.stringify(exported)).not.toContain('4000056655665556');

      await kit.publish('auth.user.erased', { user_id: user.id });

      await waitFor(async () => {
        const [wallet] = await kit.db.query<{ holder_phone: string | null; status: string }[]>(
          'SELECT holder_phone, status FROM wallets WHERE user_id = $1',
          [user.id],
        );

        return wallet?.holder_phone === null ? wallet : undefined;
      });
      const [methods] = await kit.db.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM payment_methods WHERE user_id = $1',
        [user.id],
      );
      expect(methods?.count).toBe(0);
      expect((await transactions(user)).items).toHaveLength(1);
      expect(await kit.codeOf(kit.transfer(user, kit.user(), 100))).toBe('WALLET_CLOSED');
    });
  });
});
