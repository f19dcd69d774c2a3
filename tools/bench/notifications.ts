// `npm run bench:notifications` (builds first): messages per second the notification service's sandbox
// pipeline sustains from JetStream. Publishes BENCH_EVENTS `auth.otp.requested` events (distinct phones, so
// the per-phone SMS limit never holds one back) as auth's outbox relay would, and times until every SMS is
// delivered: consumer (inbox + message row) → delivery worker (claim, sandbox send, attempt, outbox) →
// `notification.message.sent` back through JetStream → sandbox receipt → delivered. Uses the running
// Postgres and NATS, its own database and NATS prefix, and removes both when done.
import { randomUUID } from 'node:crypto';

import { AUTH_EVENTS, type EventEnvelope, type OtpRequestedEvent } from '@ecom/contracts';
import { Naming, SealedBox } from '@ecom/platform';
import { LOCAL_OTP_DELIVERY_KEY } from '@ecom/testing';
import { connect, JSONCodec } from 'nats';
import { Client } from 'pg';

import { freePort, until, write } from './bench-kit';
import { BenchPlatform, runBench } from './bench-platform';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 2000);
/** Publishes in flight at once (JetStream acknowledges each). */
const PUBLISH_WINDOW = 200;
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
  const platform = await BenchPlatform.create('notifications');
  const { infra } = platform;
  const db = new Client({ connectionString: infra.databaseUrl });
  const nats = await connect({ servers: infra.natsUrl });
  try {
    const port = await freePort(13201);
    await platform.start('notification', port, { env: { SMS_PROVIDER: 'sandbox' } });
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
    await platform.dispose();
  }
}

runBench(main);
