// `npm run bench:marketplace` (build first): the marketplace's two figures of issue 8, in one run.
// 1. Search p95 over 100 000 generated products, at the database (the service's query shape, run with pg)
//    and through the gateway (GET /api/v1/products?search=…), one request at a time.
// 2. Checkouts per second through the gateway (POST /api/v1/orders, 1 store, 3 lines, paid from the
//    wallet, 8 connections buying as the demo accounts, 20 s) next to pgbench TPC-B tps on a scratch
//    database of the same server.
// Auth, wallet, payment, marketplace and gateway run from dist/; each buyer's wallet is funded as a
// confirmed recharge would fund it (`wallet.ops.credit` on the bus), its limits lifted for the run.
import { randomUUID } from 'node:crypto';

import { connect, JSONCodec, type NatsConnection } from 'nats';
import { Client } from 'pg';

import { DEMO_ACCOUNTS } from '../start/demo-accounts';
import { freePort, until, write } from './bench-kit';
import { BenchPlatform, runBench } from './bench-platform';

const PRODUCTS = Number(process.env['BENCH_PRODUCTS'] ?? 100_000);
const SEARCHES = Number(process.env['BENCH_SEARCHES'] ?? 300);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 8);
const codec = JSONCodec();

/** Words the generated catalogue is made of, accents included; searches pick from the same words. */
const NOUNS = [
  'Fût',
  'Barrique',
  'Tonneau',
  'Pagne',
  'Riz',
  'Huile',
  'Sac',
  'Lampe',
  'Chemise',
  'Panier',
  'Marmite',
  'Djembé',
];
const QUALIFIERS = [
  'de chêne',
  'en acacia',
  'wax',
  'parfumé',
  'de palme',
  'en raphia',
  'solaire',
  'brodée',
  'tressé',
  'en fonte',
  'sculpté',
  'de Kpalimé',
];
const SEARCH_TERMS = [
  'fut chene',
  'barrique',
  'tonneau acacia',
  'pagne wax',
  'riz parfume',
  'huile palme',
  'sac raphia',
  'lampe solaire',
  'djembe',
  'marmite fonte',
  'panier tresse',
  'chemise brodee',
  'chene francais',
  'kpalime',
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);

  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function summary(label: string, values: number[]): string {
  return `${label}: p50 ${percentile(values, 50).toFixed(1)} ms  p95 ${percentile(values, 95).toFixed(1)} ms  (n=${values.length})`;
}

/** A request on the bus as another service sends it (Nest's packet format), retried until it is answered. */
async function busRequest(connection: NatsConnection, subject: string, data: unknown): Promise<void> {
  await until(`${subject} answered`, async () => {
    const reply = await connection.request(
      subject,
      codec.encode({ pattern: subject, data, id: randomUUID() }),
      {
        timeout: 5000,
      },
    );
    const packet = codec.decode(reply.data) as { err?: unknown };

    return packet.err === undefined || packet.err === null;
  });
}

