import { RequiredInProduction, SEALED_BOX_KEY_PATTERN, ServiceConfig } from '@ecom/platform';
import { IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';

/** Local-only keys (base64 of 32 bytes): production refuses them (RequiredInProduction). */
const LOCAL_OTP_DELIVERY_KEY = 'bG9jYWwtb3RwLWRlbGl2ZXJ5LWtleS0zMi1ieXRlcyE=';
const LOCAL_JWT_KEY_ENCRYPTION_KEY = 'bG9jYWwtand0LWtleS1lbmNyeXB0aW9uLTMyYnl0ZSE=';
const KEY_MESSAGE = 'must be 32 random bytes in base64 (openssl rand -base64 32)';

/** Settings of the auth service; every one is an environment variable of the same name. */
export class AuthConfig extends ServiceConfig {
  /** `iss` of the access tokens; the gateway pins it (JWT_ISSUER there too). */
  @IsString()
  JWT_ISSUER: string = 'ecom-auth';

  /** `aud` of the access tokens; the gateway pins it. */
  @IsString()
  JWT_AUDIENCE: string = 'ecom-api';

  /** Lifetime of an access token; the gateway keeps suspended users' ids in its deny set this long. */
  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS: number = 900;

  @IsInt()
  @Min(3600)
  REFRESH_TOKEN_TTL_SECONDS: number = 7 * 24 * 3600;

  /** Encrypts the private signing keys kept in the auth schema (AES-256-GCM). */
  @RequiredInProduction()
  @Matches(SEALED_BOX_KEY_PATTERN, { message: KEY_MESSAGE })
  JWT_KEY_ENCRYPTION_KEY: string = LOCAL_JWT_KEY_ENCRYPTION_KEY;

  /** A signing key older than this is replaced (the new one is published first); 0 turns rotation off. */
  @IsInt()
  @Min(0)
  JWT_KEY_ROTATION_DAYS: number = 30;

  /** How long a new key is published before it signs, so every gateway can learn it first. */
  @IsInt()
  @Min(0)
  JWT_KEY_ACTIVATION_DELAY_SECONDS: number = 600;

  /** Server-side secret mixed into the hashes of one-time codes, verification and refresh tokens. */
  @RequiredInProduction()
  @IsString()
  @MinLength(32)
  TOKEN_PEPPER: string = 'local-token-pepper-not-for-production-use';

  /** Seals one-time codes in `auth.otp.requested`; notification holds the same key to open them. */
  @RequiredInProduction()
  @Matches(SEALED_BOX_KEY_PATTERN, { message: KEY_MESSAGE })
  OTP_DELIVERY_KEY: string = LOCAL_OTP_DELIVERY_KEY;

  @IsInt()
  @Min(60)
  OTP_TTL_SECONDS: number = 300;

  /** Wrong codes that burn a code. */
  @IsInt()
  @Min(1)
  OTP_MAX_ATTEMPTS: number = 5;

  @IsInt()
  @Min(0)
  OTP_RESEND_COOLDOWN_SECONDS: number = 60;

  @IsInt()
  @Min(1)
  OTP_MAX_PER_PHONE_PER_HOUR: number = 5;

  /** Many Togolese users share one carrier-grade NAT address: this is generous on purpose. */
  @IsInt()
  @Min(1)
  OTP_MAX_PER_IP_PER_HOUR: number = 30;

  /** How long a verified phone may be used to register or reset a password. */
  @IsInt()
  @Min(60)
  VERIFICATION_TOKEN_TTL_SECONDS: number = 900;

  /** Failed sign-ins in a row that lock an account, and for how long. */
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES: number = 5;

  @IsInt()
  @Min(1)
  LOGIN_LOCK_SECONDS: number = 900;

  /** argon2id cost: OWASP's 19 MiB, 2 passes, 1 lane (tests use less). */
  @IsInt()
  @Min(1024)
  ARGON2_MEMORY_KIB: number = 19456;

  @IsInt()
  @Min(1)
  ARGON2_ITERATIONS: number = 2;

  @IsInt()
  @Min(1)
  @Max(16)
  ARGON2_PARALLELISM: number = 1;
}
