import { join } from 'node:path';

import { StartError } from './start-error';

/** Where the local infrastructure lives and which addresses are tried when the environment names none. */
export interface LocalSettings {
  root: string;
  dataDir: string;
  logDir: string;
  postgres: {
    /** DATABASE_URL when set: used as is, nothing is started. */
    explicitUrl: string | undefined;
    /** Probed when DATABASE_URL is unset; embedded Postgres listens on this port if nothing answers. */
    defaultUrl: string;
    port: number;
    dataDir: string;
    passwordFile: string;
  };
  nats: {
    explicitUrl: string | undefined;
    defaultUrl: string;
    port: number;
    storeDir: string;
  };
  redis: {
    explicitUrl: string | undefined;
    defaultUrl: string;
    port: number;
  };
}

export const LOCAL_HOST = '127.0.0.1';
export const DATABASE_NAME = 'ecom';

/**
 * Reads the infrastructure settings. `ECOM_LOCAL_PG_PORT`, `ECOM_LOCAL_NATS_PORT` and
 * `ECOM_LOCAL_REDIS_PORT` move the defaults (and what gets started) off the standard ports, so a machine
 * that already runs something there can still try the fallbacks.
 */
export function readLocalSettings(env: NodeJS.ProcessEnv, root: string): LocalSettings {
  const dataDir = join(root, '.data');
  const pgPort = readPort(env, 'ECOM_LOCAL_PG_PORT', 5432);
  const natsPort = readPort(env, 'ECOM_LOCAL_NATS_PORT', 4222);
  const redisPort = readPort(env, 'ECOM_LOCAL_REDIS_PORT', 6379);

  return {
    root,
    dataDir,
    logDir: join(dataDir, 'logs'),
    postgres: {
      explicitUrl: readSet(env, 'DATABASE_URL'),
      defaultUrl: `postgres://postgres@${LOCAL_HOST}:${pgPort}/${DATABASE_NAME}`,
      port: pgPort,
      dataDir: join(dataDir, 'postgres'),
      passwordFile: join(dataDir, 'postgres.password'),
    },
    nats: {
      explicitUrl: readSet(env, 'NATS_URL'),
      defaultUrl: `nats://${LOCAL_HOST}:${natsPort}`,
      port: natsPort,
      storeDir: join(dataDir, 'nats'),
    },
    redis: {
      explicitUrl: readSet(env, 'REDIS_URL'),
      defaultUrl: `redis://${LOCAL_HOST}:${redisPort}`,
      port: redisPort,
    },
  };
}

/** An empty variable counts as unset, as in the apps' own config loading. */
function readSet(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();

  return value === undefined || value === '' ? undefined : value;
}

function readPort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = readSet(env, name);
  if (text === undefined) {
    return fallback;
  }
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new StartError(`${name} must be a port number between 1 and 65535, got "${text}".`);
  }

  return port;
}

/** The same Postgres URL with these credentials (user and password are URL-encoded). */
export function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);

  return parsed.toString();
}

/** The same Postgres URL pointing at another database, keeping credentials and query parameters. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;

  return parsed.toString();
}

/** The database a Postgres URL names, or undefined when it names none (the server then uses the user name). */
export function databaseName(url: string): string | undefined {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));

  return name === '' ? undefined : name;
}

/** The URL with its password replaced by `***`, for printing. Text that is not a URL is returned unchanged. */
export function maskPassword(url: string): string {
  if (!URL.canParse(url)) {
    return url;
  }
  const parsed = new URL(url);
  if (parsed.password === '') {
    return url;
  }
  parsed.password = '***';

  return parsed.toString();
}

/** `host` and `port` of the first server in a (possibly comma-separated) URL list. */
export function firstHostPort(urls: string, defaultPort: number): { host: string; port: number } {
  const first = urls.split(',')[0]?.trim() ?? '';
  const parsed = new URL(first);

  return { host: parsed.hostname, port: parsed.port === '' ? defaultPort : Number(parsed.port) };
}
