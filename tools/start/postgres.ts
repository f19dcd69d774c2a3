import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

import type { StartLocalServer } from './local-server';
import {
  databaseName,
  LOCAL_HOST,
  maskPassword,
  withCredentials,
  withDatabase,
  type LocalSettings,
} from './settings';
import { StartError } from './start-error';
import { findFreePort } from './tcp';

/** What answered at a Postgres URL. */
export type PostgresProbe =
  | { kind: 'ready' }
  | { kind: 'database-missing' }
  | { kind: 'auth-failed'; message: string }
  /** Nothing listens there. */
  | { kind: 'absent' }
  /** Something listens there but does not speak the Postgres protocol. */
  | { kind: 'not-postgres'; message: string }
  /** Postgres answered with another error. */
  | { kind: 'error'; message: string };

export interface ResolvedPostgres {
  url: string;
  source: 'env' | 'existing' | 'embedded';
}

const PROBE_TIMEOUT_MS = 3000;
/** SQLSTATE codes come from a Postgres server: five digits or upper-case letters. */
const SQLSTATE = /^[0-9A-Z]{5}$/;

/** Sorts a connection error into what it says about the server. */
export function classifyPostgresError(error: unknown): PostgresProbe {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED') {
    return { kind: 'absent' };
  }
  if (code === '3D000') {
    return { kind: 'database-missing' };
  }
  if (code === '28P01' || code === '28000') {
    return { kind: 'auth-failed', message };
  }
  if (code !== undefined && SQLSTATE.test(code)) {
    return { kind: 'error', message };
  }

  return { kind: 'not-postgres', message };
}

/** Connects once and runs `SELECT 1`. */
export async function probePostgres(url: string): Promise<PostgresProbe> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    return classifyPostgresError(error);
  }
  try {
    await client.query('SELECT 1');

    return { kind: 'ready' };
  } catch (error) {
    return classifyPostgresError(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the database the URL names unless it exists, connecting to the `postgres` database to do so. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseName(url);
  if (name === undefined) {
    return false;
  }
  const client = new Client({
    connectionString: withDatabase(url, 'postgres'),
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount !== null && existing.rowCount > 0) {
      return false;
    }
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } catch (error) {
      // Another process created it between the check and here.
      if (isDuplicateDatabase(error)) {
        return false;
      }
      throw error;
    }

    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function isDuplicateDatabase(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '42P04';
}

/**
 * DATABASE_URL if set (it must answer), else the default address if a Postgres answers there, else an
 * embedded Postgres started in `.data/postgres`. The database itself is created when missing.
 */
export async function resolvePostgres(
  settings: LocalSettings,
  startServer: StartLocalServer,
  note: (text: string) => void,
): Promise<ResolvedPostgres> {
  const { explicitUrl, defaultUrl } = settings.postgres;
  if (explicitUrl !== undefined) {
    await useExisting(explicitUrl, await probePostgres(explicitUrl), 'DATABASE_URL');

    return { url: explicitUrl, source: 'env' };
  }
  const probe = await probePostgres(defaultUrl);
  switch (probe.kind) {
    case 'ready':
    case 'database-missing':
      await useExisting(defaultUrl, probe, 'the default address');

      return { url: defaultUrl, source: 'existing' };
    case 'auth-failed': {
      // Maybe the embedded Postgres of an earlier run is still up: it wants the stored password.
      const stored = readStoredPassword(settings);
      if (stored !== undefined) {
        const withPassword = withCredentials(defaultUrl, 'postgres', stored);
        const retry = await probePostgres(withPassword);
        if (retry.kind === 'ready' || retry.kind === 'database-missing') {
          await useExisting(withPassword, retry, 'the default address');

          return { url: withPassword, source: 'existing' };
        }
      }
      throw new StartError(
        `A Postgres at ${maskPassword(defaultUrl)} refused the login (${probe.message}).\n` +
          'Set DATABASE_URL with working credentials, e.g. DATABASE_URL=postgres://user:password@127.0.0.1:5432/ecom',
      );
    }
    case 'error':
      throw new StartError(
        `The Postgres at ${defaultUrl} answered with an error: ${probe.message}\nSet DATABASE_URL to use another one.`,
      );
    case 'absent':
      note(`nothing answers at ${LOCAL_HOST}:${settings.postgres.port}`);

      return startEmbedded(settings, settings.postgres.port, startServer, note);
    case 'not-postgres': {
      const port = await findFreePort(settings.postgres.port + 1, LOCAL_HOST);
      if (port === undefined) {
        throw new StartError(
          `Port ${settings.postgres.port} is taken by something that is not Postgres, and no free port follows it.`,
        );
      }
      note(`port ${settings.postgres.port} is taken by something that is not Postgres; using ${port}`);

      return startEmbedded(settings, port, startServer, note);
    }
  }
}

async function useExisting(url: string, probe: PostgresProbe, where: string): Promise<void> {
  switch (probe.kind) {
    case 'ready':
      return;
    case 'database-missing':
      await ensureDatabase(url);

      return;
    case 'absent':
      throw new StartError(
        `Nothing answers at ${where} (${maskPassword(url)}). Start that Postgres, or unset DATABASE_URL to use or start a local one.`,
      );
    case 'auth-failed':
    case 'not-postgres':
    case 'error':
      throw new StartError(`Cannot use the Postgres at ${where} (${maskPassword(url)}): ${probe.message}`);
  }
}

async function startEmbedded(
  settings: LocalSettings,
  port: number,
  startServer: StartLocalServer,
  note: (text: string) => void,
): Promise<ResolvedPostgres> {
  const { dataDir } = settings.postgres;
  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  const password = initialised ? readStoredPassword(settings) : createPassword(settings);
  if (password === undefined) {
    throw new StartError(
      `${dataDir} holds a Postgres cluster but its password file ${settings.postgres.passwordFile} is gone.\n` +
        `Delete ${dataDir} to start over with an empty database.`,
    );
  }
  note(
    initialised
      ? `starting embedded Postgres on port ${port} (data in .data/postgres)`
      : `creating an embedded Postgres in .data/postgres on port ${port} (first run only, takes a few seconds)`,
  );
  try {
    await startServer('postgres', { type: 'start-postgres', dataDir, port, password });
  } catch (error) {
    throw new StartError(
      `Embedded Postgres did not start: ${error instanceof Error ? error.message : String(error)}\nSee .data/logs/postgres.log`,
    );
  }
  const url = withCredentials(`postgres://${LOCAL_HOST}:${port}/ecom`, 'postgres', password);
  await ensureDatabase(url);

  return { url, source: 'embedded' };
}

function readStoredPassword(settings: LocalSettings): string | undefined {
  const file = settings.postgres.passwordFile;

  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/** A fresh password for a new cluster, kept beside it so later runs can log in. */
function createPassword(settings: LocalSettings): string {
  const password = randomBytes(18).toString('base64url');
  writeFileSync(settings.postgres.passwordFile, `${password}\n`, { mode: 0o600 });

  return password;
}