/** 100 000 products in 50 stores, named from the word lists, a fifth of them barrels with specifications. */
async function seedCatalogue(db: Client): Promise<string[]> {
  await db.query(`
    INSERT INTO categories (id, name, slug, icon) VALUES (gen_random_uuid(), 'Divers', 'divers', '📦')
    ON CONFLICT (slug) DO NOTHING`);
  await db.query(`
    INSERT INTO stores (id, owner_id, name, address, lat, lng, phone, business_hours)
    SELECT gen_random_uuid(), gen_random_uuid(), 'Boutique ' || n, 'Lomé', 6.13 + n / 1000.0, 1.22, '+22890' || lpad(n::text, 6, '0'),
           '{"monday":[{"open":"00:00","close":"24:00"}]}'
      FROM generate_series(1, 50) AS n`);
  await db.query(
    `INSERT INTO products (id, store_id, category_id, name, description, price, stock_quantity, specifications, rating, created_at)
     SELECT gen_random_uuid(),
            (SELECT id FROM stores ORDER BY id OFFSET (n % 50) LIMIT 1),
            (SELECT id FROM categories WHERE slug = 'divers'),
            ($2::text[])[1 + n % array_length($2::text[], 1)] || ' ' || ($3::text[])[1 + (n / 7) % array_length($3::text[], 1)] || ' n°' || n,
            'Article ' || n || ' du catalogue de démonstration, livré à Lomé',
            500 + (n * 37) % 300000, n % 40,
            CASE WHEN n % 5 = 0 THEN jsonb_build_object('origin_country', (ARRAY['France', 'Écosse', 'Hongrie', 'Togo'])[1 + n % 4],
                 'wood_type', (ARRAY['Chêne', 'Acacia', 'Châtaignier'])[1 + n % 3], 'volume_liters', 20 + n % 480) ELSE '{}' END,
            (n % 50) / 10.0, now() - make_interval(secs => n)
       FROM generate_series(1, $1::int) AS n`,
    [PRODUCTS, NOUNS, QUALIFIERS],
  );
  await db.query('ANALYZE');
  const [store] = (await db.query<{ id: string }>(`SELECT id FROM stores ORDER BY id LIMIT 1`)).rows;
  const checkout = await db.query<{ id: string }>(
    `INSERT INTO products (id, store_id, name, price, stock_quantity)
     SELECT gen_random_uuid(), $1, 'Article de caisse ' || n, 100 * n, 1000000 FROM generate_series(1, 3) AS n
     RETURNING id`,
    [store?.id],
  );

  return checkout.rows.map((row) => row.id);
}

/**
 * The query the service runs for `GET /products?search=…` (products/product-search.ts), first page of 20;
 * the name bonus takes the typed words as the service does (lower case, accents removed), and the same
 * transaction-local planner setting.
 */
const SEARCH_SQL = `
  SELECT p.id, p.name, (ts_rank(p.search_vector, q) + 0.1 * ((strpos(p.name_key, $2) > 0)::int
         + (strpos(p.name_key, coalesce($3, $2)) > 0)::int))::real AS rank
    FROM products p JOIN stores s ON s.id = p.store_id LEFT JOIN categories c ON c.id = p.category_id,
         websearch_to_tsquery('french', immutable_unaccent($1)) AS q
   WHERE p.is_active AND p.deleted_at IS NULL AND s.is_active AND p.search_vector @@ q
   ORDER BY rank DESC, p.id DESC LIMIT 21`;

function searchParams(term: string): string[] {
  const words = term.split(' ');

  return [term, words[0] ?? term, words[1] ?? words[0] ?? term];
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();

  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Each connection buys as its own buyer, as many people do: no one wallet is the bottleneck. */
async function checkoutsPerSecond(
  url: string,
  tokens: string[],
  productIds: string[],
): Promise<{ rate: number; failed: number }> {
  const deadline = Date.now() + SECONDS * 1000;
  let done = 0;
  let failed = 0;
  const body = JSON.stringify({
    items: productIds.map((product_id) => ({ product_id, quantity: 1 })),
    delivery_address: { street: 'Rue des Cocotiers 12', city: 'Lomé' },
    payment_method: 'wallet',
  });
  const worker = async (index: number): Promise<void> => {
    const token = tokens[index % tokens.length] ?? '';
    while (Date.now() < deadline) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': randomUUID(),
        },
        body,
      });
      await response.arrayBuffer();
      if (response.status === 201) done += 1;
      else failed += 1;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, index) => worker(index)));

  return { rate: done / ((Date.now() - started) / 1000), failed };
}

