import {
  EnvBoolean,
  EnvList,
  RequiredInProduction,
  SEALED_BOX_KEY_PATTERN,
  ServiceConfig,
} from '@ecom/platform';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';

/** Local-only key (base64 of 32 bytes), the same as auth's default: production refuses it. */
const LOCAL_OTP_DELIVERY_KEY = 'bG9jYWwtb3RwLWRlbGl2ZXJ5LWtleS0zMi1ieXRlcyE=';

export const SMS_PROVIDERS = ['sandbox', 'twilio'] as const;

export type SmsProvider = (typeof SMS_PROVIDERS)[number];

export const WHATSAPP_PROVIDERS = ['sandbox', 'cloud_api'] as const;

export type WhatsappProvider = (typeof WHATSAPP_PROVIDERS)[number];

export const PUSH_PROVIDERS = ['sandbox', 'fcm'] as const;

export type PushProvider = (typeof PUSH_PROVIDERS)[number];

export const EMAIL_PROVIDERS = ['sandbox', 'smtp'] as const;

export type EmailProvider = (typeof EMAIL_PROVIDERS)[number];

const URL_PATTERN = /^https?:\/\/\S+$/;
const URL_MESSAGE = { message: 'must be an http(s) URL' };

/** `address=N`: the sandbox fails that address's first N tries as retryable, then accepts. */
export function parseFlaky(entries: readonly string[]): ReadonlyMap<string, number> {
  const flaky = new Map<string, number>();
  for (const entry of entries) {
    const at = entry.lastIndexOf('=');
    const times = Number(entry.slice(at + 1));
    if (at <= 0 || !Number.isInteger(times) || times < 1) {
      throw new Error(`SANDBOX_FLAKY_ADDRESSES: "${entry}" is not address=N`);
    }
    flaky.set(entry.slice(0, at), times);
  }

  return flaky;
}

/** Twilio settings are checked only when Twilio sends, so a sandbox run needs none of them. */
function usesTwilio(config: NotificationConfig): boolean {
  return config.SMS_PROVIDER === 'twilio';
}

/** Settings of the notification service; every one is an environment variable of the same name. */
export class NotificationConfig extends ServiceConfig {
  /** Opens the one-time codes auth seals inside `auth.otp.requested` (auth holds the same key). */
  @RequiredInProduction()
  @Matches(SEALED_BOX_KEY_PATTERN, { message: 'must be 32 random bytes in base64 (openssl rand -base64 32)' })
  OTP_DELIVERY_KEY: string = LOCAL_OTP_DELIVERY_KEY;

  /** Who sends SMS: `sandbox` records them in the database (local, tests), `twilio` the Twilio REST API. */
  @IsIn(SMS_PROVIDERS)
  SMS_PROVIDER: SmsProvider = 'sandbox';

  /** Who sends WhatsApp messages: `sandbox` or `cloud_api` (Meta's WhatsApp Cloud API). */
  @IsIn(WHATSAPP_PROVIDERS)
  WHATSAPP_PROVIDER: WhatsappProvider = 'sandbox';

  /** Who sends push notifications: `sandbox` or `fcm` (Firebase Cloud Messaging HTTP v1). */
  @IsIn(PUSH_PROVIDERS)
  PUSH_PROVIDER: PushProvider = 'sandbox';

  /** Who sends email: `sandbox` or `smtp` (any SMTP relay: the provider's submission server). */
  @IsIn(EMAIL_PROVIDERS)
  EMAIL_PROVIDER: EmailProvider = 'sandbox';

  /** Phones (E.164) the sandbox refuses permanently on SMS and WhatsApp, to exercise failures. */
  @EnvList()
  @IsString({ each: true })
  SANDBOX_FAIL_PHONES: string[] = [];

  /** Emails and device tokens the sandbox refuses permanently (a refused token is pruned, as FCM's). */
  @EnvList()
  @IsString({ each: true })
  SANDBOX_FAIL_ADDRESSES: string[] = [];

