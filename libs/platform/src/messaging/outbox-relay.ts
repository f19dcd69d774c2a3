import { setTimeout as delay } from 'node:timers/promises';

import { headers as natsHeaders, JSONCodec, type JetStreamClient } from 'nats';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

import type { PreparedStatement } from '../db/database';
import { listenInProcess } from '../db/notify-after-commit';
import type { Logger } from '../logging/logger';
import type { MetricsService } from '../metrics/metrics.service';
import type { Naming } from './naming';
import { SingleFlight } from './single-flight';

const BATCH_SIZE = 100;
/**
 * Cycles start at least this far apart: under load a cycle would follow every commit and carry one event;
 * spaced, each carries what the last few milliseconds committed. Idle, an event goes at once.
 */
const MIN_CYCLE_MS = 5;
const RETENTION = '7 days';
/** Cleanup of published rows runs once every this many cycles. */
const CLEANUP_EVERY = 300;

/** Pending rows, oldest first: only the leader reads them, so they need no row lock. */
const PENDING: PreparedStatement = {
  name: 'platform.outbox.pending',
  text: 'SELECT id, type, envelope, headers FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT $1',
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
 * One replica relays a schema at a time, which keeps order per aggregate: the leader, which holds a
 * session advisory lock on its own connection (the one that LISTENs), released by Postgres if the
 * process or the connection dies. The leader reads pending rows and marks them sent once JetStream
 * acknowledged them, two statements a cycle and no transaction.
 */
export class OutboxRelay {
  private connection?: Client;
  private connecting?: Promise<Client | undefined>;
  private leader = false;
  /** While leading, commits of this process wake the relay directly (see listenInProcess). */
  private unlisten?: () => void;
  private timer?: NodeJS.Timeout;
  private readonly runs = new SingleFlight(() => this.drain());
  private cycles = 0;
  private lagMeasuredAt = 0;
  private cycleStartedAt = 0;

  constructor(private readonly options: OutboxRelayOptions) {}

  async start(): Promise<void> {
    await this.connect();
    this.timer = setInterval(() => {
      this.runs.wake();
    }, this.options.pollMs);
    this.runs.wake();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.unlisten?.();
    await this.runs.stop();
    await this.connection?.end().catch(() => undefined);
  }

  /** Publishes everything pending now; resolves when the outbox was empty at some point after the call. */
  async flush(): Promise<void> {
    await this.runs.settle();
  }

  /** The relay's own connection, opened again after a failure (on the next wake). */
  private connect(): Promise<Client | undefined> {
    if (this.connection) return Promise.resolve(this.connection);
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));

    return this.connecting;
  }

  private async open(): Promise<Client | undefined> {
    const { databaseUrl, schema, channel, logger } = this.options;
    const client = new Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
    const lost = (error?: unknown): void => {
      if (this.connection !== client) return;
      this.connection = undefined;
      this.leader = false;
      this.unlisten?.();
      if (!this.runs.isStopped)
        logger.warn('Outbox relay connection lost; it reconnects on the next poll', { error });
      void client.end().catch(() => undefined);
    };
    client.on('notification', () => {
      this.runs.wake();
    });
    client.on('error', lost);
    client.on('end', () => {
      lost();
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${channel}"`);
    } catch (error) {
      logger.warn('Outbox relay cannot connect yet; polling continues', { error });
      await client.end().catch(() => undefined);

      return undefined;
    }
    this.connection = client;

    return client;
  }

  private async drain(): Promise<void> {
    try {
      const connection = await this.connect();
      if (!connection || !(await this.lead(connection))) return;
      const wait = this.cycleStartedAt + MIN_CYCLE_MS - Date.now();
      if (wait > 0) await delay(wait);
      this.cycleStartedAt = Date.now();
      // Whatever woke the relay until now is read by this cycle: no second cycle for it.
      this.runs.served();
      let published: number;
      do {
        published = await this.relayBatch(connection);
      } while (published === BATCH_SIZE && !this.runs.isStopped);
      // Once per poll interval: under load a cycle follows every commit, and the gauge needs no more.
      if (Date.now() - this.lagMeasuredAt >= this.options.pollMs) await this.measureLag();
      this.cycles += 1;
      if (this.cycles % CLEANUP_EVERY === 0) await this.deletePublished();
    } catch (error) {
      this.options.logger.warn('Outbox relay cycle failed; it will retry', { error });
    }
  }

  /** True while this replica leads; the others try again on each wake, and one takes over a lost lead. */
  private async lead(connection: Client): Promise<boolean> {
    if (this.leader) return true;
    const { rows } = await connection.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
      [`ecom.outbox.${this.options.schema}`],
    );
    this.leader = rows[0]?.locked === true;
    if (this.leader) {
      this.unlisten = listenInProcess(this.options.dataSource, this.options.channel, () => {
        this.runs.wake();
      });
    }

    return this.leader;
  }

  private async relayBatch(connection: Client): Promise<number> {
    const { jetstream, naming, metrics, logger } = this.options;
    const { rows } = await connection.query<OutboxRow>({ ...PENDING, values: [BATCH_SIZE] });
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
      await connection.query({ ...MARK_SENT, values: [sent.map((row) => row.id)] });
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
