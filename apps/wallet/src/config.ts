import { EnvList, RequiredInProduction, SEALED_BOX_KEY_PATTERN, ServiceConfig } from '@ecom/platform';
import { IsInt, IsPositive, IsString, Matches, Max, Min } from 'class-validator';

/** Local-only key (base64 of 32 bytes) for saved payment methods: production refuses it. */
const LOCAL_METHODS_KEY = 'bG9jYWwtd2FsbGV0LW1ldGhvZHMta2V5LTMyLWJ5dGU=';

/** Settings of the wallet service; every one is an environment variable of the same name. */
export class WalletConfig extends ServiceConfig {
  /** Default limits of seed 002 (F CFA), per wallet unless an admin overrides them. */
  @IsInt()
  @IsPositive()
  WALLET_SINGLE_TRANSACTION_MAX: number = 25_000;

  /** Over a rolling 24 hours. */
  @IsInt()
  @IsPositive()
  WALLET_DAILY_LIMIT: number = 50_000;

  /** Over the calendar month in Africa/Lome. */
  @IsInt()
  @IsPositive()
  WALLET_MONTHLY_LIMIT: number = 500_000;

  /** A transfer of at least this amount is flagged for review (not blocked). */
  @IsInt()
  @IsPositive()
  AML_LARGE_TRANSFER: number = 20_000;

  /** More distinct receivers than this from one sender within an hour is flagged. */
  @IsInt()
  @Min(1)
  @Max(1000)
  AML_MAX_RECEIVERS_PER_HOUR: number = 5;

  /** A transfer back to whoever sent to the sender within this many hours is a round trip. */
  @IsInt()
  @Min(1)
  @Max(720)
  AML_ROUND_TRIP_HOURS: number = 24;

  /** Encrypts saved payment method identifiers (AES-256-GCM); its id is stored beside each one. */
  @RequiredInProduction()
  @Matches(SEALED_BOX_KEY_PATTERN, { message: 'must be 32 random bytes in base64 (openssl rand -base64 32)' })
  WALLET_METHODS_KEY: string = LOCAL_METHODS_KEY;

  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'must be 1 to 32 letters, digits, - or _' })
  WALLET_METHODS_KEY_ID: string = 'local-1';

  /** Keys rotated out but still opening older identifiers: `id:base64key`, comma-separated. */
  @EnvList()
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=$/, { each: true, message: 'each must be id:base64key' })
  WALLET_METHODS_RETIRED_KEYS: string[] = [];
}
