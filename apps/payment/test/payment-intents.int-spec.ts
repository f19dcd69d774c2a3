import { randomUUID } from 'node:crypto';

import {
  AUTH_EVENTS,
  PAYMENT_EVENTS,
  PAYMENT_SUBJECTS,
  privacyExportSubject,
  WALLET_SUBJECTS,
  type Caller,
  type CreateIntentRequest,
  type PaymentIntentView,
  type PrivacyExportReply,
  type PaymentReconciliationReport,
} from '@ecom/contracts';
import { DomainError, type RequestContext, type RunningApp } from '@ecom/platform';
import { eventEnvelope, LogCapture, startService, TestBus, TestEnvironment, waitFor } from '@ecom/testing';
import { DataSource } from 'typeorm';

import type { PaymentConfig } from '../src/config';
import { signatureHeader } from '../src/providers/webhook-signature';
import { paymentService } from '../src/service';
import { CallbackCatcher, PaymentEvents, WalletStandIn, type CaughtCallback } from './payment-kit';

const SECRET = 'int-test-sandbox-secret-0123456789';
const SILENT_PHONE = '+22890000077';
/** The request as another service sends it: a plain object. */
type IntentPayload = { [K in keyof CreateIntentRequest]: CreateIntentRequest[K] };

const ADMIN: Caller = { user_id: randomUUID(), roles: ['admin'] };

