// `node dist/tools/bench/transport.js` (after `npm run build`, or `npm run bench:transport`): the nearest-10
// drivers query among 100 000 generated drivers, at the database and through the gateway
// (GET /api/v1/transport/nearby-drivers), and driver location updates per second through the gateway
// (PUT /api/v1/driver/location). Uses the running Postgres and NATS (DATABASE_URL, NATS_URL, 127.0.0.1
// defaults), its own database and NATS prefix, removed when done. Tokens are signed by a key of the
// bench's own, published to the gateway in auth's place.
import { randomInt } from 'node:crypto';

import autocannon from 'autocannon';
import { AUTH_JWKS_SUBJECT, type Role } from '@ecom/contracts';
import { TestSigningKey } from '@ecom/testing';
import { connect, JSONCodec } from 'nats';
import { Client } from 'pg';

import { freePort, until, write } from './bench-kit';
import { BenchPlatform, runBench } from './bench-platform';

const DRIVERS = Number(process.env['BENCH_DRIVERS'] ?? 100_000);
const DB_QUERIES = Number(process.env['BENCH_DB_QUERIES'] ?? 2000);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
/** Clients at once for the rate runs; the latency run of the nearby query uses one. */
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 10);
/** Drivers whose tokens send positions: each sends one every few seconds, under transport's 2 s limit. */
const MOVING_DRIVERS = Number(process.env['BENCH_MOVING_DRIVERS'] ?? 4000);
/** Generated drivers lie within ±0.15° (about ±17 km) of Lomé's Grand Marché. */
const CENTRE = { lat: 6.1319, lng: 1.2228 };
const SPREAD = 0.3;

const codec = JSONCodec();