  /** `address=N` entries: the sandbox answers "try again later" N times to that address, then accepts. */
  @EnvList()
  @Matches(/^.+=\d+$/, { each: true, message: 'each entry must be address=N' })
  SANDBOX_FLAKY_ADDRESSES: string[] = [];

  /** Tries of one message before it fails for good. */
  @IsInt()
  @Min(1)
  @Max(20)
  DELIVERY_MAX_ATTEMPTS: number = 5;

  /** First retry delay; each retry doubles it (with jitter) up to DELIVERY_BACKOFF_MAX_MS. */
  @IsInt()
  @Min(1)
  DELIVERY_BACKOFF_BASE_MS: number = 2000;

  @IsInt()
  @Min(1)
  DELIVERY_BACKOFF_MAX_MS: number = 10 * 60_000;

  /** How long a claimed message is held by one worker; past it, another takes it over (a dead replica). */
  @IsInt()
  @Min(1000)
  DELIVERY_LEASE_MS: number = 60_000;

  /** How often the worker looks for due messages when no new one woke it (retries come due this way). */
  @IsInt()
  @Min(10)
  DELIVERY_POLL_MS: number = 500;

  /** Messages claimed, then sent in parallel, per round. */
  @IsInt()
  @Min(1)
  @Max(500)
  DELIVERY_BATCH: number = 50;

  /** SMS to one phone per rolling minute; more wait for the next minute. */
  @IsInt()
  @Min(1)
  SMS_RATE_LIMIT_PER_MINUTE: number = 5;

  /** Twilio account SID (`AC…`), the user name of Twilio's Basic auth. */
  @ValidateIf(usesTwilio)
  @IsString({ message: 'TWILIO_ACCOUNT_SID: must be set when SMS_PROVIDER=twilio' })
  TWILIO_ACCOUNT_SID: string | undefined = undefined;

  /** Twilio auth token, the password of Twilio's Basic auth (a secret). */
  @ValidateIf(usesTwilio)
  @IsString({ message: 'TWILIO_AUTH_TOKEN: must be set when SMS_PROVIDER=twilio' })
  TWILIO_AUTH_TOKEN: string | undefined = undefined;

  /** Sender number (E.164) or alphanumeric ID; needed only without a messaging service. */
  @ValidateIf(
    (config: NotificationConfig) => usesTwilio(config) && config.TWILIO_MESSAGING_SERVICE_SID === undefined,
  )
  @IsString({
    message: 'TWILIO_FROM: TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID must be set when SMS_PROVIDER=twilio',
  })
  TWILIO_FROM: string | undefined = undefined;

  /** Messaging service (`MG…`) that picks the sender; wins over TWILIO_FROM when both are set. */
  @IsOptional()
  @IsString()
  TWILIO_MESSAGING_SERVICE_SID: string | undefined = undefined;

  /** Where Twilio posts delivery status; unset asks for no callbacks. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  TWILIO_STATUS_CALLBACK_URL: string | undefined = undefined;

  /** Twilio's REST API base; tests point it at a local server. */
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  TWILIO_API_BASE_URL: string = 'https://api.twilio.com';

  /** How long one send waits for Twilio before it counts as a retryable failure. */
  @IsInt()
  @Min(100)
  TWILIO_TIMEOUT_MS: number = 10000;

  /** Permanent access token of the WhatsApp Business system user (a secret). */
  @ValidateIf((config: NotificationConfig) => config.WHATSAPP_PROVIDER === 'cloud_api')
  @IsString({ message: 'WHATSAPP_ACCESS_TOKEN: must be set when WHATSAPP_PROVIDER=cloud_api' })
  WHATSAPP_ACCESS_TOKEN: string | undefined = undefined;

  /** The sending number's id in WhatsApp Business (not the phone number itself). */
  @ValidateIf((config: NotificationConfig) => config.WHATSAPP_PROVIDER === 'cloud_api')
  @IsString({ message: 'WHATSAPP_PHONE_NUMBER_ID: must be set when WHATSAPP_PROVIDER=cloud_api' })
  WHATSAPP_PHONE_NUMBER_ID: string | undefined = undefined;

