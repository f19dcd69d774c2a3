import { BaseConfig, EnvBoolean, EnvList } from '@ecom/platform';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** Settings of the HTTP gateway; every one is an environment variable of the same name. */
export class GatewayConfig extends BaseConfig {
  /** Rate-limit counters and idempotency records are shared through Redis when set, in memory otherwise. */
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// URL' })
  REDIS_URL: string | undefined = undefined;

  /** Browser origins allowed by CORS. */
  @EnvList()
  @IsString({ each: true })
  CORS_ORIGINS: string[] = ['http://localhost:3000', 'http://localhost:5173'];

  /** Addresses or CIDR ranges of proxies whose X-Forwarded-For is believed. */
  @EnvList()
  @IsString({ each: true })
  TRUSTED_PROXIES: string[] = [];

  @IsString()
  JWT_ISSUER: string = 'ecom-auth';

  @IsString()
  JWT_AUDIENCE: string = 'ecom-api';

  @IsIn(['RS256', 'ES256'])
  JWT_ALGORITHM: 'RS256' | 'ES256' = 'RS256';

  /**
   * Lifetime of auth's access tokens: a suspended or erased user's id stays in the deny set this long,
   * after which every token issued before the suspension has expired anyway.
   */
  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS: number = 900;

  /** How long fetched verification keys are trusted before they are fetched again. */
  @IsInt()
  @Min(10)
  JWKS_CACHE_SECONDS: number = 600;

  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES: number = 1024 * 1024;

  @IsInt()
  @Min(1)
  RATE_LIMIT_WINDOW_SECONDS: number = 60;

  /** Requests per window from one client address (many users may share a carrier NAT address). */
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_IP: number = 600;

  /** Requests per window from one signed-in user. */
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_USER: number = 300;

  /** Requests per window per address on sensitive routes (OTP, login, orders, payments). */
  @IsInt()
  @Min(1)
  RATE_LIMIT_SENSITIVE: number = 10;

  @IsInt()
  @Min(60)
  IDEMPOTENCY_TTL_SECONDS: number = 24 * 60 * 60;

  @EnvBoolean()
  SWAGGER_ENABLED: boolean = true;
}
