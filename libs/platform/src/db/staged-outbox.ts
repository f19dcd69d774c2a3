import {
  EventSubscriber,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
  type TransactionStartEvent,
} from 'typeorm';

/** An outbox row as `EventPublisher.publish` prepares it. */
export interface OutboxRow {
  id: string;
  type: string;
  aggregateId: string | null;
  envelope: string;
  headers: string;
}

/** How deep each open transaction is in savepoints: 1 at its top level. */
const depths = new WeakMap<QueryRunner, number>();

/** Rows published in open transactions and not written yet, oldest first, with their savepoint depth. */
const staged = new WeakMap<QueryRunner, { row: OutboxRow; depth: number }[]>();

/**
 * Keeps an event of the caller's transaction until its next prepared statement, which writes it in the
 * same round trip (see `withStagedOutbox`); what no statement took is written just before the commit.
 * Either way the row commits or rolls back with the transaction, as if inserted at once.
 */
export function stageOutboxRow(runner: QueryRunner, row: OutboxRow): void {
  const rows = staged.get(runner) ?? [];
  rows.push({ row, depth: depths.get(runner) ?? 1 });
  staged.set(runner, rows);
}

const OUTBOX_COLUMNS = 'INSERT INTO outbox (id, type, aggregate_id, envelope, headers)';

function arrays(entries: { row: OutboxRow }[]): unknown[] {
  const rows = entries.map((entry) => entry.row);

  return [
    rows.map((row) => row.id),
    rows.map((row) => row.type),
    rows.map((row) => row.aggregateId),
    rows.map((row) => row.envelope),
    rows.map((row) => row.headers),
  ];
}

/**
 * The statement with the transaction's staged rows inserted by a data-modifying CTE of its own: one
 * round trip where there were two. The CTE touches only the outbox, which the statement does not read.
 * Its parameters follow the statement's, so each statement has one variant, prepared under its own name.
 */
export function withStagedOutbox(
  runner: QueryRunner | undefined,
  statement: { name: string; text: string },
  parameters: unknown[],
): { name: string; text: string; parameters: unknown[] } | undefined {
  // Not inside a savepoint: rows of the levels above would be lost if it rolled back.
  const rows = runner?.isTransactionActive && depths.get(runner) === 1 ? staged.get(runner) : undefined;
  if (!runner || !rows) return undefined;
  staged.delete(runner);
  const first = parameters.length + 1;
  const insert =
    `platform_outbox AS (${OUTBOX_COLUMNS} SELECT * FROM unnest($${first}::uuid[], $${first + 1}::text[], ` +
    `$${first + 2}::text[], $${first + 3}::jsonb[], $${first + 4}::jsonb[]))`;
  const text = statement.text.trimStart();
  const composed = /^with\s/i.test(text)
    ? `WITH ${insert}, ${text.replace(/^with\s+/i, '')}`
    : `WITH ${insert} ${text}`;

  return { name: `${statement.name}+outbox`, text: composed, parameters: [...parameters, ...arrays(rows)] };
}

/** Writes what no statement of the transaction took, before it commits. */
// TypeORM loads only the subscribers its decorator registered.
@EventSubscriber()
export class StagedOutboxSubscriber implements EntitySubscriberInterface {
  afterTransactionStart({ queryRunner }: TransactionStartEvent): void {
    depths.set(queryRunner, (depths.get(queryRunner) ?? 0) + 1);
  }

  async beforeTransactionCommit({ queryRunner }: TransactionCommitEvent): Promise<void> {
    // Also called before a savepoint is released: the outermost commit writes them.
    if ((depths.get(queryRunner) ?? 1) > 1) return;
    const rows = staged.get(queryRunner);
    if (!rows) return;
    staged.delete(queryRunner);
    await queryRunner.query(
      `${OUTBOX_COLUMNS} SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[])`,
      arrays(rows),
    );
  }

  /** A released savepoint's rows now belong to the level that holds it. */
  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    const depth = (depths.get(queryRunner) ?? 1) - 1;
    depths.set(queryRunner, depth);
    for (const entry of staged.get(queryRunner) ?? []) entry.depth = Math.min(entry.depth, depth);
  }

  /** A rolled-back savepoint takes the rows published inside it; a rolled-back transaction, all of them. */
  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    const depth = (depths.get(queryRunner) ?? 1) - 1;
    depths.set(queryRunner, depth);
    const rows = staged.get(queryRunner);
    if (!rows) return;
    const kept = rows.filter((entry) => entry.depth <= depth);
    if (kept.length > 0 && queryRunner.isTransactionActive) staged.set(queryRunner, kept);
    else staged.delete(queryRunner);
  }
}
