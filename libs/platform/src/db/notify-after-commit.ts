import {
  EventSubscriber,
  type DataSource,
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

/** Listeners in this process, per data source and channel, woken without a NOTIFY. */
const inProcess = new WeakMap<DataSource, Map<string, () => void>>();

/**
 * While registered, a commit on `dataSource` that notifies `channel` calls `wake` directly instead of
 * sending a NOTIFY, which saves a statement per commit. For a listener that alone acts on the channel
 * (the outbox relay while it leads); answers the unregistration, after which NOTIFYs go out again.
 */
export function listenInProcess(dataSource: DataSource, channel: string, wake: () => void): () => void {
  const listeners = inProcess.get(dataSource) ?? new Map<string, () => void>();
  inProcess.set(dataSource, listeners);
  listeners.set(channel, wake);

  return () => {
    if (listeners.get(channel) === wake) listeners.delete(channel);
  };
}

/**
 * NOTIFYs to send, per data source: commits of the same moment share one statement, sent on a pooled
 * connection while the committed transactions go on (an extra round trip each otherwise). At most one
 * statement is in flight; channels added meanwhile go with the next.
 */
class Notifier {
  private readonly channels = new Set<string>();
  private sending = false;

  constructor(private readonly dataSource: DataSource) {}

  add(channels: Iterable<string>): void {
    for (const channel of channels) this.channels.add(channel);
    if (!this.sending) {
      this.sending = true;
      setImmediate(() => void this.send());
    }
  }

  private async send(): Promise<void> {
    const channels = [...this.channels];
    this.channels.clear();
    try {
      if (this.dataSource.isInitialized) {
        await this.dataSource.query('SELECT pg_notify(channel, $2) FROM unnest($1::text[]) AS channel', [
          channels,
          '',
        ]);
      }
    } catch {
      // A lost wake-up only delays: the listeners poll as well.
    } finally {
      this.sending = false;
      if (this.channels.size > 0) this.add([]);
    }
  }
}

const notifiers = new WeakMap<DataSource, Notifier>();

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
  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    // Also called when a savepoint is released: only the outermost commit makes the rows visible.
    if (queryRunner.isTransactionActive) return;
    const channels = pending.get(queryRunner);
    if (!channels) return;
    pending.delete(queryRunner);
    const dataSource = queryRunner.connection;
    const listeners = inProcess.get(dataSource);
    const toNotify: string[] = [];
    for (const channel of channels) {
      const wake = listeners?.get(channel);
      if (wake) wake();
      else toNotify.push(channel);
    }
    if (toNotify.length === 0) return;
    let notifier = notifiers.get(dataSource);
    if (!notifier) {
      notifier = new Notifier(dataSource);
      notifiers.set(dataSource, notifier);
    }
    notifier.add(toNotify);
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) pending.delete(queryRunner);
  }
}
