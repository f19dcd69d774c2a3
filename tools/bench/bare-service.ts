// The bare baseline's service: what `auth.system.ping` does, with no framework. A raw NATS subscription
// in a queue group, one pg point read of the auth schema's migrations table, a JSON reply.
import { connect, type Msg } from 'nats';
import { Pool } from 'pg';

import { bareSubject, requireEnv, type BarePingReply } from './bare-env';

/** The pool size the services use by default (DB_POOL_SIZE). */
const POOL_SIZE = 10;
const encoder = new TextEncoder();

async function main(): Promise<void> {
  // Same search_path as the services' data source: the service's schema first, then public.
  const pool = new Pool({
    connectionString: requireEnv(process.env, 'DATABASE_URL'),
    max: POOL_SIZE,
    options: '-c search_path=auth,public',
  });
  pool.on('error', () => undefined);
  const connection = await connect({
    servers: requireEnv(process.env, 'NATS_URL').split(','),
    name: 'bench-bare-service',
  });
  const answer = async (message: Msg): Promise<void> => {
    const result = await pool.query<{ name: string }>('SELECT name FROM migrations ORDER BY id DESC LIMIT 1');
    const reply: BarePingReply = {
      service: 'auth',
      version: '0.1.0',
      ready: true,
      schema_version: result.rows[0]?.name ?? null,
    };
    message.respond(encoder.encode(JSON.stringify(reply)));
  };
  connection.subscribe(bareSubject(process.env['NATS_PREFIX'] ?? ''), {
    queue: 'bare',
    callback: (error, message) => {
      if (error !== null) {
        return;
      }
      answer(message).catch((failure: unknown) => {
        process.stderr.write(`ping failed: ${String(failure)}\n`);
      });
    },
  });
  const stop = (): void => {
    void connection
      .drain()
      .then(() => pool.end())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write('bare service ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
