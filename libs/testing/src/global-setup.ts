import { connect } from 'nats';
import { Client } from 'pg';

import { databaseUrl, TEST_NATS_URL, TestEnvironment } from './infrastructure';

/** Fails the run at once, with what to do, when the real Postgres or NATS the tests need is not there. */
export default async function globalSetup(): Promise<void> {
  const problems: string[] = [];
  const postgres = new Client({ connectionString: databaseUrl('postgres'), connectionTimeoutMillis: 3000 });
  try {
    await postgres.connect();
    await postgres.end();
  } catch (error) {
    problems.push(
      `Postgres at ${databaseUrl('postgres')} does not answer (${String(error)}); set DATABASE_URL or start one`,
    );
  }
  try {
    const nats = await connect({ servers: TEST_NATS_URL, timeout: 3000 });
    await (await nats.jetstreamManager()).getAccountInfo();
    await nats.close();
  } catch (error) {
    problems.push(
      `NATS with JetStream at ${TEST_NATS_URL} does not answer (${String(error)}); run nats-server -js`,
    );
  }
  if (problems.length > 0) {
    throw new Error(`Integration tests need real services:\n- ${problems.join('\n- ')}`);
  }
  await TestEnvironment.sweepStale();
}
