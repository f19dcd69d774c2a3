import { databaseName, maskPassword, readLocalSettings, withCredentials, withDatabase } from './settings';
import { StartError } from './start-error';

describe('readLocalSettings', () => {
  it('uses the standard local addresses when the environment names none', () => {
    const settings = readLocalSettings({}, '/repo');

    expect(settings.postgres).toMatchObject({
      explicitUrl: undefined,
      defaultUrl: 'postgres://postgres@127.0.0.1:5432/ecom',
      port: 5432,
      dataDir: '/repo/.data/postgres',
    });
    expect(settings.nats).toMatchObject({
      explicitUrl: undefined,
      defaultUrl: 'nats://127.0.0.1:4222',
      storeDir: '/repo/.data/nats',
    });
    expect(settings.redis).toMatchObject({ explicitUrl: undefined, defaultUrl: 'redis://127.0.0.1:6379' });
    expect(settings.logDir).toBe('/repo/.data/logs');
  });

  it('takes DATABASE_URL, NATS_URL and REDIS_URL as given', () => {
    const settings = readLocalSettings(
      {
        DATABASE_URL: 'postgres://u:p@db:5432/x',
        NATS_URL: 'nats://a:4222,nats://b:4222',
        REDIS_URL: 'redis://r:6379',
      },
      '/repo',
    );

    expect(settings.postgres.explicitUrl).toBe('postgres://u:p@db:5432/x');
    expect(settings.nats.explicitUrl).toBe('nats://a:4222,nats://b:4222');
    expect(settings.redis.explicitUrl).toBe('redis://r:6379');
  });

  it('treats an empty variable as unset', () => {
    expect(
      readLocalSettings({ DATABASE_URL: '', REDIS_URL: '  ' }, '/repo').postgres.explicitUrl,
    ).toBeUndefined();
    expect(readLocalSettings({ REDIS_URL: '  ' }, '/repo').redis.explicitUrl).toBeUndefined();
  });

  it('moves the default ports with ECOM_LOCAL_*_PORT', () => {
    const settings = readLocalSettings(
      { ECOM_LOCAL_PG_PORT: '55432', ECOM_LOCAL_NATS_PORT: '14222', ECOM_LOCAL_REDIS_PORT: '16379' },
      '/r',
    );

    expect(settings.postgres.defaultUrl).toBe('postgres://postgres@127.0.0.1:55432/ecom');
    expect(settings.postgres.port).toBe(55432);
    expect(settings.nats.defaultUrl).toBe('nats://127.0.0.1:14222');
    expect(settings.redis.defaultUrl).toBe('redis://127.0.0.1:16379');
  });

  it('rejects a port that is not a number in range', () => {
    expect(() => readLocalSettings({ ECOM_LOCAL_PG_PORT: 'abc' }, '/r')).toThrow(StartError);
    expect(() => readLocalSettings({ ECOM_LOCAL_NATS_PORT: '70000' }, '/r')).toThrow(/ECOM_LOCAL_NATS_PORT/);
  });
});

describe('Postgres URL helpers', () => {
  it('adds encoded credentials', () => {
    expect(withCredentials('postgres://127.0.0.1:5433/ecom', 'postgres', 'a/b@c')).toBe(
      'postgres://postgres:a%2Fb%40c@127.0.0.1:5433/ecom',
    );
  });

  it('switches the database and keeps credentials and parameters', () => {
    expect(withDatabase('postgres://u:p@h:5432/ecom?sslmode=disable', 'postgres')).toBe(
      'postgres://u:p@h:5432/postgres?sslmode=disable',
    );
  });

  it('reads the database name, or none', () => {
    expect(databaseName('postgres://h:5432/ecom')).toBe('ecom');
    expect(databaseName('postgres://h:5432')).toBeUndefined();
  });

  it('masks the password for printing', () => {
    expect(maskPassword('postgres://postgres:secret@127.0.0.1:5432/ecom')).toBe(
      'postgres://postgres:***@127.0.0.1:5432/ecom',
    );
    expect(maskPassword('postgres://postgres@127.0.0.1:5432/ecom')).toBe(
      'postgres://postgres@127.0.0.1:5432/ecom',
    );
    expect(maskPassword('not a url')).toBe('not a url');
  });
});
