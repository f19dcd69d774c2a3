import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { buildBenchEnv, type BenchInfra } from './bench-env';
import { until, write } from './bench-kit';
import { deleteStreams, dropDatabase, recreateDatabase } from './bench-storage';
import { BenchChild } from './child-process';
import { readCpuMs } from './cpu-time';

const ROOT = join(__dirname, '..', '..', '..');
const PGBENCH_DATABASE = 'ecom_bench_pgbench';
/** pgbench's clients: the yardstick stays the same whatever load the benchmark itself applies. */
const PGBENCH_CLIENTS = 8;

export interface StartOptions {
  /** Settings over the bench defaults of `buildBenchEnv`. */
  env?: NodeJS.ProcessEnv;
  /** The path that answers 2xx once the app can be measured. */
  ready?: string;
}

/**
 * What one benchmark runs on: the running Postgres and NATS (`DATABASE_URL`, `NATS_URL`, 127.0.0.1
 * defaults), a database (`ecom_bench_<name>`) and a NATS prefix of its own, the apps it starts from
 * `dist/` with their output in `.data/logs/bench-<name>-<app>.log`, and `dispose` that removes all of it.
 * With `BENCH_CPU_PROF_DIR` set, every app writes a V8 CPU profile there.
 */
export class BenchPlatform {
  readonly apps: BenchChild[] = [];
  private readonly logs = join(ROOT, '.data', 'logs');

  private constructor(
    private readonly name: string,
    readonly server: string,
    readonly infra: BenchInfra,
  ) {
    mkdirSync(this.logs, { recursive: true });
  }

  static async create(name: string): Promise<BenchPlatform> {
    const server = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

    return new BenchPlatform(name, server, {
      databaseUrl: await recreateDatabase(server, `ecom_bench_${name}`),
      natsUrl: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
      natsPrefix: `bench_${name}_${randomBytes(4).toString('hex')}.`,
    });
  }

  /** Starts `dist/apps/<app>` on `port` and waits until it answers `ready` (`/health/ready` by default). */
  async start(app: string, port: number, options: StartOptions = {}): Promise<BenchChild> {
    const profiles = process.env['BENCH_CPU_PROF_DIR'];
    const child = BenchChild.start(
      {
        name: app,
        script: join(ROOT, `dist/apps/${app}/src/main.js`),
        env: { ...buildBenchEnv(process.env, this.infra, port), ...options.env },
        logFile: join(this.logs, `bench-${this.name}-${app}.log`),
        nodeArgs: profiles ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : [],
      },
      ROOT,
      (exited, how) => {
        write(`${exited.spec.name} exited (${how}):\n${exited.tail()}`);
      },
    );
    this.apps.push(child);
    const ready = options.ready ?? '/health/ready';
    await until(`${app} ready`, async () => (await fetch(`http://127.0.0.1:${port}${ready}`)).ok);

    return child;
  }

  /** CPU milliseconds each app has used so far, in start order. */
  cpuMs(): number[] {
    return this.apps.map((app) => readCpuMs(app.pid ?? -1) ?? 0);
  }

  /** Each app's CPU per operation since `before` (from `cpuMs`), in µs: `auth 44, wallet 1149`. */
  cpuPerOperation(before: number[], operations: number): string {
    const now = this.cpuMs();

    return this.apps
      .map((app, index) => {
        const used = (now[index] ?? 0) - (before[index] ?? 0);

        return `${app.spec.name} ${Math.round((used * 1000) / Math.max(1, operations))}`;
      })
      .join(', ');
  }

  /** Stops the apps, last started first. */
  async stopApps(): Promise<void> {
    for (const app of this.apps.splice(0).reverse()) await app.stop(12_000);
  }

  async dispose(): Promise<void> {
    await this.stopApps();
    await dropDatabase(this.server, `ecom_bench_${this.name}`).catch(() => undefined);
    await deleteStreams(this.infra.natsUrl, this.infra.natsPrefix).catch(() => undefined);
  }

  /**
   * pgbench's TPC-B-like run (`-c 8 -j 2`) on a scratch database of the same server: the yardstick of
   * one machine. Run with the apps stopped, so that both figures have the machine to themselves.
   */
  async pgbenchTps(seconds: number): Promise<number> {
    const url = await recreateDatabase(this.server, PGBENCH_DATABASE);
    try {
      const init = spawnSync('pgbench', ['-i', '-q', url], { encoding: 'utf8' });
      if (init.status !== 0) throw new Error(`pgbench -i failed: ${init.stderr}`);
      const run = spawnSync(
        'pgbench',
        ['-T', String(seconds), '-c', String(PGBENCH_CLIENTS), '-j', '2', url],
        { encoding: 'utf8' },
      );
      const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout)?.[1];
      if (run.status !== 0 || tps === undefined)
        throw new Error(`pgbench failed: ${run.stderr}${run.stdout}`);

      return Number(tps);
    } finally {
      await dropDatabase(this.server, PGBENCH_DATABASE).catch(() => undefined);
    }
  }
}

/** Runs a benchmark as the process: its answer is the exit code, and a failure is printed and exits 1. */
export function runBench(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
