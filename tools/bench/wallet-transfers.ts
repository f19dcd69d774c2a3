// `node dist/tools/bench/wallet-transfers.js` (after `npm run build`): P2P transfers per second through the
// gateway (gateway → NATS → wallet → one Postgres transaction locking two wallets, postings, limits, AML,
// outbox), beside pgbench's TPC-B on the same server in the same run. It uses the running Postgres and
// NATS (DATABASE_URL, NATS_URL, 127.0.0.1 defaults), databases and a NATS prefix of its own, removed when
// done. Users register through the real OTP flow (codes read from the sealed events, as the SMS sandbox
// does), are funded as a confirmed recharge would fund them (`wallet.ops.credit`), then send each other
// 1 to 500 F CFA at random, each request with its own Idempotency-Key.
import { randomInt, randomUUID } from 'node:crypto';

import autocannon from 'autocannon';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { AUTH_EVENTS, type EventEnvelope, type OtpRequestedEvent } from '@ecom/contracts';
import { Naming, SealedBox, ServiceClient } from '@ecom/platform';
import { LOCAL_OTP_DELIVERY_KEY } from '@ecom/testing';

import { freePort, until, write } from './bench-kit';
import { BenchPlatform, runBench } from './bench-platform';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 20);
const USERS = Number(process.env['BENCH_USERS'] ?? 100);
const codec = JSONCodec();

interface User {
  phone: string;
  token: string;
  id: string;
}

/** The part of autocannon's request options the shared typings leave out (autocannon 8, lib/requestIterator.js). */
interface TransferRequests {
  method: string;
  headers: Record<string, string>;
  requests: { setupRequest: (request: { headers: Record<string, string>; body?: string }) => unknown }[];
}

/** One-time codes as the SMS sandbox reads them: from the sealed `auth.otp.requested` events. */
async function readCodes(connection: NatsConnection, naming: Naming): Promise<Map<string, string>> {
  const codes = new Map<string, string>();
  const sealer = new SealedBox(LOCAL_OTP_DELIVERY_KEY);
  const consumer = await connection
    .jetstream()
    .consumers.get(naming.eventsStream, { filterSubjects: naming.event(AUTH_EVENTS.otpRequested) });
  const messages = await consumer.consume();
  void (async () => {
    for await (const message of messages) {
      const otp = (codec.decode(message.data) as EventEnvelope<OtpRequestedEvent>).data;
      codes.set(otp.phone, sealer.open(otp.sealed_code, otp.otp_id));
    }
  })();

  return codes;
}

async function register(api: string, codes: Map<string, string>, index: number): Promise<User> {
  const phone = `+22891${String(index).padStart(6, '0')}`;
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${api}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);

    return (await response.json()) as T;
  };
  await post('/auth/send-otp', { phone, purpose: 'registration' });
  const code = await until(`the code for ${phone}`, () => Promise.resolve(codes.get(phone)));
  const { verification_token } = await post<{ verification_token: string }>('/auth/verify-otp', {
    phone,
    code,
    purpose: 'registration',
  });
  const session = await post<{ access_token: string; user: { id: string } }>('/auth/register', {
    verification_token,
    first_name: `Bench${index}`,
    last_name: 'Wallet',
    password: 'Bench-Wallet-2025!',
    user_type: 'client',
  });

  return { phone, token: session.access_token, id: session.user.id };
}

