import { buildAppEnv } from '../start/processes';
import { LOCAL_HOST } from '../start/settings';

export interface BenchInfra {
  /** The bench database, not the platform's. */
  databaseUrl: string;
  natsUrl: string;
  /** This run's subject prefix, e.g. `bench_1a2b3c4d.`: nothing else on the server hears the bench. */
  natsPrefix: string;
}

/** Far above anything 50 connections can send in a window: the bench measures routing, not 429s. */
export const UNLIMITED_RATE = '100000000';

/**
 * The in-memory throttler keeps one expiry per request admitted in the window and filters the whole list
 * on every request. Normally the limit caps that list (600 per address per minute); with the limit
 * lifted, a 60 s window would let it grow with the length of the run (about 40,000 entries after a
 * minute at 650 req/s) and the measurement would depend on `--duration`. A 1 s window keeps the list
 * near one second of traffic, about the size the real limit allows.
 */
export const RATE_WINDOW_SECONDS = '1';

/**
 * Settings no parent variable may change: loopback only, quiet logs, no Redis, no tracing export, no
 * demo data. Development mode, because production refuses the local default credentials.
 */
const FIXED: Readonly<Record<string, string>> = {
  NODE_ENV: 'development',
  LOG_LEVEL: 'warn',
  HTTP_HOST: LOCAL_HOST,
  LOAD_DEMO_DATA: 'false',
  RATE_LIMIT_PER_IP: UNLIMITED_RATE,
  RATE_LIMIT_PER_USER: UNLIMITED_RATE,
  RATE_LIMIT_SENSITIVE: UNLIMITED_RATE,
  RATE_LIMIT_WINDOW_SECONDS: RATE_WINDOW_SECONDS,
};

/** Environment of one process of either topology (the Nest apps and the bare processes read the same names). */
export function buildBenchEnv(parent: NodeJS.ProcessEnv, infra: BenchInfra, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...buildAppEnv(
      parent,
      { databaseUrl: infra.databaseUrl, natsUrl: infra.natsUrl, redisUrl: undefined },
      port,
    ),
    ...FIXED,
    NATS_PREFIX: infra.natsPrefix,
  };
  delete env['OTEL_EXPORTER_OTLP_ENDPOINT'];

  return env;
}
