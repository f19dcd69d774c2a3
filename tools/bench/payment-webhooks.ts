// `node dist/tools/bench/payment-webhooks.js` (after `npm run build`): signed provider callbacks processed
// per second through the gateway, gateway (raw body kept) → NATS → payment → signature check, conditional
// transition, stored callback and outbox event in one Postgres transaction. Every callback settles a
// distinct intent created beforehand (the expensive case; a replay only reads). Uses the running Postgres
// and NATS (DATABASE_URL, NATS_URL, 127.0.0.1 defaults), its own database and NATS prefix, removed after.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';

import autocannon from 'autocannon';
import { connect } from 'nats';
import { Client } from 'pg';

import { PAYMENT_SUBJECTS, type PaymentIntentView } from '@ecom/contracts';
import { Naming, ServiceClient } from '@ecom/platform';
import { freePort, write } from './bench-kit';
import { BenchPlatform, runBench } from './bench-platform';

const SECRET = randomBytes(24).toString('hex');
const WEBHOOKS = Number(process.env['BENCH_WEBHOOKS'] ?? 3000);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 20);

/** The sandbox's approval callback for one intent, as its bytes go on the wire. */
function callbackOf(intent: PaymentIntentView): string {
  return JSON.stringify({
    id: `evt_${randomUUID().replaceAll('-', '')}`,
    type: 'payment.approved',
    created: Math.floor(Date.now() / 1000),
    data: {
      reference: intent.provider_reference,
      intent_id: intent.id,
      amount: intent.amount,
      currency: intent.currency,
      reason: null,
    },
  });
}

/** Creates `count` sandbox intents over NATS, as the wallet or the marketplace would, a few at a time. */
async function createIntents(client: ServiceClient, count: number): Promise<PaymentIntentView[]> {
  const intents: PaymentIntentView[] = [];
  const worker = async (): Promise<void> => {
    while (intents.length < count) {
      intents.push(
        await client.request<PaymentIntentView>(PAYMENT_SUBJECTS.createIntent, {
          idempotency_key: `bench-${randomUUID()}`,
          purpose: 'wallet_recharge',
          reference_id: randomUUID(),
          payer_id: randomUUID(),
          method: 'yas',
          payer_phone: '+22890112233',
          amount: 10_000,
          currency: 'XOF',
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));

  return intents.slice(0, count);
}

async function main(): Promise<number> {
  const platform = await BenchPlatform.create('webhooks');
  const { infra } = platform;
  const nats = await connect({ servers: infra.natsUrl });
  try {
    // A random start: benches of other services probe ports from fixed starts on the same machine.
    const paymentPort = await freePort(13201 + Math.floor(Math.random() * 2000));
    const gatewayPort = await freePort(paymentPort + 1);
    const shared = { SANDBOX_WEBHOOK_SECRET: SECRET, RECONCILE_INTERVAL_MS: '0' };
    await platform.start('payment', paymentPort, { env: shared });
    // The gateway's readiness waits for every service: up is enough here, only payment runs.
    await platform.start('gateway', gatewayPort, { ready: '/health' });
    const client = new ServiceClient(nats, new Naming(infra.natsPrefix), 30_000);
    const intents = await createIntents(client, WEBHOOKS);
    const signed = intents.map((intent) => {
      const body = callbackOf(intent);
      const at = Math.floor(Date.now() / 1000);
      const signature = createHmac('sha256', SECRET).update(`${at}.${body}`).digest('hex');

      return {
        body,
        headers: { 'content-type': 'application/json', 'x-sandbox-signature': `t=${at},v1=${signature}` },
      };
    });
    write(
      `POST /api/v1/payments/webhooks/sandbox, ${WEBHOOKS} signed callbacks (one per intent), ${CONNECTIONS} connections`,
    );
    let next = 0;
    // The shared typings (autocannon.d.ts) know GET runs only; per-request bodies use these options of autocannon's.
    const options: autocannon.Options & {
      amount: number;
      requests: {
        method: string;
        setupRequest: (request: Record<string, unknown>) => Record<string, unknown>;
      }[];
    } = {
      url: `http://127.0.0.1:${gatewayPort}/api/v1/payments/webhooks/sandbox`,
      connections: CONNECTIONS,
      amount: WEBHOOKS,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const webhook = signed[next % signed.length];
            next += 1;

            return { ...request, method: 'POST', body: webhook?.body, headers: webhook?.headers };
          },
        },
      ],
    };
    const started = Date.now();
    const result = await autocannon(options);
    const seconds = (Date.now() - started) / 1000;
    const db = new Client({ connectionString: infra.databaseUrl });
    await db.connect();
    const counted = await db.query<{ succeeded: string; events: string }>(
      `SELECT (SELECT count(*) FROM payment.intents WHERE status = 'succeeded') AS succeeded,
              (SELECT count(*) FROM payment.outbox WHERE type = 'payment.intent.succeeded') AS events`,
    );
    await db.end();
    const row = counted.rows[0];
    write(
      `webhooks/s ${(result.requests.total / seconds).toFixed(1)}  p50 ${result.latency.p50} ms  ` +
        `p99 ${result.latency.p99} ms  errors ${result.errors}  non-2xx ${result.non2xx}  ` +
        `intents settled ${row?.succeeded ?? '?'}/${WEBHOOKS}, success events ${row?.events ?? '?'}`,
    );

    return result.errors + result.non2xx > 0 || Number(row?.succeeded) !== WEBHOOKS ? 1 : 0;
  } finally {
    await nats.close();
    await platform.dispose();
  }
}

runBench(main);
