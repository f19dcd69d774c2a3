import { EnvList, ServiceConfig } from '@ecom/platform';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';

/** Which adapter serves each provider method; the sandbox is the default locally and in tests. */
export const CARD_PROVIDERS = ['sandbox', 'stripe'] as const;
export const MOBILE_MONEY_PROVIDERS = ['sandbox', 'fedapay'] as const;

export type CardProvider = (typeof CARD_PROVIDERS)[number];
export type MobileMoneyProvider = (typeof MOBILE_MONEY_PROVIDERS)[number];

/** Local-only sandbox signing secret: the sandbox refuses to run in production anyway. */
const LOCAL_SANDBOX_SECRET = 'local-sandbox-webhook-secret-0123456789';

function usesStripe(config: PaymentConfig): boolean {
  return config.PAYMENT_PROVIDER_VISA === 'stripe';
}

function usesFedaPay(config: PaymentConfig): boolean {
  return config.PAYMENT_PROVIDER_YAS === 'fedapay' || config.PAYMENT_PROVIDER_FLOOZ === 'fedapay';
}

/** Settings of the payment service; every one is an environment variable of the same name. */
export class PaymentConfig extends ServiceConfig {
  @IsIn(MOBILE_MONEY_PROVIDERS)
  PAYMENT_PROVIDER_YAS: MobileMoneyProvider = 'sandbox';

  @IsIn(MOBILE_MONEY_PROVIDERS)
  PAYMENT_PROVIDER_FLOOZ: MobileMoneyProvider = 'sandbox';

  @IsIn(CARD_PROVIDERS)
  PAYMENT_PROVIDER_VISA: CardProvider = 'sandbox';

  /** PI-SPI (BCEAO instant payments) has no public acquiring API yet: only the sandbox serves it. */
  @IsIn(['sandbox'])
  PAYMENT_PROVIDER_PISPI = 'sandbox' as const;

  /** The gateway's base URL: the sandbox posts its callbacks to `<GATEWAY_URL>/api/v1/payments/webhooks/sandbox`. */
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  GATEWAY_URL: string = 'http://127.0.0.1:3000';

  /** Secret of the sandbox's callback signatures. */
  @IsString()
  @MinLength(16)
  SANDBOX_WEBHOOK_SECRET: string = LOCAL_SANDBOX_SECRET;

  /** Payer phones (E.164) whose sandbox answer is never called back, as a provider that times out. */
  @EnvList()
  @IsString({ each: true })
  SANDBOX_SILENT_PHONES: string[] = [];

  /** How far a callback's signed timestamp may be from now, against replays of captured callbacks. */
  @IsInt()
  @Min(10)
  @Max(3600)
  WEBHOOK_TOLERANCE_SECONDS: number = 300;

  /** Provider intents not answered within this long are cancelled (the payer never confirmed). */
  @IsInt()
  @Min(60)
  PROVIDER_INTENT_TTL_SECONDS: number = 30 * 60;

  /** Wallet holds (rides) not captured within this long are released. */
  @IsInt()
  @Min(60)
  WALLET_HOLD_TTL_SECONDS: number = 6 * 60 * 60;

  /** Intents left in `processing` (or a wallet call left unanswered) this long are checked with the provider. */
  @IsInt()
  @Min(0)
  RECONCILE_AFTER_SECONDS: number = 10 * 60;

  /** How often the reconciliation job runs; 0 turns the schedule off (it can still be run on demand). */
  @IsInt()
  @Min(0)
  RECONCILE_INTERVAL_MS: number = 60_000;

  /** How long one provider call waits before it counts as unavailable. */
  @IsInt()
  @Min(100)
  PROVIDER_TIMEOUT_MS: number = 10_000;

  /** Stripe secret key (`sk_…`), the bearer of every API call. */
  @ValidateIf(usesStripe)
  @IsString({ message: 'STRIPE_SECRET_KEY: must be set when PAYMENT_PROVIDER_VISA=stripe' })
  STRIPE_SECRET_KEY: string | undefined = undefined;

  /** Signing secret of the Stripe webhook endpoint (`whsec_…`). */
  @ValidateIf(usesStripe)
  @IsString({ message: 'STRIPE_WEBHOOK_SECRET: must be set when PAYMENT_PROVIDER_VISA=stripe' })
  STRIPE_WEBHOOK_SECRET: string | undefined = undefined;

  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  STRIPE_API_BASE_URL: string = 'https://api.stripe.com';

  /** FedaPay secret key (`sk_live_…`/`sk_sandbox_…`). */
  @ValidateIf(usesFedaPay)
  @IsString({ message: 'FEDAPAY_SECRET_KEY: must be set when a mobile money method uses fedapay' })
  FEDAPAY_SECRET_KEY: string | undefined = undefined;

  /** Signing secret of the FedaPay webhook endpoint (`wh_…`). */
  @ValidateIf(usesFedaPay)
  @IsString({ message: 'FEDAPAY_WEBHOOK_SECRET: must be set when a mobile money method uses fedapay' })
  FEDAPAY_WEBHOOK_SECRET: string | undefined = undefined;

  /** `https://api.fedapay.com` live, `https://sandbox-api.fedapay.com` for FedaPay's own test mode. */
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  FEDAPAY_API_BASE_URL: string = 'https://api.fedapay.com';

  /** Where FedaPay sends the payer back after a hosted checkout (not used by push payments). */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  FEDAPAY_CALLBACK_URL: string | undefined = undefined;
}
