import { Inject, Injectable } from '@nestjs/common';
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

/** PaymentIntent statuses that are final; every other one still waits on the payer or the bank. */
const FINAL_STATUSES: Readonly<Record<string, ProviderStatus>> = {
  succeeded: 'succeeded',
  canceled: 'failed',
};

/**
 * Cards through Stripe PaymentIntents (https://docs.stripe.com/api/payment_intents). Requests are
 * form-encoded with the secret key as bearer and an `Idempotency-Key`, so a retried creation or refund
 * is applied once by Stripe. XOF is one of Stripe's zero-decimal currencies: amounts go as they are. The
 * app confirms the card with the client secret (3-D Secure included); the outcome arrives as a webhook
 * signed with `Stripe-Signature: t=…,v1=…`.
 */
@Injectable()
export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe';

  constructor(
    private readonly config: PaymentConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async initiate(request: InitiateRequest): Promise<Initiated> {
    const body = await this.call('POST', '/v1/payment_intents', request.idempotencyKey, {
      amount: String(request.amount),
      currency: request.currency.toLowerCase(),
      description: request.description,
      'automatic_payment_methods[enabled]': 'true',
      'metadata[intent_id]': request.intentId,
    });
    const id = stringField(body, 'id');
    const secret = stringField(body, 'client_secret');
    if (!id || !secret)
      throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', 'Stripe answered no PaymentIntent');

    return { providerReference: id, nextAction: { type: 'confirm_card', client_secret: secret } };
  }

  verifyWebhook(rawBody: string, headers: Record<string, string>): WebhookNotice {
    verifySignatureHeader(headers['stripe-signature'], rawBody, {
      secret: this.config.STRIPE_WEBHOOK_SECRET ?? '',
      toleranceSeconds: this.config.WEBHOOK_TOLERANCE_SECONDS,
    });
    const event = JSON.parse(rawBody) as unknown;
    const type = stringField(event, 'type') ?? '';
    const object = field(event, 'data.object');
    const reference = stringField(object, 'id') ?? '';
    const base = { eventId: stringField(event, 'id') ?? null, providerReference: reference };
    switch (type) {
      case 'payment_intent.succeeded':
        return {
          ...base,
          outcome: 'succeeded',
          amount: numberOf(field(object, 'amount_received')),
          reason: null,
        };
      case 'payment_intent.canceled':
        return {
          ...base,
          outcome: 'failed',
          amount: null,
          reason: stringField(object, 'cancellation_reason') ?? 'canceled',
        };
      default:
        // `payment_failed` included: the payer may still confirm another card on the same PaymentIntent.
        return { ...base, outcome: 'ignored', amount: null, reason: null };
    }
  }

  async queryStatus(providerReference: string): Promise<ProviderStatus> {
    const body = await this.call('GET', `/v1/payment_intents/${encodeURIComponent(providerReference)}`);

    return FINAL_STATUSES[stringField(body, 'status') ?? ''] ?? 'processing';
  }

  async refund(request: RefundRequest): Promise<string> {
    const body = await this.call('POST', '/v1/refunds', request.idempotencyKey, {
      payment_intent: request.providerReference,
      amount: String(request.amount),
      reason: 'requested_by_customer',
      'metadata[reason]': request.reason,
    });
    const id = stringField(body, 'id');
    if (!id || stringField(body, 'status') === 'failed') {
      throw new DomainError('PAYMENT_DECLINED', 'Stripe refused the refund');
    }

    return id;
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    idempotencyKey?: string,
    form?: Record<string, string>,
  ): Promise<unknown> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.config.STRIPE_SECRET_KEY ?? ''}`,
      'stripe-version': '2024-06-20',
    };
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const answer = await callProvider(
      `${this.config.STRIPE_API_BASE_URL}${path}`,
      { method, headers, body: form ? new URLSearchParams(form).toString() : undefined },
      this.config.PROVIDER_TIMEOUT_MS,
    );
    if (answer.status >= 200 && answer.status < 300) return answer.body;
    throw this.errorOf(answer);
  }

  /**
   * Stripe's error shape `{ error: { type, code, decline_code, message } }`: a refused card or request is
   * the payer's answer (PAYMENT_DECLINED); rate limits, Stripe's own failures and our credentials being
   * refused are the provider being unavailable to us (PAYMENT_PROVIDER_UNAVAILABLE), logged for ops.
   */
  private errorOf(answer: ProviderAnswer): DomainError {
    const type = stringField(answer.body, 'error.type') ?? 'unknown';
    const code =
      stringField(answer.body, 'error.decline_code') ?? stringField(answer.body, 'error.code') ?? type;
    if (answer.status === 402 || type === 'card_error') {
      return new DomainError('PAYMENT_DECLINED', `The card was declined (${code})`, { provider_code: code });
    }
    if (answer.status === 409 || type === 'idempotency_error') {
      return new DomainError('CONFLICT', 'Stripe refused a reused idempotency key', { provider_code: code });
    }
    if (answer.status === 400 || answer.status === 404) {
      this.logger.error('Stripe refused a request', { status: answer.status, type, code });

      return new DomainError('PAYMENT_DECLINED', `Stripe refused the request (${code})`, {
        provider_code: code,
      });
    }
    this.logger.error('Stripe unavailable', { status: answer.status, type, code });

    return new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', `Stripe answered ${answer.status}`, {
      provider_code: code,
    });
  }
}

function numberOf(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}
