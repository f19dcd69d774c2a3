// `node dist/tools/bench/login.js` (after `npm run build`): sign-ins per second through the gateway,
// gateway → NATS → auth → Postgres + argon2id verify, with auth's configured argon2 cost. A separate entry
// beside the routed-path bench (main.ts); it uses the running Postgres and NATS (DATABASE_URL, NATS_URL,
// 127.0.0.1 defaults), its own database and NATS prefix, and removes both when done.
import autocannon from 'autocannon';

import { freePort, until, write } from './bench-kit';
import { BenchPlatform, runBench } from './bench-platform';

/** The demo client auth loads (apps/auth/src/demo/demo-data.ts). */
const ACCOUNT = { phone: '+22890000002', password: 'Kpalime-Market-25!' };
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 20);

async function main(): Promise<number> {
  const platform = await BenchPlatform.create('login');
  try {
    const authPort = await freePort(13101);
    const gatewayPort = await freePort(authPort + 1);
    const auth = await platform.start('auth', authPort, { env: { LOAD_DEMO_DATA: 'true' } });
    await platform.start('gateway', gatewayPort, { ready: '/health' });
    const url = `http://127.0.0.1:${gatewayPort}/api/v1/auth/login`;
    const login = (): Promise<Response> =>
      fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(ACCOUNT),
      });
    await until('a first sign-in', async () => (await login()).ok);
    const cost = ['ARGON2_MEMORY_KIB', 'ARGON2_ITERATIONS', 'ARGON2_PARALLELISM']
      .filter((name) => auth.spec.env[name] !== undefined)
      .map((name) => `${name}=${String(auth.spec.env[name])}`);
    const argon2 = cost.length > 0 ? cost.join(' ') : "auth's defaults: m=19456 KiB, t=2, p=1";
    write(`POST /api/v1/auth/login, ${CONNECTIONS} connections, ${SECONDS} s; argon2id ${argon2}`);
    // The shared typings (autocannon.d.ts) know GET runs only; a POST adds these options of autocannon's.
    const options: autocannon.Options & { method: string; headers: Record<string, string>; body: string } = {
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ACCOUNT),
      connections: CONNECTIONS,
      duration: SECONDS,
    };
    const result = await autocannon(options);
    write(
      `logins/s ${result.requests.average.toFixed(1)}  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  ` +
        `errors ${result.errors}  non-2xx ${result.non2xx}`,
    );

    return result.errors + result.non2xx > 0 ? 1 : 0;
  } finally {
    await platform.dispose();
  }
}

runBench(main);