describe('payment service on real Postgres and NATS, wallet stood in', () => {
  let environment: TestEnvironment;
  let bus: TestBus;
  let service: RunningApp<PaymentConfig>;
  let db: DataSource;
  let wallet: WalletStandIn;
  let events: PaymentEvents;
  const catcher = new CallbackCatcher();

  const call = <T>(subject: string, data: unknown, caller?: Caller): Promise<T> => {
    const requestId = randomUUID();
    const context: RequestContext = { requestId, correlationId: requestId, caller };

    return bus.client.request<T>(subject, data, { context, timeoutMs: 10_000 });
  };
  const codeOf = (promise: Promise<unknown>): Promise<string> =>
    promise.then(
      () => 'OK',
      (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
    );
  const intentRequest = (overrides: Partial<IntentPayload> = {}): IntentPayload => ({
    idempotency_key: `order-${randomUUID()}`,
    purpose: 'order',
    reference_id: randomUUID(),
    reference_label: 'CMD-2026-0001',
    payer_id: randomUUID(),
    method: 'yas',
    payer_phone: '+22890112233',
    amount: 10_000,
    currency: 'XOF',
    ...overrides,
  });
  const create = (overrides: Partial<IntentPayload> = {}): Promise<PaymentIntentView> =>
    call(PAYMENT_SUBJECTS.createIntent, intentRequest(overrides));
  const get = (id: string): Promise<PaymentIntentView> =>
    call(PAYMENT_SUBJECTS.getIntent, { intent_id: id }, ADMIN);
  const deliver = (callback: CaughtCallback): Promise<{ outcome: string }> =>
    call(PAYMENT_SUBJECTS.receiveWebhook, {
      provider: 'sandbox',
      raw_body: callback.rawBody,
      headers: callback.headers,
    });
  /** The payer answers on the phone; the sandbox's signed callback is caught where the gateway would be. */
  const answer = async (id: string, reply: 'approve' | 'decline'): Promise<CaughtCallback> => {
    await call(PAYMENT_SUBJECTS.sandboxAnswer, { intent_id: id, answer: reply });

    return waitFor(() => catcher.for(id), { what: `the sandbox callback of ${id}` });
  };
  const outboxCount = async (id: string, type: string): Promise<number> => {
    const [row] = await db.query<{ count: string }[]>(
      'SELECT count(*) FROM outbox WHERE aggregate_id = $1 AND type = $2',
      [id, type],
    );

    return Number(row?.count);
  };
  const signed = (body: string, at = Math.floor(Date.now() / 1000)): CaughtCallback => ({
    rawBody: body,
    headers: { 'content-type': 'application/json', 'x-sandbox-signature': signatureHeader(SECRET, body, at) },
  });

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    bus = await TestBus.connect(environment);
    wallet = new WalletStandIn(bus);
    const gatewayUrl = await catcher.start();
    service = await startService(
      paymentService,
      environment,
      {
        GATEWAY_URL: gatewayUrl,
        SANDBOX_WEBHOOK_SECRET: SECRET,
        SANDBOX_SILENT_PHONES: SILENT_PHONE,
        RECONCILE_INTERVAL_MS: '0',
        RECONCILE_AFTER_SECONDS: '0',
      },
      new LogCapture(),
    );
    db = service.app.get(DataSource);
    events = await PaymentEvents.open(environment);
  });

  afterAll(async () => {
    await events.close();
    await service.close();
    await catcher.stop();
    await bus.close();
    await environment.destroy();
  });

  describe('wallet method', () => {
    it('debits at once, once per idempotency key, and publishes one success', async () => {
      const payer = randomUUID();
      wallet.fund(payer, 50_000);
      const request = intentRequest({ method: 'wallet', payer_id: payer, payer_phone: undefined });

      const intent = await call<PaymentIntentView>(PAYMENT_SUBJECTS.createIntent, request);
      const again = await call<PaymentIntentView>(PAYMENT_SUBJECTS.createIntent, request);

      expect(intent).toMatchObject({ status: 'succeeded', captured_amount: 10_000, method: 'wallet' });
      expect(again.id).toBe(intent.id);
      expect(wallet.balanceOf(payer)).toBe(40_000);
      expect(wallet.ops(WALLET_SUBJECTS.debit).filter((op) => op.data['user_id'] === payer)).toHaveLength(1);
      const event = await waitFor(() => events.of(intent.id, PAYMENT_EVENTS.intentSucceeded)[0]);
      expect(event.data).toMatchObject({
        purpose: 'order',
        reference_id: request.reference_id,
        amount: 10_000,
        captured_amount: 10_000,
      });
      expect(await codeOf(call(PAYMENT_SUBJECTS.createIntent, { ...request, amount: 9_000 }))).toBe(
        'IDEMPOTENCY_KEY_REUSED',
      );
    });

    it('passes the wallet refusal back with its code and records the intent failed', async () => {
      const payer = randomUUID();
      wallet.fund(payer, 1_000);
      const request = intentRequest({ method: 'wallet', payer_id: payer });

      expect(await codeOf(call(PAYMENT_SUBJECTS.createIntent, request))).toBe('WALLET_INSUFFICIENT_FUNDS');
      // A retry of the same creation answers the same refusal and asks the wallet nothing more.
      expect(await codeOf(call(PAYMENT_SUBJECTS.createIntent, request))).toBe('WALLET_INSUFFICIENT_FUNDS');

      const [row] = await db.query<{ id: string; status: string }[]>(
        'SELECT id, status FROM intents WHERE idempotency_key = $1',
        [request.idempotency_key],
      );
      expect(row?.status).toBe('failed');
      await waitFor(() => events.of(row?.id ?? '', PAYMENT_EVENTS.intentFailed).length === 1);
      expect(wallet.balanceOf(payer)).toBe(1_000);
    });

    it('holds for a ride, then captures the final fare for the driver known at capture', async () => {
      const payer = randomUUID();
      const driver = randomUUID();
      wallet.fund(payer, 5_000);
      const intent = await create({
        method: 'wallet',
        purpose: 'ride',
        payer_id: payer,
        capture: 'manual',
        amount: 3_000,
      });
      expect(intent.status).toBe('processing');
      expect(wallet.balanceOf(payer)).toBe(2_000);

      const captured = await call<PaymentIntentView>(PAYMENT_SUBJECTS.captureIntent, {
        intent_id: intent.id,
        amount: 2_500,
        payee: { type: 'driver', id: driver },
        commission_amount: 375,
      });

      expect(captured).toMatchObject({ status: 'succeeded', captured_amount: 2_500 });
      expect(wallet.balanceOf(payer)).toBe(2_500);
      expect(wallet.ops(WALLET_SUBJECTS.capture).at(-1)?.data).toMatchObject({
        amount: 2_500,
        payee: { type: 'driver', id: driver },
        commission_amount: 375,
      });
      // A second capture is a harmless retry; a cancel after it is refused.
      expect(
        (await call<PaymentIntentView>(PAYMENT_SUBJECTS.captureIntent, { intent_id: intent.id })).status,
      ).toBe('succeeded');
      expect(await codeOf(call(PAYMENT_SUBJECTS.cancelIntent, { intent_id: intent.id }))).toBe(
        'PAYMENT_INVALID_TRANSITION',
      );
    });

    it('releases the hold of a cancelled ride', async () => {
      const payer = randomUUID();
      wallet.fund(payer, 5_000);
      const intent = await create({
        method: 'wallet',
        purpose: 'ride',
        payer_id: payer,
        capture: 'manual',
        amount: 3_000,
      });

      const cancelled = await call<PaymentIntentView>(PAYMENT_SUBJECTS.cancelIntent, {
        intent_id: intent.id,
        reason: 'ride cancelled by the customer',
      });

      expect(cancelled.status).toBe('cancelled');
      expect(wallet.balanceOf(payer)).toBe(5_000);
      await waitFor(() => events.of(intent.id, PAYMENT_EVENTS.intentCancelled).length === 1);
    });

    it('refunds to the wallet, in part then the rest', async () => {
      const payer = randomUUID();
      wallet.fund(payer, 10_000);
      const intent = await create({ method: 'wallet', payer_id: payer });

      const partial = await call<PaymentIntentView>(PAYMENT_SUBJECTS.refund, {
        intent_id: intent.id,
        idempotency_key: `refund-${randomUUID()}`,
        amount: 4_000,
        reason: 'one item out of stock',
      });
      const rest = await call<PaymentIntentView>(PAYMENT_SUBJECTS.refund, {
        intent_id: intent.id,
        idempotency_key: `refund-${randomUUID()}`,
        reason: 'order cancelled',
      });

      expect(partial).toMatchObject({ status: 'partially_refunded', refunded_amount: 4_000 });
      expect(rest).toMatchObject({ status: 'refunded', refunded_amount: 10_000 });
      expect(wallet.balanceOf(payer)).toBe(10_000);
    });
  });

  describe('cash on delivery', () => {
    it('waits for the cash, then succeeds and books the commission the payee owes', async () => {
      const store = randomUUID();
      const intent = await create({
        method: 'cash_on_delivery',
        payer_phone: undefined,
        payee: { type: 'store', id: store },
        commission_amount: 500,
      });
      expect(intent.status).toBe('pending');

      const paid = await call<PaymentIntentView>(PAYMENT_SUBJECTS.recordCash, {
        intent_id: intent.id,
        amount: 10_000,
      });

      expect(paid).toMatchObject({ status: 'succeeded', captured_amount: 10_000 });
      expect(wallet.ops(WALLET_SUBJECTS.bookCashCommission).at(-1)?.data).toMatchObject({
        amount: 500,
        payee: { type: 'store', id: store },
        related_service_id: intent.id,
      });
      expect(await codeOf(create({ method: 'cash_on_delivery', purpose: 'wallet_recharge' }))).toBe(
        'PAYMENT_METHOD_UNSUPPORTED',
      );
    });
  });

  describe('provider method through the sandbox', () => {
    it('succeeds once when the same signed callback arrives five times at once', async () => {
      const intent = await create();
      expect(intent).toMatchObject({
        status: 'processing',
        provider: 'sandbox',
        next_action: { type: 'confirm_on_phone', phone: '+22890112233' },
      });
      const callback = await answer(intent.id, 'approve');

      const receipts = await Promise.all(Array.from({ length: 5 }, () => deliver(callback)));

      expect(receipts.filter((receipt) => receipt.outcome === 'applied')).toHaveLength(1);
      expect(receipts.filter((receipt) => receipt.outcome === 'already_settled')).toHaveLength(4);
      expect(await get(intent.id)).toMatchObject({ status: 'succeeded', captured_amount: 10_000 });
      expect(await outboxCount(intent.id, PAYMENT_EVENTS.intentSucceeded)).toBe(1);
      await waitFor(() => events.of(intent.id, PAYMENT_EVENTS.intentSucceeded).length === 1);
      const [stored] = await db.query<{ count: string }[]>(
        'SELECT count(*) FROM webhooks WHERE intent_id = $1',
        [intent.id],
      );
      expect(Number(stored?.count)).toBe(5);
      const transitions = await db.query<{ from_status: string | null; to_status: string }[]>(
        'SELECT from_status, to_status FROM intent_transitions WHERE intent_id = $1 ORDER BY id',
        [intent.id],
      );
      expect(transitions).toEqual([
        { from_status: null, to_status: 'pending' },
        { from_status: 'pending', to_status: 'processing' },
        { from_status: 'processing', to_status: 'succeeded' },
      ]);
    });

    it('fails a declined payment and publishes the failure with its reason', async () => {
      const intent = await create();
      await deliver(await answer(intent.id, 'decline'));

      expect(await get(intent.id)).toMatchObject({ status: 'failed', failure_reason: 'payer_declined' });
      const event = await waitFor(() => events.of(intent.id, PAYMENT_EVENTS.intentFailed)[0]);
      expect(event.data.reason).toBe('payer_declined');
    });

    it('refuses forged, altered and stale callbacks without changing or storing anything', async () => {
      const intent = await create();
      const callback = await answer(intent.id, 'decline');
      const approved = callback.rawBody.replace('payment.declined', 'payment.approved');

      expect(await codeOf(deliver({ ...callback, rawBody: approved }))).toBe('PAYMENT_SIGNATURE_INVALID');
      expect(
        await codeOf(
          deliver({
            rawBody: approved,
            headers: {
              'x-sandbox-signature': signatureHeader(
                'guess-0123456789abcd',
                approved,
                Math.floor(Date.now() / 1000),
              ),
            },
          }),
        ),
      ).toBe('PAYMENT_SIGNATURE_INVALID');
      expect(await codeOf(deliver(signed(approved, Math.floor(Date.now() / 1000) - 3600)))).toBe(
        'PAYMENT_SIGNATURE_INVALID',
      );
      expect(await codeOf(deliver({ rawBody: approved, headers: {} }))).toBe('PAYMENT_SIGNATURE_INVALID');
      expect(
        await codeOf(
          call(PAYMENT_SUBJECTS.receiveWebhook, { provider: 'nope', raw_body: '{}', headers: {} }),
        ),
      ).toBe('PAYMENT_PROVIDER_UNKNOWN');

      expect((await get(intent.id)).status).toBe('processing');
      const [stored] = await db.query<{ count: string }[]>(
        'SELECT count(*) FROM webhooks WHERE intent_id = $1',
        [intent.id],
      );
      expect(Number(stored?.count)).toBe(0);
    });

    it('acknowledges a genuine callback for an unknown or already settled intent harmlessly', async () => {
      const unknown = JSON.stringify({
        id: 'evt_unknown',
        type: 'payment.approved',
        created: 0,
        data: {
          reference: 'sbx_nobody',
          intent_id: randomUUID(),
          amount: 100,
          currency: 'XOF',
          reason: null,
        },
      });
      expect(await deliver(signed(unknown))).toEqual({ received: true, outcome: 'unknown_intent' });

      const intent = await create();
      const declined = await answer(intent.id, 'decline');
      await deliver(declined);
      const lateApproval = declined.rawBody.replace('payment.declined', 'payment.approved');
      expect(await deliver(signed(lateApproval))).toEqual({ received: true, outcome: 'already_settled' });
      expect((await get(intent.id)).status).toBe('failed');
    });

    it('refunds in part, never past what was captured under concurrent refunds, then refuses', async () => {
      const intent = await create();
      await deliver(await answer(intent.id, 'approve'));
      const refund = (amount?: number): Promise<PaymentIntentView> =>
        call(PAYMENT_SUBJECTS.refund, {
          intent_id: intent.id,
          idempotency_key: `refund-${randomUUID()}`,
          amount,
          reason: 'goodwill',
        });

      expect(await refund(4_000)).toMatchObject({ status: 'partially_refunded', refunded_amount: 4_000 });
      const racing = await Promise.all(Array.from({ length: 5 }, () => codeOf(refund(2_500))));

      expect(racing.filter((code) => code === 'OK')).toHaveLength(2);
      expect(racing.filter((code) => code === 'PAYMENT_REFUND_EXCEEDS_CAPTURED')).toHaveLength(3);
      expect(await refund()).toMatchObject({ status: 'refunded', refunded_amount: 10_000 });
      expect(await codeOf(refund())).toBe('PAYMENT_NOT_REFUNDABLE');
      await waitFor(() => events.of(intent.id, PAYMENT_EVENTS.intentRefunded).length === 4);
      const [sandbox] = await db.query<{ refunded_amount: string }[]>(
        'SELECT refunded_amount FROM sandbox_payments WHERE intent_id = $1',
        [intent.id],
      );
      expect(Number(sandbox?.refunded_amount)).toBe(10_000);
    });

    it('refuses to refund a wallet recharge to the provider: the money is in the wallet', async () => {
      const intent = await create({ purpose: 'wallet_recharge' });
      await deliver(await answer(intent.id, 'approve'));

      expect(
        await codeOf(
          call(PAYMENT_SUBJECTS.refund, {
            intent_id: intent.id,
            idempotency_key: `refund-${randomUUID()}`,
            reason: 'changed my mind',
          }),
        ),
      ).toBe('PAYMENT_NOT_REFUNDABLE');
      expect((await get(intent.id)).status).toBe('succeeded');
    });

    it('answers a refund retried with the same key once', async () => {
      const intent = await create();
      await deliver(await answer(intent.id, 'approve'));
      const request = {
        intent_id: intent.id,
        idempotency_key: `refund-${randomUUID()}`,
        amount: 3_000,
        reason: 'late',
      };

      await call(PAYMENT_SUBJECTS.refund, request);
      const again = await call<PaymentIntentView>(PAYMENT_SUBJECTS.refund, request);

      expect(again).toMatchObject({ status: 'partially_refunded', refunded_amount: 3_000 });
      expect(await codeOf(call(PAYMENT_SUBJECTS.refund, { ...request, amount: 2_000 }))).toBe(
        'IDEMPOTENCY_KEY_REUSED',
      );
    });

    it('shows a payment to its payer and an admin only', async () => {
      const intent = await create();
      const payer: Caller = { user_id: intent.payer_id, roles: ['client'] };
      const stranger: Caller = { user_id: randomUUID(), roles: ['client'] };

      expect(
        (await call<PaymentIntentView>(PAYMENT_SUBJECTS.getIntent, { intent_id: intent.id }, payer)).id,
      ).toBe(intent.id);
      expect(await codeOf(call(PAYMENT_SUBJECTS.getIntent, { intent_id: intent.id }, stranger))).toBe(
        'PAYMENT_NOT_FOUND',
      );
      expect(await codeOf(call(PAYMENT_SUBJECTS.getIntent, { intent_id: intent.id }))).toBe(
        'UNAUTHENTICATED',
      );
      expect(
        await codeOf(
          call(
            PAYMENT_SUBJECTS.adminRefund,
            { intent_id: intent.id, idempotency_key: 'k-12345678', reason: 'x' },
            payer,
          ),
        ),
      ).toBe('FORBIDDEN');
    });
  });

  describe('reconciliation', () => {
    it('settles a payment whose callback never came by asking the provider', async () => {
      const intent = await create({ payer_phone: SILENT_PHONE });
      await call(PAYMENT_SUBJECTS.sandboxAnswer, { intent_id: intent.id, answer: 'approve' });
      expect((await get(intent.id)).status).toBe('processing');

      const report = await call<PaymentReconciliationReport>(PAYMENT_SUBJECTS.reconcile, {});

      expect(report.succeeded).toBeGreaterThanOrEqual(1);
      expect((await get(intent.id)).status).toBe('succeeded');
      await waitFor(() => events.of(intent.id, PAYMENT_EVENTS.intentSucceeded).length === 1);
      expect(catcher.for(intent.id)).toBeUndefined();
    });

    it('cancels expired payments and releases an expired hold', async () => {
      const payer = randomUUID();
      wallet.fund(payer, 2_000);
      const unanswered = await create();
      const hold = await create({
        method: 'wallet',
        purpose: 'ride',
        payer_id: payer,
        capture: 'manual',
        amount: 2_000,
      });
      expect(wallet.balanceOf(payer)).toBe(0);
      await db.query("UPDATE intents SET expires_at = now() - interval '1 second' WHERE id IN ($1, $2)", [
        unanswered.id,
        hold.id,
      ]);

      await call<PaymentReconciliationReport>(PAYMENT_SUBJECTS.reconcile, {});

      expect((await get(unanswered.id)).status).toBe('cancelled');
      expect((await get(hold.id)).status).toBe('cancelled');
      expect(wallet.balanceOf(payer)).toBe(2_000);
      // The push was withdrawn: the payer answering after the expiry is refused and nothing changes.
      expect(
        await codeOf(call(PAYMENT_SUBJECTS.sandboxAnswer, { intent_id: unanswered.id, answer: 'approve' })),
      ).toBe('PAYMENT_INVALID_TRANSITION');
      expect((await get(unanswered.id)).status).toBe('cancelled');
    });

    it('makes a cancelled intent succeed when the provider was paid before the cancel reached it', async () => {
      const intent = await create({ payer_phone: SILENT_PHONE });
      await call(PAYMENT_SUBJECTS.sandboxAnswer, { intent_id: intent.id, answer: 'approve' });

      expect(
        await codeOf(
          call(PAYMENT_SUBJECTS.cancelIntent, { intent_id: intent.id, reason: 'order cancelled' }),
        ),
      ).toBe('PAYMENT_INVALID_TRANSITION');

      expect((await get(intent.id)).status).toBe('succeeded');
      await waitFor(() => events.of(intent.id, PAYMENT_EVENTS.intentSucceeded).length === 1);
      expect(events.of(intent.id, PAYMENT_EVENTS.intentCancelled)).toHaveLength(0);
    });
  });

  describe('RGPD', () => {
    it('exports the payer’s payments and anonymises them when auth erases the account', async () => {
      const payer = randomUUID();
      const intent = await create({ payer_id: payer, payer_phone: '+22890445566' });
      await deliver(await answer(intent.id, 'approve'));

      const exported = await call<PrivacyExportReply>(privacyExportSubject('payment'), { user_id: payer });
      expect(exported.data['payments']).toEqual([
        expect.objectContaining({ id: intent.id, status: 'succeeded', payer_phone: '+22890445566' }),
      ]);

      await bus.publishEvent(eventEnvelope(AUTH_EVENTS.userErased, { user_id: payer }));

      await waitFor(
        async () => {
          const [row] = await db.query<{ payer_phone: string | null }[]>(
            'SELECT payer_phone FROM intents WHERE id = $1',
            [intent.id],
          );

          return row?.payer_phone === null;
        },
        { what: 'the payer to be anonymised' },
      );
      const [webhook] = await db.query<{ raw_body: string | null }[]>(
        'SELECT raw_body FROM webhooks WHERE intent_id = $1',
        [intent.id],
      );
      expect(webhook?.raw_body).toBeNull();
      expect((await get(intent.id)).amount).toBe(10_000);
    });
  });
});
