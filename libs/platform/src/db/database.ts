import { DataSource, type EntityManager, type MixedList } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

import type { ServiceConfig } from '../config/config';
import { InboxEntry } from '../messaging/inbox.entity';
import { OutboxEvent } from '../messaging/outbox.entity';
import { NotifyAfterCommitSubscriber } from './notify-after-commit';
import { StagedOutboxSubscriber, withStagedOutbox } from './staged-outbox';

/** What an app declares about its data: its schema, entities and committed migrations, in order. */
export interface ServiceDatabase {
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: MixedList<Function | string>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: MixedList<Function | string>;
}

export function dataSourceOptions(
  config: Pick<ServiceConfig, 'DATABASE_URL' | 'DB_POOL_SIZE'>,
  database: ServiceDatabase,
): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    schema: database.schema,
    entities: [OutboxEvent, InboxEntry, ...(database.entities as unknown[] as (new () => unknown)[])],
    migrations: database.migrations,
    subscribers: [StagedOutboxSubscriber, NotifyAfterCommitSubscriber],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // The app sees its own schema first and `public` (extensions: cube, earthdistance) after it. READ
    // COMMITTED is set per connection, so a transaction costs no `SET TRANSACTION` round trip.
    extra: {
      max: config.DB_POOL_SIZE,
      options: `-c search_path=${database.schema},public -c default_transaction_isolation=read\\ committed`,
    },
  };
}

/**
 * Creates the schema if needed and runs pending migrations. An advisory lock per schema makes replicas
 * that start together run them one at a time.
 */
export async function migrate(dataSource: DataSource, schema: string): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`ecom.migrations.${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`ecom.migrations.${schema}`])
      .catch(() => undefined);
    await runner.release();
  }
}

/** Name of the last migration applied, or null before the first. */
export async function schemaVersion(dataSource: DataSource): Promise<string | null> {
  const rows: { name: string }[] = await dataSource.query(
    'SELECT name FROM migrations ORDER BY id DESC LIMIT 1',
  );

  return rows[0]?.name ?? null;
}

/**
 * Runs `work` in one READ COMMITTED transaction (every connection's default, see `dataSourceOptions`);
 * anything it throws rolls everything back.
 */
export function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(work);
}

/** A statement run on every request of a hot path, under a name unique to its text. */
export interface PreparedStatement {
  name: string;
  text: string;
}

/**
 * Runs a statement prepared once per pooled connection: Postgres parses and plans it the first time
 * only, where an unnamed statement is parsed and planned on every call. In a transaction, the outbox
 * rows of events published since its last statement are written by the same statement. TypeORM hands the query on to
 * node-postgres untouched, which takes a `{ name, text }` query config where TypeORM's typing says string.
 */
export function preparedQuery<T>(
  manager: EntityManager,
  statement: PreparedStatement,
  parameters: unknown[],
): Promise<T> {
  // Events published since the last statement ride along (see stageOutboxRow).
  const along = withStagedOutbox(manager.queryRunner, statement, parameters);
  const config = { name: along?.name ?? statement.name, text: along?.text ?? statement.text };

  return manager.query<T>(config as unknown as string, along?.parameters ?? parameters);
}
