import { BaseConfig, ConfigError, loadConfig, ServiceConfig } from './config';

describe('loadConfig', () => {
  it('uses safe local defaults when nothing is set', () => {
    const config = loadConfig(ServiceConfig, {});

    expect(config).toMatchObject({
      NODE_ENV: 'development',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ecom',
      NATS_URL: 'nats://127.0.0.1:4222',
      EVENT_BACKOFF_MS: [1000, 5000, 30000, 120000],
      LOAD_DEMO_DATA: false,
    });
  });

  it('converts numbers, booleans and lists from their environment text', () => {
    const config = loadConfig(ServiceConfig, {
      HTTP_PORT: '3009',
      LOAD_DEMO_DATA: 'true',
      EVENT_BACKOFF_MS: '10, 20',
    });

    expect(config.HTTP_PORT).toBe(3009);
    expect(config.LOAD_DEMO_DATA).toBe(true);
    expect(config.EVENT_BACKOFF_MS).toEqual([10, 20]);
  });

  it('reads a boolean set to false as false', () => {
    expect(loadConfig(ServiceConfig, { LOAD_DEMO_DATA: 'false' }).LOAD_DEMO_DATA).toBe(false);
  });

  it('lists every invalid variable by name in one error, without echoing values', () => {
    const attempt = (): ServiceConfig =>
      loadConfig(ServiceConfig, {
        HTTP_PORT: 'eighty',
        DATABASE_URL: 'mysql://root:hunter2@db/ecom',
        LOG_LEVEL: 'loud',
      });

    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const { problems, message } = error as ConfigError;
      expect(problems.map((problem) => problem.split(' ')[0]?.replace(':', ''))).toEqual(
        expect.arrayContaining(['HTTP_PORT', 'DATABASE_URL', 'LOG_LEVEL']),
      );
      expect(message).not.toContain('hunter2');
    }
  });

  it('refuses to start in production on the local default credentials', () => {
    const onDefaults = (): ServiceConfig => loadConfig(ServiceConfig, { NODE_ENV: 'production' });

    expect(onDefaults).toThrow(/DATABASE_URL: must be set explicitly/);
    expect(onDefaults).toThrow(/NATS_URL: must be set explicitly/);
    expect(() =>
      loadConfig(ServiceConfig, {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://wallet:s3cret@db.internal:5432/ecom',
        NATS_URL: 'nats://wallet:s3cret@nats.internal:4222',
      }),
    ).not.toThrow();
  });

  it('takes app defaults (such as its port) below the environment', () => {
    expect(loadConfig(BaseConfig, {}, { HTTP_PORT: 3004 }).HTTP_PORT).toBe(3004);
    expect(loadConfig(BaseConfig, { HTTP_PORT: '4000' }, { HTTP_PORT: 3004 }).HTTP_PORT).toBe(4000);
  });
});
