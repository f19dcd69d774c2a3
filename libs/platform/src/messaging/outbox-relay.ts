import { headers as natsHeaders, JSONCodec, type JetStreamClient } from 'nats';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

import { preparedQuery, type PreparedStatement } from '../db/database';
import type { Logger } from '../logging/logger';
import type { MetricsService } from '../metrics/metrics.service';
import type { Naming } from './naming';

const BATCH_SIZE = 100;
const RETENTION = '7 days';
/** Cleanup of published rows runs once every this many cycles. */
const CLEANUP_EVERY = 300;

const LOCK_OUTBOX: PreparedStatement = {
  name: 'platform.outbox.lock',
  text: 'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
};
const CLAIM_PENDING: PreparedStatement = {
  name: 'platform.outbox.claim-pending',
  text: 'SELECT id, type, envelope, headers FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED',
};
const MARK_SENT: PreparedStatement = {
  name: 'platform.outbox.mark-sent',
  text: 'UPDATE outbox SET sent_at = now() WHERE id = ANY($1::uuid[])',
};

interface OutboxRow {
  id: string;
  type: string;
  envelope: unknown;
  headers: Record<string, string>;
}

const codec = JSONCodec();

export interface OutboxRelayOptions {
  dataSource: DataSource;
  databaseUrl: string;
  schema: string;
  channel: string;
  jetstream: JetStreamClient;
  naming: Naming;
  pollMs: number;
  logger: Logger;
  metrics: MetricsService;
}

/**
 * Publishes committed outbox rows to JetStream, oldest first, with `Nats-Msg-Id` = event id so that a
 * publish repeated after a crash is dropped by the stream. Wakes on NOTIFY, polls as a fallback.
 * One replica relays a schema at a time (transaction advisory lock), which keeps order per aggregate;
 * rows are marked sent in the same transaction that claimed them, only once JetStream acknowledged them.
 */
export class OutboxRelay {
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private wakeAgain = false;
  private stopped = false;
  private cycles = 0;
  private lagMeasuredAt = 0;

  constructor(private readonly options: OutboxRelayOptions) {}

  async start(): Promise<void> {
    const { databaseUrl, channel, pollMs, logger } = this.options;
    this.listener = new Client({ connectionString: databaseUrl });
    this.listener.on('notification', () => {
      this.wake();
    });
    this.listener.on('error', (error) =>
      logger.warn('Outbox listener connection failed; polling continues', { error }),
    );
    await this.listener.connect();
    await this.listener.query(`LISTEN "${channel}"`);
    this.timer = setInterval(() => {
      this.wake();
    }, pollMs);
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }

  /** Publishes everything pending now; resolves when the outbox was empty at some point after the call. */
  async flush(): Promise<void> {
    this.wake();
    while (this.running) await this.running;
  }

  private wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeAgain = true;

      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.wakeAgain && !this.stopped) {
        this.wakeAgain = false;
        this.wake();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      let published: number;
      do {
        published = await this.relayBatch();
      } while (published === BATCH_SIZE && !this.stopped);
      // Once per poll interval: under load a cycle follows every commit, and the gauge needs no more.
      if (Date.now() - this.lagMeasuredAt >= this.options.pollMs) await this.measureLag();
      this.cycles += 1;
      if (this.cycles % CLEANUP_EVERY === 0) await this.deletePublished();
    } catch (error) {
      this.options.logger.warn('Outbox relay cycle failed; it will retry', { error });
    }
  }

  private relayBatch(): Promise<number> {
    const { dataSource, jetstream, naming, schema, metrics, logger } = this.options;

    return dataSource.transaction(async (manager) => {
      const [lock] = await preparedQuery<{ locked: boolean }[]>(manager, LOCK_OUTBOX, [
        `ecom.outbox.${schema}`,
      ]);
      if (!lock?.locked) return 0;
      const rows = await preparedQuery<OutboxRow[]>(manager, CLAIM_PENDING, [BATCH_SIZE]);
      if (rows.length === 0) return 0;
      // Published back to back so JetStream stores them in seq order; acknowledged ones are marked sent.
      const results = await Promise.allSettled(
        rows.map((row) => {
          const headers = natsHeaders();
          for (const [name, value] of Object.entries(row.headers)) headers.set(name, value);

          return jetstream.publish(naming.event(row.type), codec.encode(row.envelope), {
            msgID: row.id,
            headers,
          });
        }),
      );
      const firstFailure = results.findIndex((result) => result.status === 'rejected');
      const sent = firstFailure === -1 ? rows : rows.slice(0, firstFailure);
      if (sent.length > 0) {
        await preparedQuery(manager, MARK_SENT, [sent.map((row) => row.id)]);
        metrics.outboxPublished.inc(sent.length);
      }
      if (firstFailure !== -1) {
        const failure = results[firstFailure] as PromiseRejectedResult;
        logger.warn('JetStream refused an outbox event; the rest of the batch waits', {
          event_id: rows[firstFailure]?.id,
          error: failure.reason as unknown,
        });
      }

      return firstFailure === -1 ? sent.length : 0;
    });
  }

  private async measureLag(): Promise<void> {
    const [row] = await this.options.dataSource.query<{ lag: number | null }[]>(
      'SELECT EXTRACT(EPOCH FROM now() - min(created_at))::float AS lag FROM outbox WHERE sent_at IS NULL',
    );
    this.options.metrics.outboxLag.set(row?.lag ?? 0);
    this.lagMeasuredAt = Date.now();
  }

  private async deletePublished(): Promise<void> {
    await this.options.dataSource.query(
      `DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < now() - interval '${RETENTION}'`,
    );
  }
}
