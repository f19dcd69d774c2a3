// `npm run bench:notifications` (builds first): messages per second the notification service's sandbox
// pipeline sustains from JetStream. Publishes BENCH_EVENTS `auth.otp.requested` events (distinct phones, so
// the per-phone SMS limit never holds one back) as auth's outbox relay would, and times until every SMS is
// delivered: consumer (inbox + message row) → delivery worker (claim, sandbox send, attempt, outbox) →
// `notification.message.sent` back through JetStream → sandbox receipt → delivered. Uses the running
// Postgres and NATS, its own database and NATS prefix, and removes both when done.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { AUTH_EVENTS, type EventEnvelope, type OtpRequestedEvent } from '@ecom/contracts';
import { Naming, SealedBox } from '@ecom/platform';
import { connect, JSONCodec } from 'nats';
import { Client } from 'pg';

import { freePort, until, write } from './bench-kit';
import { buildBenchEnv, type BenchInfra } from './bench-env';
import { deleteStreams, dropDatabase, recreateDatabase } from './bench-storage';
import { BenchChild } from './child-process';

const ROOT = join(__dirname, '..', '..', '..');
const DATABASE = 'ecom_bench_notifications';
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 2000);
/** Publishes in flight at once (JetStream acknowledges each). */
const PUBLISH_WINDOW = 200;
/** Notification's local OTP_DELIVERY_KEY default, the key its development config opens codes with. */
const LOCAL_OTP_DELIVERY_KEY = 'bG9jYWwtb3RwLWRlbGl2ZXJ5LWtleS0zMi1ieXRlcyE=';
const codec = JSONCodec();

function otpEvent(sealer: SealedBox, index: number): EventEnvelope<OtpRequestedEvent> {
  const otpId = randomUUID();
  const code = String(100000 + (index % 900000));

  return {
    id: randomUUID(),
    type: AUTH_EVENTS.otpRequested,
    occurred_at: new Date().toISOString(),
    source: 'auth',
    correlation_id: randomUUID(),
    data: {
      otp_id: otpId,
      phone: `+2289${String(index).padStart(7, '0')}`,
      purpose: 'login',
      sealed_code: sealer.seal(code, otpId),
      expires_at: new Date(Date.now() + 5 * 60_000).toISOString(),
    },
  };
}

async function main(): Promise<number> {
  const server = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  const infra: BenchInfra = {
    databaseUrl: await recreateDatabase(server, DATABASE),
    natsUrl,
    natsPrefix: `bench_notifications_${randomBytes(4).toString('hex')}.`,
  };
  const logs = join(ROOT, '.data', 'logs');
  mkdirSync(logs, { recursive: true });
  let child: BenchChild | undefined;
  const db = new Client({ connectionString: infra.databaseUrl });
  const nats = await connect({ servers: natsUrl });
  try {
    const port = await freePort(13201);
    child = BenchChild.start(
      {
        name: 'notification',
        script: join(ROOT, 'dist/apps/notification/src/main.js'),
        env: { ...buildBenchEnv(process.env, infra, port), SMS_PROVIDER: 'sandbox' },
        logFile: join(logs, 'bench-notification.log'),
      },
      ROOT,
      (exited, how) => {
        write(`${exited.spec.name} exited (${how}):\n${exited.tail()}`);
      },
    );
    await until('notification ready', async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok);
    await db.connect();
    const sealer = new SealedBox(LOCAL_OTP_DELIVERY_KEY);
    const events = Array.from({ length: EVENTS }, (_, index) => otpEvent(sealer, index));
    const subject = new Naming(infra.natsPrefix).event(AUTH_EVENTS.otpRequested);
    const jetstream = nats.jetstream();
    write(`${EVENTS} auth.otp.requested events → sandbox SMS, one notification process`);

    const started = performance.now();
    for (let from = 0; from < events.length; from += PUBLISH_WINDOW) {
      await Promise.all(
        events
          .slice(from, from + PUBLISH_WINDOW)
          .map((event) => jetstream.publish(subject, codec.encode(event), { msgID: event.id })),
      );
    }
    const published = performance.now();
    let recordedAt: number | undefined;
    await until(
      'every SMS delivered',
      async () => {
        const { rows } = await db.query<{ recorded: number; delivered: number; failed: number }>(
          `SELECT count(*)::int AS recorded, count(*) FILTER (WHERE status = 'delivered')::int AS delivered,
                  count(*) FILTER (WHERE status = 'failed')::int AS failed FROM notification.messages`,
        );
        const counts = rows[0];
        if (!counts) return false;
        if (counts.failed > 0) throw new Error(`${counts.failed} messages failed`);
        if (recordedAt === undefined && counts.recorded === EVENTS) recordedAt = performance.now();

        return counts.delivered === EVENTS;
      },
      600_000,
      20,
    );
    const delivered = performance.now();
    const { rows: latency } = await db.query<{ p50: number; p99: number }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
       FROM (SELECT EXTRACT(EPOCH FROM delivered_at - created_at) * 1000 AS ms FROM notification.messages) latencies`,
    );
    const seconds = (delivered - started) / 1000;
    write(`published in ${((published - started) / 1000).toFixed(2)} s`);
    if (recordedAt !== undefined) {
      write(
        `recorded (consumer) in ${((recordedAt - started) / 1000).toFixed(2)} s: ${(EVENTS / ((recordedAt - started) / 1000)).toFixed(0)} messages/s`,
      );
    }
    write(
      `delivered in ${seconds.toFixed(2)} s: ${(EVENTS / seconds).toFixed(0)} messages/s end to end; ` +
        `row to delivered p50 ${(latency[0]?.p50 ?? 0).toFixed(0)} ms, p99 ${(latency[0]?.p99 ?? 0).toFixed(0)} ms`,
    );

    return 0;
  } finally {
    await db.end().catch(() => undefined);
    await nats.close().catch(() => undefined);
    await child?.stop(12_000);
    await dropDatabase(server, DATABASE).catch(() => undefined);
    await deleteStreams(natsUrl, infra.natsPrefix).catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
