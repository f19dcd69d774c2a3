import {
  EventSubscriber,
  type EntityManager,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';

/** Open transactions with the LISTEN channels to notify once they have committed. */
const pending = new WeakMap<QueryRunner, Set<string>>();

/**
 * Wakes the listeners of `channel` (the outbox relay, a delivery worker) once the caller's transaction has
 * committed, and not at all if it rolls back.
 */
export function notifyAfterCommit(manager: EntityManager, channel: string): void {
  const runner = manager.queryRunner;
  if (!runner) return;
  const channels = pending.get(runner) ?? new Set<string>();
  channels.add(channel);
  pending.set(runner, channels);
}

/**
 * Sends the NOTIFYs after the commit, in a statement of their own. Inside the transaction, NOTIFY takes
 * Postgres's database-wide notify lock at commit and holds it while the commit record is flushed, so every
 * transaction that notifies would commit one at a time, whatever schema it writes. Alone, a NOTIFY writes
 * no commit record and holds the lock for microseconds. A NOTIFY lost to a crash between the two is
 * covered by the listeners' polling.
 */
// TypeORM loads only the subscribers its decorator registered.
@EventSubscriber()
export class NotifyAfterCommitSubscriber implements EntitySubscriberInterface {
  async afterTransactionCommit({ queryRunner }: TransactionCommitEvent): Promise<void> {
    // Also called when a savepoint is released: only the outermost commit makes the rows visible.
    if (queryRunner.isTransactionActive) return;
    const channels = pending.get(queryRunner);
    if (!channels) return;
    pending.delete(queryRunner);
    await queryRunner.query('SELECT pg_notify(channel, $2) FROM unnest($1::text[]) AS channel', [
      [...channels],
      '',
    ]);
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) pending.delete(queryRunner);
  }
}
