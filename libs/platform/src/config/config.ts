import 'reflect-metadata';

import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
  type ValidationError,
} from 'class-validator';

import type { AppName } from '@ecom/contracts';

const REQUIRED_IN_PRODUCTION = Symbol('requiredInProduction');

/** Marks a setting whose local default must never reach production (credentials, keys). */
export function RequiredInProduction(): PropertyDecorator {
  return (target, property) => {
    const owner = target as Record<symbol, string[] | undefined>;
    owner[REQUIRED_IN_PRODUCTION] = [...(owner[REQUIRED_IN_PRODUCTION] ?? []), String(property)];
  };
}

/**
 * Environment strings `true`/`1`/`yes` become `true`; anything else `false`. Reads the raw text: implicit
 * conversion has already made any non-empty string (`false` included) `true` by the time `value` arrives.
 */
export function EnvBoolean(): PropertyDecorator {
  return Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
    const raw = obj[key];

    return typeof raw === 'boolean' ? raw : ['true', '1', 'yes'].includes(String(raw).toLowerCase());
  });
}

/** A comma-separated environment string becomes a trimmed list without empty items. */
export function EnvList(item: (text: string) => unknown = (text) => text): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? (value as unknown[])
      : String(value)
          .split(',')
          .map((text) => text.trim())
          .filter((text) => text.length > 0)
          .map(item),
  );
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment variables:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Settings every app reads. Property names are the environment variable names, so a problem names the
 * variable to fix. Defaults are safe for one machine; production must set the credentials itself.
 */
export class BaseConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsString()
  SERVICE_VERSION: string = '0.1.0';

  @IsIn(['error', 'warn', 'info', 'debug'])
  LOG_LEVEL: 'error' | 'warn' | 'info' | 'debug' = 'info';

  @IsString()
  HTTP_HOST: string = '0.0.0.0';

  @IsInt()
  @Min(0)
  @Max(65535)
  HTTP_PORT: number = 3000;

  @RequiredInProduction()
  @Matches(/^nats:\/\/\S+$/, { message: 'must be a nats:// URL (comma-separate several servers)' })
  NATS_URL: string = 'nats://127.0.0.1:4222';

  /** Prefix of every subject and stream this app uses; tests isolate their runs with it. */
  @Matches(/^([a-z0-9_]+\.)?$/, {
    message: 'must be empty or lower-case letters, digits, _ and end with a dot',
  })
  NATS_PREFIX: string = '';

  @IsInt()
  @Min(100)
  RPC_TIMEOUT_MS: number = 5000;

  @IsInt()
  @Min(1000)
  SHUTDOWN_TIMEOUT_MS: number = 10000;

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT: string | undefined = undefined;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

/** Settings of an app that owns a Postgres schema and takes part in the event backbone. */
export class ServiceConfig extends BaseConfig {
  @RequiredInProduction()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/ecom';

  @IsInt()
  @Min(1)
  @Max(100)
  DB_POOL_SIZE: number = 10;

  @IsInt()
  @Min(50)
  OUTBOX_POLL_MS: number = 1000;

  /** Deliveries of one event before it goes to the dead-letter subject. */
  @IsInt()
  @Min(1)
  @Max(20)
  EVENT_MAX_DELIVER: number = 5;

  /** Waits between redeliveries; the last value repeats. */
  @EnvList(Number)
  @IsInt({ each: true })
  @Min(0, { each: true })
  EVENT_BACKOFF_MS: number[] = [1000, 5000, 30000, 120000];

  @IsInt()
  @Min(1000)
  EVENT_ACK_WAIT_MS: number = 60000;

  /** Copies of each stream in a JetStream cluster (1 on one machine, 3 in production). */
  @IsInt()
  @Min(1)
  @Max(5)
  JETSTREAM_REPLICAS: number = 1;

  @EnvBoolean()
  LOAD_DEMO_DATA: boolean = false;
}

export type ConfigClass<T extends BaseConfig> = new () => T;

/**
 * Reads the settings of `configClass` from `env`, converts and validates every one, and throws a
 * ConfigError that lists every problem at once. Values are never echoed: some are secrets.
 */
export function loadConfig<T extends BaseConfig>(
  configClass: ConfigClass<T>,
  env: NodeJS.ProcessEnv,
  defaults: Partial<Record<keyof T, unknown>> = {},
): T {
  const known = Object.keys(new configClass());
  const raw: Record<string, unknown> = { ...defaults };
  for (const name of known) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[name] = value;
  }
  const config = plainToInstance(configClass, raw, {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
  });
  const problems = validateSync(config, { forbidUnknownValues: false }).flatMap(describe);
  if (config.NODE_ENV === 'production') {
    const guarded =
      (configClass.prototype as Record<symbol, string[] | undefined>)[REQUIRED_IN_PRODUCTION] ?? [];
    for (const name of guarded) {
      if (raw[name] === undefined || raw[name] === (defaults as Record<string, unknown>)[name]) {
        problems.push(
          `${name}: must be set explicitly when NODE_ENV=production (the local default is refused)`,
        );
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return config;
}

function describe(error: ValidationError): string[] {
  const own = Object.values(error.constraints ?? {}).map((message) =>
    message.startsWith(error.property) ? message : `${error.property}: ${message}`,
  );

  return [...own, ...(error.children ?? []).flatMap(describe)];
}

/** The app a config belongs to, for logs and metrics. */
export interface AppIdentity {
  name: AppName;
}
