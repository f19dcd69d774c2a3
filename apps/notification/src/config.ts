import { EnvList, RequiredInProduction, SEALED_BOX_KEY_PATTERN, ServiceConfig } from '@ecom/platform';
import { IsIn, IsString, Matches } from 'class-validator';

/** Local-only key (base64 of 32 bytes), the same as auth's default: production refuses it. */
const LOCAL_OTP_DELIVERY_KEY = 'bG9jYWwtb3RwLWRlbGl2ZXJ5LWtleS0zMi1ieXRlcyE=';

export const SMS_PROVIDERS = ['sandbox', 'twilio'] as const;

export type SmsProvider = (typeof SMS_PROVIDERS)[number];

/** Settings of the notification service; every one is an environment variable of the same name. */
export class NotificationConfig extends ServiceConfig {
  /** Opens the one-time codes auth seals inside `auth.otp.requested` (auth holds the same key). */
  @RequiredInProduction()
  @Matches(SEALED_BOX_KEY_PATTERN, { message: 'must be 32 random bytes in base64 (openssl rand -base64 32)' })
  OTP_DELIVERY_KEY: string = LOCAL_OTP_DELIVERY_KEY;

  /** Who sends SMS: `sandbox` records them in the database (local, tests), `twilio` (TODO(#5)). */
  @IsIn(SMS_PROVIDERS)
  SMS_PROVIDER: SmsProvider = 'sandbox';

  /** Phones (E.164) the sandbox refuses permanently, to exercise failures. */
  @EnvList()
  @IsString({ each: true })
  SANDBOX_FAIL_PHONES: string[] = [];
}
