import type { Currency, PaymentNextAction, ProviderMethod } from '@ecom/contracts';

/** What a provider needs to ask the payer for money. */
export interface InitiateRequest {
  intentId: string;
  method: ProviderMethod;
  amount: number;
  currency: Currency;
  /** E.164, for mobile money: the phone the push request goes to. */
  phone: string | null;
  description: string;
  /** Unique per intent: a retried initiation must not ask the payer twice. */
  idempotencyKey: string;
}

export interface Initiated {
  providerReference: string;
  nextAction: PaymentNextAction | null;
}

/** Where the provider says a payment is. */
export type ProviderStatus = 'processing' | 'succeeded' | 'failed';

/** A verified callback, reduced to what the intent needs. */
export interface WebhookNotice {
  /** The provider's id of this notification, kept with the raw body. */
  eventId: string | null;
  providerReference: string;
  /** `ignored`: a notification that settles nothing (created, refund notices, unknown types). */
  outcome: 'succeeded' | 'failed' | 'ignored';
  /** Amount the provider says it took, checked against the intent when given. */
  amount: number | null;
  reason: string | null;
}

export interface RefundRequest {
  method: ProviderMethod;
  providerReference: string;
  amount: number;
  currency: Currency;
  phone: string | null;
  reason: string;
  idempotencyKey: string;
}

/**
 * The provider port: one adapter per acquirer. Every call that reaches the network throws
 * PAYMENT_PROVIDER_UNAVAILABLE when the provider cannot be reached or answers 5xx, and PAYMENT_DECLINED
 * when it refuses the request itself.
 */
export interface PaymentProvider {
  /** Name in webhook URLs and on intents: `sandbox`, `stripe`, `fedapay`. */
  readonly name: string;
  initiate(request: InitiateRequest): Promise<Initiated>;
  /** Checks signature and timestamp over the exact raw body; throws PAYMENT_SIGNATURE_INVALID. */
  verifyWebhook(rawBody: string, headers: Record<string, string>): WebhookNotice;
  queryStatus(providerReference: string): Promise<ProviderStatus>;
  /** Gives `amount` back to the payer; answers the provider's id of the refund. */
  refund(request: RefundRequest): Promise<string>;
}

export const PAYMENT_PROVIDERS = Symbol('PaymentProviders');
