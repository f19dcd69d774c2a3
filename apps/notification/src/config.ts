import { EnvList, RequiredInProduction, SEALED_BOX_KEY_PATTERN, ServiceConfig } from '@ecom/platform';
import { IsIn, IsInt, IsOptional, IsString, Matches, Min, ValidateIf } from 'class-validator';

/** Local-only key (base64 of 32 bytes), the same as auth's default: production refuses it. */
const LOCAL_OTP_DELIVERY_KEY = 'bG9jYWwtb3RwLWRlbGl2ZXJ5LWtleS0zMi1ieXRlcyE=';

export const SMS_PROVIDERS = ['sandbox', 'twilio'] as const;

export type SmsProvider = (typeof SMS_PROVIDERS)[number];

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

  /** Phones (E.164) the sandbox refuses permanently, to exercise failures. */
  @EnvList()
  @IsString({ each: true })
  SANDBOX_FAIL_PHONES: string[] = [];

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
}
