import { Inject, Injectable } from '@nestjs/common';
import type { ProviderMethod } from '@ecom/contracts';
import { DomainError, LOGGER, type Logger } from '@ecom/platform';

import { PaymentConfig } from '../config';
import type {
  Initiated,
  InitiateRequest,
  PaymentProvider,
  ProviderStatus,
  RefundRequest,
  WebhookNotice,
} from './payment-provider';
import { callProvider, field, stringField, type ProviderAnswer } from './provider-http';
import { verifySignatureHeader } from './webhook-signature';

/** FedaPay's payment modes for Togo's two mobile money networks: YAS (ex-Togocel) and Moov Flooz. */
const MODES: Partial<Record<ProviderMethod, string>> = { yas: 'togocel', flooz: 'moov_tg' };

/** Dialling codes of the countries FedaPay serves, to split an E.164 phone into FedaPay's fields. */
const COUNTRIES: readonly (readonly [string, string])[] = [
  ['+228', 'tg'],
  ['+229', 'bj'],
  ['+225', 'ci'],
  ['+221', 'sn'],
  ['+223', 'ml'],
  ['+226', 'bf'],
  ['+227', 'ne'],
  ['+224', 'gn'],
];

const STATUSES: Readonly<Record<string, ProviderStatus>> = {
  approved: 'succeeded',
  transferred: 'succeeded',
  declined: 'failed',
  canceled: 'failed',
};

/**
 * YAS and Moov Flooz through FedaPay (https://docs.fedapay.com), the aggregator serving Togo. A payment
 * is a transaction (`POST /v1/transactions`, `merchant_reference` = our intent id, so a retry finds the
 * first one instead of asking the payer twice), a token, then a "send now" push to the payer's phone
 * (`POST /v1/{mode}`). Callbacks are signed `X-FEDAPAY-SIGNATURE: t=…,s=…` (HMAC-SHA256 of `t.body`).
 * Mobile money has no card-style refund: money goes back to the payer's phone as a payout.
 */
@Injectable()
export class FedaPayProvider implements PaymentProvider {
  readonly name = 'fedapay';

  constructor(
    private readonly config: PaymentConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async initiate(request: InitiateRequest): Promise<Initiated> {
    const mode = MODES[request.method];
    if (!mode || !request.phone) throw new DomainError('PAYMENT_METHOD_UNSUPPORTED');
    const transaction = (await this.existing(request.intentId)) ?? (await this.create(request));
    const id = stringField(transaction, 'id');
    if (!id) throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', 'FedaPay answered no transaction');
    if (stringField(transaction, 'status') === 'pending') {
      const token = stringField(await this.call('POST', `/v1/transactions/${id}/token`), 'token');
      if (!token) throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', 'FedaPay answered no token');
      await this.call('POST', `/v1/${mode}`, { token });
    }

    return { providerReference: id, nextAction: { type: 'confirm_on_phone', phone: request.phone } };
  }

  verifyWebhook(rawBody: string, headers: Record<string, string>): WebhookNotice {
    verifySignatureHeader(headers['x-fedapay-signature'], rawBody, {
      secret: this.config.FEDAPAY_WEBHOOK_SECRET ?? '',
      toleranceSeconds: this.config.WEBHOOK_TOLERANCE_SECONDS,
      scheme: 's',
    });
    const event = JSON.parse(rawBody) as unknown;
    const entity = field(event, 'entity');
    const base = {
      eventId: stringField(event, 'id') ?? null,
      providerReference: stringField(entity, 'id') ?? '',
    };
    const amount = field(entity, 'amount');
    switch (stringField(event, 'name') ?? '') {
      case 'transaction.approved':
      case 'transaction.transferred':
        return {
          ...base,
          outcome: 'succeeded',
          amount: typeof amount === 'number' ? amount : null,
          reason: null,
        };
      case 'transaction.declined':
      case 'transaction.canceled':
        return {
          ...base,
          outcome: 'failed',
          amount: null,
          reason: stringField(entity, 'last_error_code') ?? stringField(event, 'name') ?? 'declined',
        };
      default:
        return { ...base, outcome: 'ignored', amount: null, reason: null };
    }
  }

  async queryStatus(providerReference: string): Promise<ProviderStatus> {
    const body = await this.call('GET', `/v1/transactions/${encodeURIComponent(providerReference)}`);

    return STATUSES[stringField(body, 'v1/transaction.status') ?? ''] ?? 'processing';
  }

  /** A payout of `amount` to the payer's phone, started at once. */
  async refund(request: RefundRequest): Promise<string> {
    const mode = MODES[request.method];
    if (!mode || !request.phone) {
      throw new DomainError('PAYMENT_NOT_REFUNDABLE', 'No phone to send the money back to');
    }
    const created = await this.call('POST', '/v1/payouts', {
      amount: request.amount,
      currency: { iso: request.currency },
      mode,
      merchant_reference: request.idempotencyKey,
      customer: { phone_number: phoneOf(request.phone) },
    });
    const id = stringField(created, 'v1/payout.id');
    if (!id) throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', 'FedaPay answered no payout');
    await this.call('PUT', '/v1/payouts/start', { payouts: [{ id: Number(id) }] });

    return `payout_${id}`;
  }

  /** The transaction of an earlier try of this intent, if FedaPay has one. */
  private async existing(intentId: string): Promise<unknown> {
    try {
      return field(await this.call('GET', `/v1/transactions/merchant/${intentId}`), 'v1/transaction');
    } catch (error) {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  }

  private async create(request: InitiateRequest): Promise<unknown> {
    const body = await this.call('POST', '/v1/transactions', {
      description: request.description,
      amount: request.amount,
      currency: { iso: request.currency },
      merchant_reference: request.intentId,
      callback_url: this.config.FEDAPAY_CALLBACK_URL,
      customer: { phone_number: phoneOf(request.phone ?? '') },
    });

    return field(body, 'v1/transaction');
  }

  private async call(method: 'GET' | 'POST' | 'PUT', path: string, json?: unknown): Promise<unknown> {
    const answer = await callProvider(
      `${this.config.FEDAPAY_API_BASE_URL}${path}`,
      {
        method,
        headers: {
          authorization: `Bearer ${this.config.FEDAPAY_SECRET_KEY ?? ''}`,
          accept: 'application/json',
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: json === undefined ? undefined : JSON.stringify(json),
      },
      this.config.PROVIDER_TIMEOUT_MS,
    );
    if (answer.status >= 200 && answer.status < 300) return answer.body;
    throw this.errorOf(answer);
  }

  /** FedaPay answers `{ message, errors? }`: 404 is "no such object", other 4xx a refusal, 5xx unavailable. */
  private errorOf(answer: ProviderAnswer): DomainError {
    const message = stringField(answer.body, 'message') ?? `FedaPay answered ${answer.status}`;
    if (answer.status === 404) return new DomainError('NOT_FOUND', message);
    if (answer.status >= 400 && answer.status < 500 && answer.status !== 401 && answer.status !== 429) {
      return new DomainError('PAYMENT_DECLINED', message);
    }
    this.logger.error('FedaPay unavailable', { status: answer.status });

    return new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', message);
  }
}

/** FedaPay's `phone_number`: the national number and the country, from an E.164 phone. */
export function phoneOf(phone: string): { number: string; country: string } {
  const match = COUNTRIES.find(([prefix]) => phone.startsWith(prefix));

  return match
    ? { number: phone.slice(match[0].length), country: match[1] }
    : { number: phone, country: 'tg' };
}