async function main(): Promise<number> {
  const platform = await BenchPlatform.create('wallet');
  let connection: NatsConnection | undefined;
  try {
    const authPort = await freePort(13201);
    const walletPort = await freePort(authPort + 1);
    const gatewayPort = await freePort(walletPort + 1);
    // Registration is set-up, not the measure: the lightest argon2 and no OTP limits.
    await platform.start('auth', authPort, {
      env: {
        ARGON2_MEMORY_KIB: '1024',
        ARGON2_ITERATIONS: '1',
        OTP_MAX_PER_IP_PER_HOUR: '100000',
        OTP_RESEND_COOLDOWN_SECONDS: '0',
      },
    });
    // Limits out of the way: the bench measures transfers, not refusals. Each synthetic user pays dozens of
    // others within a minute, which the real threshold would flag on nearly every transfer: flags are for
    // exceptions, so that one is lifted (every transfer is still screened, and round trips still flagged).
    await platform.start('wallet', walletPort, {
      env: {
        WALLET_SINGLE_TRANSACTION_MAX: '1000000000',
        WALLET_DAILY_LIMIT: '1000000000',
        WALLET_MONTHLY_LIMIT: '1000000000',
        AML_MAX_RECEIVERS_PER_HOUR: '1000',
        DB_POOL_SIZE: '20',
      },
    });
    // The gateway is ready only when every service answers; here only auth and wallet run.
    await platform.start('gateway', gatewayPort, { ready: '/health' });
    const api = `http://127.0.0.1:${gatewayPort}/api/v1`;
    connection = await connect({ servers: platform.infra.natsUrl.split(','), name: 'ecom-bench-wallet' });
    const naming = new Naming(platform.infra.natsPrefix);
    const codes = await readCodes(connection, naming);
    const users: User[] = [];
    for (let batch = 0; batch < USERS; batch += 10) {
      const indexes = Array.from({ length: Math.min(10, USERS - batch) }, (_, offset) => batch + offset);
      users.push(...(await Promise.all(indexes.map((index) => register(api, codes, index)))));
    }
    const client = new ServiceClient(connection, naming, 10_000);
    for (const user of users) {
      await client.request('wallet.ops.credit', {
        user_id: user.id,
        amount: 1_000_000,
        category: 'recharge',
        funding_provider: 'yas',
        idempotency_key: `bench-fund-${user.id}`,
      });
    }
    write(
      `${users.length} users funded; POST /api/v1/wallet/transfer, ${CONNECTIONS} connections, ${SECONDS} s`,
    );
    const options: autocannon.Options & TransferRequests = {
      url: `${api}/wallet/transfer`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          setupRequest: (request) => {
            const from = randomInt(0, users.length);
            const to = (from + randomInt(1, users.length)) % users.length;
            request.headers = {
              ...request.headers,
              authorization: `Bearer ${users[from]?.token ?? ''}`,
              'idempotency-key': randomUUID(),
            };
            request.body = JSON.stringify({ to_phone: users[to]?.phone, amount: randomInt(1, 501) });

            return request;
          },
        },
      ],
    };
    const cpuBefore = platform.cpuMs();
    const result = await autocannon(options);
    const cpu = platform.cpuPerOperation(cpuBefore, result.requests.total);
    const transfers = result.requests.average;
    write(
      `transfers/s ${transfers.toFixed(1)}  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  ` +
        `errors ${result.errors}  non-2xx ${result.non2xx}`,
    );
    const reconciliation = await client.request<{ ok: boolean }>(
      'wallet.admin.reconcile',
      {},
      {
        context: {
          requestId: randomUUID(),
          correlationId: randomUUID(),
          caller: { user_id: randomUUID(), roles: ['admin'] },
        },
      },
    );
    write(`cpu per transfer (µs): ${cpu}`);
    // The same path with the least work behind it (one indexed read): the floor a transfer stands on.
    const reads = await autocannon({
      url: `${api}/wallet/balance`,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          setupRequest: (request: { headers: Record<string, string> }) => {
            request.headers = {
              ...request.headers,
              authorization: `Bearer ${users[randomInt(0, users.length)]?.token ?? ''}`,
            };

            return request;
          },
        },
      ],
    } as autocannon.Options);
    write(
      `balance reads/s through the same path: ${reads.requests.average.toFixed(1)}  p99 ${reads.latency.p99} ms`,
    );
    write(`reconciliation after the run: ${reconciliation.ok ? 'ok' : 'DIFFERENCES'}`);
    await platform.stopApps();
    const tps = await platform.pgbenchTps(SECONDS);
    write(`pgbench TPC-B (-c 8, ${SECONDS} s): tps ${tps.toFixed(1)}`);
    write(`ratio transfers/s ÷ pgbench tps: ${(transfers / tps).toFixed(2)} (goal >= 0.30)`);

    return result.errors + result.non2xx > 0 || !reconciliation.ok ? 1 : 0;
  } finally {
    await connection?.close().catch(() => undefined);
    await platform.dispose();
  }
}

runBench(main);
