import { buildAppEnv } from './processes';

const infra = { databaseUrl: 'postgres://db/ecom', natsUrl: 'nats://n:4222', redisUrl: 'redis://r:6379' };

describe('buildAppEnv', () => {
  it('passes the parent environment plus the infrastructure, the port and demo data', () => {
    const env = buildAppEnv({ PATH: '/bin', HTTP_PORT: '9999' }, infra, 3002);

    expect(env).toEqual({
      PATH: '/bin',
      DATABASE_URL: 'postgres://db/ecom',
      NATS_URL: 'nats://n:4222',
      REDIS_URL: 'redis://r:6379',
      HTTP_PORT: '3002',
      LOAD_DEMO_DATA: 'true',
      NODE_ENV: 'development',
    });
  });

  it('keeps NODE_ENV and LOAD_DEMO_DATA when the parent sets them', () => {
    const env = buildAppEnv({ NODE_ENV: 'test', LOAD_DEMO_DATA: 'false' }, infra, 3001);

    expect(env['NODE_ENV']).toBe('test');
    expect(env['LOAD_DEMO_DATA']).toBe('false');
  });

  it('leaves REDIS_URL unset when there is no Redis, even if the parent had an empty one', () => {
    const env = buildAppEnv({ REDIS_URL: '' }, { ...infra, redisUrl: undefined }, 3000);

    expect('REDIS_URL' in env).toBe(false);
  });
});
