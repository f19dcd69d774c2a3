import type { QueryRunner } from 'typeorm';

/**
 * The event backbone's two tables, created by each app's first migration in its own schema:
 * `outbox` (events written in the producer's transaction, relayed to JetStream) and `inbox` (event ids a
 * consumer has applied, so a redelivery changes nothing).
 */
export async function createMessagingTables(runner: QueryRunner): Promise<void> {
  await runner.query(`
    CREATE TABLE outbox (
      id uuid PRIMARY KEY,
      seq bigserial NOT NULL,
      type text NOT NULL,
      aggregate_id text,
      envelope jsonb NOT NULL,
      headers jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    )`);
  await runner.query('CREATE INDEX outbox_unsent_idx ON outbox (seq) WHERE sent_at IS NULL');
  await runner.query('CREATE INDEX outbox_sent_at_idx ON outbox (sent_at) WHERE sent_at IS NOT NULL');
  await runner.query(`
    CREATE TABLE inbox (
      event_id uuid NOT NULL,
      consumer text NOT NULL,
      event_type text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (event_id, consumer)
    )`);
}

export async function dropMessagingTables(runner: QueryRunner): Promise<void> {
  await runner.query('DROP TABLE inbox');
  await runner.query('DROP TABLE outbox');
}