function randomPoint(): { lat: number; lng: number } {
  return {
    lat: CENTRE.lat + (Math.random() - 0.5) * SPREAD * 0.8,
    lng: CENTRE.lng + (Math.random() - 0.5) * SPREAD * 0.8,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

/**
 * 100 000 drivers of every vehicle type: 90 % approved, 70 % online, positions fresh. Written by one
 * INSERT … SELECT, then analysed so the planner knows the table.
 */
async function seedDrivers(db: Client): Promise<void> {
  await db.query(
    `INSERT INTO transport.drivers (id, user_id, status, license_number, vehicle_type, vehicle_plate, is_online,
                                    lat, lng, location, last_location_at, approved_at)
     SELECT gen_random_uuid(), gen_random_uuid(),
            CASE WHEN random() < 0.9 THEN 'approved' ELSE 'pending_approval' END,
            'BENCH-' || g, (ARRAY['taxi', 'moto', 'car', 'van'])[1 + floor(random() * 4)::int], 'TG ' || g,
            random() < 0.7, lat, lng, public.ll_to_earth(lat, lng),
            now() - random() * interval '10 minutes' - interval '10 seconds', now()
     FROM (SELECT g, $2 + (random() - 0.5) * $4 AS lat, $3 + (random() - 0.5) * $4 AS lng
           FROM generate_series(1, $1::int) g) generated`,
    [DRIVERS, CENTRE.lat, CENTRE.lng, SPREAD],
  );
  await db.query('ANALYZE transport.drivers');
}

/**
 * The query of DriversRepository.nearby (apps/transport/src/drivers/drivers.repository.ts), as the
 * service sends it: the bench times Postgres alone, one query at a time.
 */
const NEAREST_10 = `SELECT * FROM (
    SELECT id, user_id, vehicle_type, lat, lng, earth_distance(location, ll_to_earth($1, $2)) AS distance_m
    FROM drivers
    WHERE is_online AND status = 'approved' AND current_ride_id IS NULL
      AND vehicle_type = ANY($3::varchar[])
      AND last_location_at > now() - make_interval(secs => $5)
    ORDER BY location <-> ll_to_earth($1, $2)
    LIMIT $6
  ) nearest
  WHERE distance_m <= $4 ORDER BY distance_m`;

async function measureDatabase(db: Client): Promise<void> {
  await db.query('SET search_path = transport, public');
  const params = (): unknown[] => {
    const point = randomPoint();

    return [point.lat, point.lng, ['taxi'], 2000, 900, 10];
  };
  const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${NEAREST_10}`, params());
  write(`plan: ${plan.rows.map((row) => row['QUERY PLAN'].trim()).join(' | ')}`);
  for (let i = 0; i < 200; i += 1) await db.query(NEAREST_10, params());
  const timings: number[] = [];
  let found = 0;
  for (let i = 0; i < DB_QUERIES; i += 1) {
    const started = process.hrtime.bigint();
    const result = await db.query(NEAREST_10, params());
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
    found += result.rowCount ?? 0;
  }
  timings.sort((a, b) => a - b);
  write(
    `database: nearest-10 among ${DRIVERS} drivers, ${DB_QUERIES} queries one at a time: ` +
      `p50 ${percentile(timings, 50).toFixed(2)} ms  p99 ${percentile(timings, 99).toFixed(2)} ms  ` +
      `max ${(timings.at(-1) ?? 0).toFixed(2)} ms  (${(found / DB_QUERIES).toFixed(1)} drivers per answer)`,
  );
}

type RequestOptions = autocannon.Options & {
  requests: { method: string; setupRequest: (request: Record<string, unknown>) => Record<string, unknown> }[];
};

async function main(): Promise<number> {
  const platform = await BenchPlatform.create('transport');
  const { infra } = platform;
  // The gateway asks auth for its verification keys; the bench answers with its own.
  const key = new TestSigningKey();
  const nats = await connect({ servers: infra.natsUrl.split(','), name: 'ecom-bench-transport' });
  nats.subscribe(`${infra.natsPrefix}${AUTH_JWKS_SUBJECT}`, {
    callback: (_error, message) => {
      const { id } = codec.decode(message.data) as { id: string };
      message.respond(codec.encode({ id, response: key.jwks(), isDisposed: true }));
    },
  });
  const db = new Client({ connectionString: infra.databaseUrl });
  try {
    // Away from the other benches' fixed ranges (13101…), which may run on the same machine.
    const transportPort = await freePort(20000 + randomInt(0, 20000));
    const gatewayPort = await freePort(transportPort + 1);
    // Generated positions are up to 10 minutes old: still fresh for the whole run.
    await platform.start('transport', transportPort, { env: { DRIVER_LOCATION_STALE_SECONDS: '900' } });
    await db.connect();
    const seeding = Date.now();
    await seedDrivers(db);
    write(`seeded ${DRIVERS} drivers in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);
    await measureDatabase(db);

    // Not ready in the gateway's sense without auth: up is enough, the first answer below is the check.
    await platform.start('gateway', gatewayPort, { ready: '/health' });
    const base = `http://127.0.0.1:${gatewayPort}/api/v1`;
    const token = (sub: string, role: Role): string => key.token({ sub, roles: [role], expiresIn: 3600 });
    const rider = token('00000000-0000-4000-8000-000000000001', 'client');
    const nearbyPath = (): string => {
      const point = randomPoint();

      return `/api/v1/transport/nearby-drivers?lat=${point.lat.toFixed(5)}&lng=${point.lng.toFixed(5)}&service_type=taxi`;
    };
    let last = '';
    await until('a first nearby answer', async () => {
      const response = await fetch(`http://127.0.0.1:${gatewayPort}${nearbyPath()}`, {
        headers: { authorization: `Bearer ${rider}` },
      });
      last = `${response.status} ${await response.text()}`;

      return response.ok;
    }).catch((error: unknown) => {
      throw new Error(`${String(error)}; last answer: ${last}`);
    });
    // One client alone gives the latency of a query; several at once, the rate (and the queueing behind it).
    let failures = 0;
    for (const connections of [1, CONNECTIONS]) {
      const nearby = await autocannon({
        url: base,
        connections,
        duration: SECONDS,
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => ({
              ...request,
              path: nearbyPath(),
              headers: { authorization: `Bearer ${rider}` },
            }),
          },
        ],
      } as RequestOptions);
      failures += nearby.errors + nearby.non2xx;
      write(
        `gateway: GET /transport/nearby-drivers, ${connections} connection(s), ${SECONDS} s: ` +
          `${nearby.requests.average.toFixed(0)} req/s  p50 ${nearby.latency.p50} ms  p99 ${nearby.latency.p99} ms  ` +
          `errors ${nearby.errors}  non-2xx ${nearby.non2xx}`,
      );
    }

    const moving = await db.query<{ user_id: string }>(
      `SELECT user_id FROM transport.drivers WHERE status = 'approved' LIMIT $1`,
      [MOVING_DRIVERS],
    );
    const tokens = moving.rows.map((row) => token(row.user_id, 'driver'));
    let next = 0;
    const locations = await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          method: 'PUT',
          setupRequest: (request) => {
            next = (next + 1) % tokens.length;

            return {
              ...request,
              path: '/api/v1/driver/location',
              headers: { authorization: `Bearer ${tokens[next] ?? ''}`, 'content-type': 'application/json' },
              body: JSON.stringify(randomPoint()),
            };
          },
        },
      ],
    } as RequestOptions);
    write(
      `gateway: PUT /driver/location, ${tokens.length} drivers in turn, ${CONNECTIONS} connections, ${SECONDS} s: ` +
        `${locations.requests.average.toFixed(0)} updates/s  p50 ${locations.latency.p50} ms  ` +
        `p99 ${locations.latency.p99} ms  errors ${locations.errors}  non-2xx ${locations.non2xx}`,
    );

    return failures + locations.errors + locations.non2xx > 0 ? 1 : 0;
  } finally {
    await platform.stopApps();
    await db.end().catch(() => undefined);
    await nats.close().catch(() => undefined);
    await platform.dispose();
  }
}

runBench(main);
