import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { DomainError, loadConfig } from '@ecom/platform';
import winston from 'winston';

import { PaymentConfig } from '../config';
import { FedaPayProvider, phoneOf } from './fedapay.provider';
import type { InitiateRequest, PaymentProvider } from './payment-provider';
import { StripeProvider } from './stripe.provider';
import { signatureHeader } from './webhook-signature';

interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Route = (request: Recorded) => { status: number; body: unknown } | 'hang';

/** A local stand-in for a provider's API: records every request and answers through `route`. */
class FakeProviderApi {
  readonly requests: Recorded[] = [];
  route: Route = () => ({ status: 404, body: { message: 'not found' } });
  private readonly hanging = new Set<ServerResponse>();
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const recorded: Recorded = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.requests.push(recorded);
      const answer = this.route(recorded);
      if (answer === 'hang') {
        this.hanging.add(response);

        return;
      }
      response
        .writeHead(answer.status, { 'content-type': 'application/json' })
        .end(JSON.stringify(answer.body));
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));

    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
  }
}

const logger = winston.createLogger({ silent: true });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;

    return 'OK';
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

function syncCodeOf(run: () => unknown): string {
  try {
    run();

    return 'OK';
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

const now = (): number => Math.floor(Date.now() / 1000);

describe('Stripe PaymentIntents adapter against a fake Stripe', () => {
  const api = new FakeProviderApi();
  let stripe: PaymentProvider;
  const request: InitiateRequest = {
    intentId: '6f1c2d8e-0b1a-4c5d-8e9f-0a1b2c3d4e5f',
    method: 'visa',
    amount: 15_000,
    currency: 'XOF',
    phone: null,
    description: 'CMD-2026-0007',
    idempotencyKey: 'payment:6f1c:initiate',
  };

  beforeAll(async () => {
    const config = loadConfig(PaymentConfig, {
      PAYMENT_PROVIDER_VISA: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_123',
      STRIPE_WEBHOOK_SECRET: 'whsec_test_456',
      STRIPE_API_BASE_URL: await api.start(),
      PROVIDER_TIMEOUT_MS: '1500',
    });
    stripe = new StripeProvider(config, logger);
  });

  afterAll(() => api.stop());

  beforeEach(() => {
    api.requests.length = 0;
  });

  it('creates a PaymentIntent form-encoded, keyed, in zero-decimal XOF, and answers the client secret', async () => {
    api.route = () => ({
      status: 200,
      body: {
        id: 'pi_123',
        object: 'payment_intent',
        status: 'requires_payment_method',
        client_secret: 'pi_123_secret_abc',
      },
    });

    const initiated = await stripe.initiate(request);

    expect(initiated).toEqual({
      providerReference: 'pi_123',
      nextAction: { type: 'confirm_card', client_secret: 'pi_123_secret_abc' },
    });
    const [sent] = api.requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.path).toBe('/v1/payment_intents');
    expect(sent?.headers['authorization']).toBe('Bearer sk_test_123');
    expect(sent?.headers['idempotency-key']).toBe('payment:6f1c:initiate');
    expect(sent?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(sent?.body);
    expect(form.get('amount')).toBe('15000');
    expect(form.get('currency')).toBe('xof');
    expect(form.get('metadata[intent_id]')).toBe(request.intentId);
  });

  it('maps Stripe errors: a card error is declined, 5xx, 429, bad key and silence are unavailability', async () => {
    api.route = () => ({
      status: 402,
      body: { error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds' } },
    });
    expect(await codeOf(stripe.initiate(request))).toBe('PAYMENT_DECLINED');
    api.route = () => ({ status: 500, body: { error: { type: 'api_error', message: 'boom' } } });
    expect(await codeOf(stripe.initiate(request))).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
    api.route = () => ({
      status: 429,
      body: { error: { type: 'invalid_request_error', code: 'rate_limit' } },
    });
    expect(await codeOf(stripe.initiate(request))).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
    api.route = () => ({
      status: 401,
      body: { error: { type: 'invalid_request_error', message: 'Invalid API Key' } },
    });
    expect(await codeOf(stripe.initiate(request))).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
    api.route = () => ({ status: 409, body: { error: { type: 'idempotency_error' } } });
    expect(await codeOf(stripe.initiate(request))).toBe('CONFLICT');
    api.route = () => 'hang';
    expect(await codeOf(stripe.initiate(request))).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
  });

  it('reads the PaymentIntent status: succeeded, canceled, or still waiting', async () => {
    for (const [status, expected] of [
      ['succeeded', 'succeeded'],
      ['canceled', 'failed'],
      ['requires_action', 'processing'],
      ['processing', 'processing'],
    ] as const) {
      api.route = () => ({ status: 200, body: { id: 'pi_123', status } });
      expect(await stripe.queryStatus('pi_123')).toBe(expected);
    }
    expect(api.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/payment_intents/pi_123' });
  });

  it('refunds part of a PaymentIntent with the refund’s own key', async () => {
    api.route = () => ({ status: 200, body: { id: 're_1', status: 'succeeded' } });

    const id = await stripe.refund({
      method: 'visa',
      providerReference: 'pi_123',
      amount: 5_000,
      currency: 'XOF',
      phone: null,
      reason: 'Article manquant',
      idempotencyKey: 'payment:6f1c:refund:r1',
    });

    expect(id).toBe('re_1');
    const form = new URLSearchParams(api.requests[0]?.body);
    expect(form.get('payment_intent')).toBe('pi_123');
    expect(form.get('amount')).toBe('5000');
    expect(api.requests[0]?.headers['idempotency-key']).toBe('payment:6f1c:refund:r1');
  });

  it('verifies Stripe-Signature and reads the outcome of the event', () => {
    const succeeded = JSON.stringify({
      id: 'evt_1',
      type: 'payment_intent.succeeded',
      data: { object: { id: 'pi_123', amount_received: 15_000 } },
    });
    const notice = stripe.verifyWebhook(succeeded, {
      'stripe-signature': signatureHeader('whsec_test_456', succeeded, now()),
    });
    expect(notice).toEqual({
      eventId: 'evt_1',
      providerReference: 'pi_123',
      outcome: 'succeeded',
      amount: 15_000,
      reason: null,
    });

    const failed = JSON.stringify({
      id: 'evt_2',
      type: 'payment_intent.payment_failed',
      data: { object: { id: 'pi_123' } },
    });
    expect(
      stripe.verifyWebhook(failed, { 'stripe-signature': signatureHeader('whsec_test_456', failed, now()) })
        .outcome,
    ).toBe('ignored');
    expect(
      syncCodeOf(() =>
        stripe.verifyWebhook(succeeded, {
          'stripe-signature': signatureHeader('whsec_other', succeeded, now()),
        }),
      ),
    ).toBe('PAYMENT_SIGNATURE_INVALID');
  });
});

describe('FedaPay adapter against a fake FedaPay', () => {
  const api = new FakeProviderApi();
  let fedapay: PaymentProvider;
  const request: InitiateRequest = {
    intentId: '0d9e8f7a-6b5c-4d3e-9f1a-2b3c4d5e6f70',
    method: 'yas',
    amount: 10_000,
    currency: 'XOF',
    phone: '+22890112233',
    description: 'Recharge Ecom',
    idempotencyKey: 'payment:0d9e:initiate',
  };

  beforeAll(async () => {
    const config = loadConfig(PaymentConfig, {
      PAYMENT_PROVIDER_YAS: 'fedapay',
      FEDAPAY_SECRET_KEY: 'sk_sandbox_789',
      FEDAPAY_WEBHOOK_SECRET: 'wh_sandbox_abc',
      FEDAPAY_API_BASE_URL: await api.start(),
      PROVIDER_TIMEOUT_MS: '1500',
    });
    fedapay = new FedaPayProvider(config, logger);
  });

  afterAll(() => api.stop());

  beforeEach(() => {
    api.requests.length = 0;
  });

  it('creates a transaction, takes its token and pushes the request to the YAS phone', async () => {
    api.route = (sent) => {
      if (sent.method === 'GET') return { status: 404, body: { message: 'Transaction not found' } };
      if (sent.path === '/v1/transactions') {
        return {
          status: 200,
          body: { 'v1/transaction': { id: 4242, reference: 'trx_x', status: 'pending' } },
        };
      }
      if (sent.path === '/v1/transactions/4242/token')
        return { status: 200, body: { token: 'tok_1', url: 'https://x' } };

      return { status: 200, body: { message: 'ok' } };
    };

    const initiated = await fedapay.initiate(request);

    expect(initiated).toEqual({
      providerReference: '4242',
      nextAction: { type: 'confirm_on_phone', phone: '+22890112233' },
    });
    expect(api.requests.map((sent) => `${sent.method} ${sent.path}`)).toEqual([
      `GET /v1/transactions/merchant/${request.intentId}`,
      'POST /v1/transactions',
      'POST /v1/transactions/4242/token',
      'POST /v1/togocel',
    ]);
    expect(JSON.parse(api.requests[1]?.body ?? '{}')).toMatchObject({
      amount: 10_000,
      currency: { iso: 'XOF' },
      merchant_reference: request.intentId,
      customer: { phone_number: { number: '90112233', country: 'tg' } },
    });
    expect(JSON.parse(api.requests[3]?.body ?? '{}')).toEqual({ token: 'tok_1' });
    expect(api.requests[1]?.headers['authorization']).toBe('Bearer sk_sandbox_789');
  });

  it('finds the transaction of an earlier try instead of asking the payer twice', async () => {
    api.route = () => ({ status: 200, body: { 'v1/transaction': { id: 4242, status: 'approved' } } });

    expect((await fedapay.initiate(request)).providerReference).toBe('4242');
    expect(api.requests).toHaveLength(1);
  });

  it('maps FedaPay answers: 4xx declined, 5xx and silence unavailable; statuses to outcomes', async () => {
    api.route = (sent) =>
      sent.method === 'GET' ? { status: 404, body: {} } : { status: 422, body: { message: 'Invalid phone' } };
    expect(await codeOf(fedapay.initiate(request))).toBe('PAYMENT_DECLINED');
    api.route = () => ({ status: 503, body: { message: 'maintenance' } });
    expect(await codeOf(fedapay.initiate(request))).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
    api.route = () => 'hang';
    expect(await codeOf(fedapay.queryStatus('4242'))).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
    for (const [status, expected] of [
      ['approved', 'succeeded'],
      ['declined', 'failed'],
      ['canceled', 'failed'],
      ['pending', 'processing'],
    ] as const) {
      api.route = () => ({ status: 200, body: { 'v1/transaction': { id: 4242, status } } });
      expect(await fedapay.queryStatus('4242')).toBe(expected);
    }
  });

  it('gives money back as a payout to the payer’s phone, started at once', async () => {
    api.route = (sent) =>
      sent.path === '/v1/payouts'
        ? { status: 200, body: { 'v1/payout': { id: 77, status: 'pending' } } }
        : { status: 200, body: {} };

    const id = await fedapay.refund({
      method: 'flooz',
      providerReference: '4242',
      amount: 3_000,
      currency: 'XOF',
      phone: '+22899887766',
      reason: 'Commande annulée',
      idempotencyKey: 'payment:0d9e:refund:r1',
    });

    expect(id).toBe('payout_77');
    expect(JSON.parse(api.requests[0]?.body ?? '{}')).toMatchObject({
      amount: 3_000,
      mode: 'moov_tg',
      customer: { phone_number: { number: '99887766', country: 'tg' } },
    });
    expect(api.requests[1]).toMatchObject({ method: 'PUT', path: '/v1/payouts/start' });
    expect(JSON.parse(api.requests[1]?.body ?? '{}')).toEqual({ payouts: [{ id: 77 }] });
  });

  it('verifies X-FEDAPAY-SIGNATURE (t=…,s=…) and reads the transaction event', () => {
    const body = JSON.stringify({
      id: 991,
      name: 'transaction.approved',
      entity: { id: 4242, amount: 10_000, status: 'approved' },
    });
    const notice = fedapay.verifyWebhook(body, {
      'x-fedapay-signature': signatureHeader('wh_sandbox_abc', body, now(), 's'),
    });
    expect(notice).toEqual({
      eventId: '991',
      providerReference: '4242',
      outcome: 'succeeded',
      amount: 10_000,
      reason: null,
    });
    expect(
      syncCodeOf(() =>
        fedapay.verifyWebhook(body, {
          'x-fedapay-signature': signatureHeader('wh_sandbox_abc', body, now()),
        }),
      ),
    ).toBe('PAYMENT_SIGNATURE_INVALID');
    expect(phoneOf('+22997001122')).toEqual({ number: '97001122', country: 'bj' });
  });
});
