import { connect } from 'nats';
import { Client } from 'pg';

import { withDatabase } from '../start/settings';

/** The bench's own database on the resolved server: dropped and created again on every run. */
export const BENCH_DATABASE = 'ecom_bench';

const CONNECT_TIMEOUT_MS = 5000;

/** Drops the database (closing its sessions) and creates it empty, so every run starts alike. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<string> {
  await withAdmin(serverUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  });

  return withDatabase(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withAdmin(serverUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
  });
}

/** Runs `work` connected to the server's `postgres` database, where databases are created and dropped. */
async function withAdmin(serverUrl: string, work: (admin: Client) => Promise<void>): Promise<void> {
  const admin = new Client({
    connectionString: withDatabase(serverUrl, 'postgres'),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/**
 * Deletes the JetStream streams the apps created under the run's prefix (`bench_x.` → `BENCH_X_EVENTS`,
 * `BENCH_X_DLQ`, as the platform's Naming derives them), so runs leave nothing on a shared server.
 */
export async function deleteStreams(natsUrl: string, prefix: string): Promise<void> {
  const streamPrefix = prefix.replace(/\.$/, '_').toUpperCase();
  const connection = await connect({
    servers: natsUrl.split(',').map((server) => server.trim()),
    name: 'ecom-bench-cleanup',
    timeout: CONNECT_TIMEOUT_MS,
    reconnect: false,
  });
  try {
    const manager = await connection.jetstreamManager({ timeout: CONNECT_TIMEOUT_MS });
    for (const stream of [`${streamPrefix}EVENTS`, `${streamPrefix}DLQ`]) {
      await manager.streams.delete(stream).catch(() => false);
    }
  } finally {
    await connection.close().catch(() => undefined);
  }
}