  @Matches(/^v\d+\.\d+$/, { message: 'must look like v21.0' })
  WHATSAPP_API_VERSION: string = 'v21.0';

  /** Graph API base; tests point it at a local server. */
  @Matches(URL_PATTERN, URL_MESSAGE)
  WHATSAPP_API_BASE_URL: string = 'https://graph.facebook.com';

  /**
   * Send messages that have an approved template as template messages (needed to reach a number that has
   * not written to us in the last 24 hours); off, they go as text, which Meta accepts only within 24 hours.
   */
  @EnvBoolean()
  @IsBoolean()
  WHATSAPP_USE_TEMPLATES: boolean = true;

  @IsInt()
  @Min(100)
  WHATSAPP_TIMEOUT_MS: number = 10000;

  /** Firebase project id, in the FCM send URL. */
  @ValidateIf((config: NotificationConfig) => config.PUSH_PROVIDER === 'fcm')
  @IsString({ message: 'FCM_PROJECT_ID: must be set when PUSH_PROVIDER=fcm' })
  FCM_PROJECT_ID: string | undefined = undefined;

  /** The service account's email, issuer of the JWT exchanged for an access token. */
  @ValidateIf((config: NotificationConfig) => config.PUSH_PROVIDER === 'fcm')
  @IsString({ message: 'FCM_CLIENT_EMAIL: must be set when PUSH_PROVIDER=fcm' })
  FCM_CLIENT_EMAIL: string | undefined = undefined;

  /** The service account's private key (PEM, `\n` escapes allowed), a secret. */
  @ValidateIf((config: NotificationConfig) => config.PUSH_PROVIDER === 'fcm')
  @IsString({ message: 'FCM_PRIVATE_KEY: must be set when PUSH_PROVIDER=fcm' })
  FCM_PRIVATE_KEY: string | undefined = undefined;

  @Matches(URL_PATTERN, URL_MESSAGE)
  FCM_API_BASE_URL: string = 'https://fcm.googleapis.com';

  /** Google's OAuth2 token endpoint (the `token_uri` of the service account). */
  @Matches(URL_PATTERN, URL_MESSAGE)
  FCM_TOKEN_URL: string = 'https://oauth2.googleapis.com/token';

  @IsInt()
  @Min(100)
  FCM_TIMEOUT_MS: number = 10000;

  /** The SMTP relay's submission server. */
  @ValidateIf(usesSmtp)
  @IsString({ message: 'SMTP_HOST: must be set when EMAIL_PROVIDER=smtp' })
  SMTP_HOST: string | undefined = undefined;

  /** 587 (submission, STARTTLS) by default; 465 with SMTP_SECURE=true. */
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT: number = 587;

  /** TLS from the first byte (port 465); otherwise STARTTLS, required unless SMTP_REQUIRE_TLS=false. */
  @EnvBoolean()
  @IsBoolean()
  SMTP_SECURE: boolean = false;

  /** Refuse to send over a connection the relay did not upgrade to TLS (credentials and bodies in clear). */
  @EnvBoolean()
  @IsBoolean()
  SMTP_REQUIRE_TLS: boolean = true;

  @IsOptional()
  @IsString()
  SMTP_USER: string | undefined = undefined;

  /** A secret, with SMTP_USER. */
  @IsOptional()
  @IsString()
  SMTP_PASSWORD: string | undefined = undefined;

  /** The From header and envelope sender. */
  @IsString()
  EMAIL_FROM: string = 'Ecom <no-reply@ecom.tg>';

  @IsInt()
  @Min(100)
  SMTP_TIMEOUT_MS: number = 10000;
}

/** SMTP settings are checked only when SMTP sends, so a sandbox run needs none of them. */
function usesSmtp(config: NotificationConfig): boolean {
  return config.EMAIL_PROVIDER === 'smtp';
}