async function main(): Promise<number> {
  const platform = await BenchPlatform.create('marketplace');
  const bus = await connect({ servers: platform.infra.natsUrl.split(','), name: 'bench-marketplace' });
  const db = new Client({ connectionString: platform.infra.databaseUrl });
  const start = (app: string, port: number, env: NodeJS.ProcessEnv = {}) =>
    platform.start(app, port, { env });
  try {
    const authPort = await freePort(13201);
    await start('auth', authPort, { LOAD_DEMO_DATA: 'true' });
    const walletPort = await freePort(authPort + 1);
    await start('wallet', walletPort, {
      WALLET_SINGLE_TRANSACTION_MAX: '1000000000',
      WALLET_DAILY_LIMIT: '1000000000',
      WALLET_MONTHLY_LIMIT: '1000000000',
    });
    const paymentPort = await freePort(walletPort + 1);
    await start('payment', paymentPort);
    const marketPort = await freePort(paymentPort + 1);
    await start('marketplace', marketPort, { ORDER_ATTEMPTS_PER_MINUTE: '100000000', DB_POOL_SIZE: '20' });
    const gatewayPort = await freePort(marketPort + 1);
    // The gateway's readiness waits for every service; this run starts three, so it is ready when it routes.
    await platform.start('gateway', gatewayPort, { ready: '/api/v1/categories' });
    const api = `http://127.0.0.1:${gatewayPort}/api/v1`;

    await db.connect();
    await db.query('SET search_path = marketplace, public');
    const seeding = Date.now();
    const productIds = await seedCatalogue(db);
    write(`seeded ${PRODUCTS} products in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);

    const atDatabase: number[] = [];
    const atGateway: number[] = [];
    for (let index = 0; index < SEARCHES; index += 1) {
      const term = SEARCH_TERMS[index % SEARCH_TERMS.length] ?? 'fut';
      atDatabase.push(
        await timed(async () => {
          await db.query('BEGIN');
          await db.query('SET LOCAL enable_seqscan = off');
          await db.query(SEARCH_SQL, searchParams(term));
          await db.query('COMMIT');
        }),
      );
      atGateway.push(
        await timed(async () => {
          const response = await fetch(`${api}/products?search=${encodeURIComponent(term)}`);
          if (!response.ok) throw new Error(`search answered ${response.status}`);
          await response.arrayBuffer();
        }),
      );
    }
    write(summary('search at the database', atDatabase));
    write(summary('search through the gateway', atGateway));

    // The demo accounts buy; each wallet opens on its registration event, so its credit is retried until then.
    const tokens: string[] = [];
    for (const account of DEMO_ACCOUNTS) {
      const login = await fetch(`${api}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone: account.phone, password: account.password }),
      });
      const session = (await login.json()) as { access_token: string; user: { id: string } };
      tokens.push(session.access_token);
      await busRequest(bus, `${platform.infra.natsPrefix}wallet.ops.credit`, {
        user_id: session.user.id,
        amount: 500_000_000,
        category: 'recharge',
        funding_provider: 'yas',
        idempotency_key: randomUUID(),
      });
    }
    const cpuBefore = platform.cpuMs();
    const checkouts = await checkoutsPerSecond(`${api}/orders`, tokens, productIds);
    const cpu = platform.cpuPerOperation(cpuBefore, checkouts.rate * SECONDS);
    await platform.stopApps();
    const tps = await platform.pgbenchTps(SECONDS);
    write(
      `checkouts/s through the gateway (1 store, 3 lines, wallet, ${CONNECTIONS} connections, ${SECONDS} s): ` +
        `${checkouts.rate.toFixed(1)}  failed ${checkouts.failed}`,
    );
    write(`cpu per checkout (µs): ${cpu}`);
    write(`pgbench TPC-B (-c 8 -T ${SECONDS}) tps: ${tps.toFixed(1)}`);
    write(`ratio checkouts/s ÷ tps: ${(checkouts.rate / tps).toFixed(3)} (goal ≥ 0.15)`);
    write(`search p95 at the database ${percentile(atDatabase, 95).toFixed(1)} ms (goal ≤ 50 ms)`);

    return checkouts.failed > 0 ? 1 : 0;
  } finally {
    await db.end().catch(() => undefined);
    await bus.close().catch(() => undefined);
    await platform.dispose();
  }
}

runBench(main);
