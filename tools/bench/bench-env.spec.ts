import { buildBenchEnv, RATE_WINDOW_SECONDS, UNLIMITED_RATE } from './bench-env';

const infra = {
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/ecom_bench',
  natsUrl: 'nats://127.0.0.1:4222',
  natsPrefix: 'bench_1a2b3c4d.',
};

describe('buildBenchEnv', () => {
  it('points at the bench database and prefix, on loopback, quiet, with limits out of the way', () => {
    const env = buildBenchEnv({ PATH: '/bin' }, infra, 41000);

    expect(env).toMatchObject({
      PATH: '/bin',
      DATABASE_URL: infra.databaseUrl,
      NATS_URL: infra.natsUrl,
      NATS_PREFIX: 'bench_1a2b3c4d.',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: '41000',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      LOAD_DEMO_DATA: 'false',
      RATE_LIMIT_PER_IP: UNLIMITED_RATE,
      RATE_LIMIT_PER_USER: UNLIMITED_RATE,
      RATE_LIMIT_SENSITIVE: UNLIMITED_RATE,
      RATE_LIMIT_WINDOW_SECONDS: RATE_WINDOW_SECONDS,
    });
  });

  it('overrides what the parent environment would change: mode, logs, Redis, tracing, limits', () => {
    const env = buildBenchEnv(
      {
        NODE_ENV: 'production',
        LOG_LEVEL: 'debug',
        HTTP_HOST: '0.0.0.0',
        REDIS_URL: 'redis://127.0.0.1:6379',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
        RATE_LIMIT_PER_IP: '10',
        NATS_PREFIX: 'other.',
      },
      infra,
      41000,
    );

    expect(env['NODE_ENV']).toBe('development');
    expect(env['LOG_LEVEL']).toBe('warn');
    expect(env['HTTP_HOST']).toBe('127.0.0.1');
    expect(env['RATE_LIMIT_PER_IP']).toBe(UNLIMITED_RATE);
    expect(env['NATS_PREFIX']).toBe('bench_1a2b3c4d.');
    expect('REDIS_URL' in env).toBe(false);
    expect('OTEL_EXPORTER_OTLP_ENDPOINT' in env).toBe(false);
  });
});
