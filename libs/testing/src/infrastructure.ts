import { randomBytes } from 'node:crypto';

import { connect } from 'nats';
import { Client } from 'pg';

/** Where the tests find the real Postgres and NATS; the same defaults as the apps. */
export const TEST_DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

/** A database URL on the same server, pointing at another database. */
export function databaseUrl(database: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${database}`;

  return url.toString();
}

/**
 * A throw-away database and a NATS prefix for one test file: nothing it writes is seen by another file,
 * by a platform running beside it, or by the next run.
 */
export class TestEnvironment {
  private constructor(
    readonly id: string,
    readonly databaseUrl: string,
    readonly natsPrefix: string,
  ) {}

  static async create(): Promise<TestEnvironment> {
    const id = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    const admin = new Client({ connectionString: databaseUrl('postgres') });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "ecom_${id}"`);
    } finally {
      await admin.end();
    }

    return new TestEnvironment(id, databaseUrl(`ecom_${id}`), `${id}.`);
  }

  /** Environment variables for an app of this test run, with overrides. */
  env(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: '0',
      DATABASE_URL: this.databaseUrl,
      NATS_URL: TEST_NATS_URL,
      NATS_PREFIX: this.natsPrefix,
      OUTBOX_POLL_MS: '200',
      ...overrides,
    };
  }

  /**
   * Removes what test runs that died before their teardown left behind (databases `ecom_t…`, streams
   * `T…_EVENTS`/`T…_DLQ`), once they are older than `maxAgeMs`: runs still going are never touched.
   */
  static async sweepStale(maxAgeMs = 60 * 60 * 1000): Promise<void> {
    const isStale = (id: string): boolean => {
      const created = parseInt(id.slice(1, -6), 36);

      return Number.isFinite(created) && Date.now() - created > maxAgeMs;
    };
    const admin = new Client({ connectionString: databaseUrl('postgres') });
    await admin.connect();
    try {
      const rows = await admin.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE 'ecom\\_t%'",
      );
      for (const { datname } of rows.rows) {
        if (isStale(datname.slice('ecom_'.length)))
          await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    } finally {
      await admin.end();
    }
    const nats = await connect({ servers: TEST_NATS_URL });
    try {
      const manager = await nats.jetstreamManager();
      const names = await manager.streams.names().next();
      for (const name of names) {
        const match = /^(T[0-9A-Z]+)_(EVENTS|DLQ)$/.exec(name);
        if (match?.[1] && isStale(match[1].toLowerCase())) await manager.streams.delete(name);
      }
    } finally {
      await nats.close();
    }
  }

  /** Drops the database and this run's streams. */
  async destroy(): Promise<void> {
    const admin = new Client({ connectionString: databaseUrl('postgres') });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "ecom_${this.id}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
    const nats = await connect({ servers: TEST_NATS_URL });
    try {
      const manager = await nats.jetstreamManager();
      const prefix = this.natsPrefix.replace(/\.$/, '_').toUpperCase();
      for (const stream of [`${prefix}EVENTS`, `${prefix}DLQ`]) {
        await manager.streams.delete(stream).catch(() => false);
      }
    } finally {
      await nats.close();
    }
  }
}
