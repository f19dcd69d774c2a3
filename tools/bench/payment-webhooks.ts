// `node dist/tools/bench/payment-webhooks.js` (after `npm run build`): signed provider callbacks processed
// per second through the gateway, gateway (raw body kept) → NATS → payment → signature check, conditional
// transition, stored callback and outbox event in one Postgres transaction. Every callback settles a
// distinct intent created beforehand (the expensive case; a replay only reads). Uses the running Postgres
// and NATS (DATABASE_URL, NATS_URL, 127.0.0.1 defaults), its own database and NATS prefix, removed after.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import autocannon from 'autocannon';
import { connect } from 'nats';
import { Client } from 'pg';

import { PAYMENT_SUBJECTS, type PaymentIntentView } from '@ecom/contracts';
import { Naming, ServiceClient } from '@ecom/platform';
import { freePort, until, write } from './bench-kit';
import { buildBenchEnv, type BenchInfra } from './bench-env';
import { deleteStreams, dropDatabase, recreateDatabase } from './bench-storage';
import { BenchChild } from './child-process';

const ROOT = join(__dirname, '..', '..', '..');
const DATABASE = 'ecom_bench_webhooks';
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
  const server = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  const infra: BenchInfra = {
    databaseUrl: await recreateDatabase(server, DATABASE),
    natsUrl,
    natsPrefix: `bench_webhooks_${randomBytes(4).toString('hex')}.`,
  };
  const logs = join(ROOT, '.data', 'logs');
  mkdirSync(logs, { recursive: true });
  const children: BenchChild[] = [];
  const onExit = (child: BenchChild, how: string): void => {
    write(`${child.spec.name} exited (${how}):\n${child.tail()}`);
  };
  const nats = await connect({ servers: natsUrl });
  try {
    // A random start: benches of other services probe ports from fixed starts on the same machine.
    const paymentPort = await freePort(13201 + Math.floor(Math.random() * 2000));
    const gatewayPort = await freePort(paymentPort + 1);
    const shared = { SANDBOX_WEBHOOK_SECRET: SECRET, RECONCILE_INTERVAL_MS: '0' };
    children.push(
      BenchChild.start(
        {
          name: 'payment',
          script: join(ROOT, 'dist/apps/payment/src/main.js'),
          env: { ...buildBenchEnv(process.env, infra, paymentPort), ...shared },
          logFile: join(logs, 'bench-webhooks-payment.log'),
        },
        ROOT,
        onExit,
      ),
    );
    await until(
      'payment ready',
      async () => (await fetch(`http://127.0.0.1:${paymentPort}/health/ready`)).ok,
    );
    children.push(
      BenchChild.start(
        {
          name: 'gateway',
          script: join(ROOT, 'dist/apps/gateway/src/main.js'),
          env: buildBenchEnv(process.env, infra, gatewayPort),
          logFile: join(logs, 'bench-webhooks-gateway.log'),
        },
        ROOT,
        onExit,
      ),
    );
    await until('gateway up', async () => (await fetch(`http://127.0.0.1:${gatewayPort}/health`)).ok);
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
    for (const child of children.reverse()) await child.stop(12_000);
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
