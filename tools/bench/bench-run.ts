import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';

import { LocalServers, resolveInfrastructure } from '../start/infra';
import { waitUntilReady } from '../start/readiness';
import { LOCAL_HOST, maskPassword, type LocalSettings } from '../start/settings';
import { StartError } from '../start/start-error';
import { findFreePort } from '../start/tcp';
import { buildBenchEnv, type BenchInfra } from './bench-env';
import { BENCH_DATABASE, deleteStreams, dropDatabase, recreateDatabase } from './bench-storage';
import { BenchChild } from './child-process';
import { readCpuMs } from './cpu-time';
import { combineRuns, LoadGenerator, type LoadRun } from './load';
import type { BenchOptions } from './options';
import { findProblems, renderReport, type MachineFacts, type ProcessCpu, type TargetName } from './report';

export const ROUTE = '/api/v1/status/auth';

const READY_TIMEOUT_MS = 90_000;
const READY_INTERVAL_MS = 250;
const STOP_TIMEOUT_MS = 12_000;
/** How long a shutdown waits for the step in progress (a load run stops within a second). */
const STEP_SETTLE_MS = 15_000;

type ChildName = 'auth' | 'gateway' | 'bare-service' | 'bare-edge';

const SCRIPTS: Readonly<Record<ChildName, string>> = {
  auth: 'dist/apps/auth/src/main.js',
  gateway: 'dist/apps/gateway/src/main.js',
  'bare-service': 'dist/tools/bench/bare-service.js',
  'bare-edge': 'dist/tools/bench/bare-edge.js',
};

/** The edge first, then the service behind it. */
const TARGET_PROCESSES: Readonly<Record<TargetName, readonly string[]>> = {
  routed: ['gateway', 'auth'],
  bare: ['bare-edge', 'bare-service'],
};

interface TargetMeasurement {
  runs: LoadRun[];
  /** Undefined once any sample could not be read (not Linux): no partial figures. */
  cpu: ProcessCpu[] | undefined;
}

/**
 * One bench run: infrastructure found or started as `npm start` does, a fresh `ecom_bench` database, the
 * routed topology (auth + gateway) and the bare one (bare-service + bare-edge) as child processes, then
 * warm-up and alternating measured rounds. `shutdown` undoes everything, whatever point the run reached.
 */
export class BenchRun {
  private readonly servers: LocalServers;
  private readonly children: BenchChild[] = [];
  private readonly load = new LoadGenerator();
  /** Aborted when the run must end early: a process died, a signal, the time budget. */
  private readonly abort = new AbortController();
  private readonly natsPrefix = `bench_${randomBytes(4).toString('hex')}.`;
  private readonly logDir: string;
  private failure: string | undefined;
  private postgresUrl: string | undefined;
  private natsUrl: string | undefined;
  private databaseRequested = false;
  private currentStep: Promise<unknown> = Promise.resolve();
  private shuttingDown: Promise<void> | undefined;

  constructor(
    private readonly options: BenchOptions,
    private readonly settings: LocalSettings,
    private readonly env: NodeJS.ProcessEnv,
    private readonly write: (text: string) => void,
  ) {
    this.logDir = settings.logDir;
    this.servers = new LocalServers(settings.logDir, (name, logFile, code) => {
      this.fail(`${name} stopped unexpectedly (exit code ${String(code)}); see ${this.relative(logFile)}`);
    });
  }

  /** Runs the bench and returns the exit code: 0 when every request succeeded, 1 otherwise. */
  async run(): Promise<number> {
    this.checkBuild();
    mkdirSync(this.logDir, { recursive: true });

    const infra = await this.step(
      resolveInfrastructure(this.settings, this.env, this.servers, (component, text) => {
        this.write(`${component}: ${text}`);
      }),
    );
    this.postgresUrl = infra.postgres.url;
    this.natsUrl = infra.nats.url;
    this.databaseRequested = true;
    const databaseUrl = await this.step(recreateDatabase(infra.postgres.url, BENCH_DATABASE));
    this.write(`postgres: ${maskPassword(databaseUrl)} (dropped and created for this run)`);
    this.write(`nats: ${maskPassword(infra.nats.url)}, subjects under ${this.natsPrefix}`);

    const benchInfra: BenchInfra = { databaseUrl, natsUrl: infra.nats.url, natsPrefix: this.natsPrefix };
    const { auth: authPort, gateway: gatewayPort, edge: edgePort } = await this.step(this.freePorts());
    const routedUrl = `http://${LOCAL_HOST}:${gatewayPort}${ROUTE}`;
    const bareUrl = `http://${LOCAL_HOST}:${edgePort}${ROUTE}`;

    this.write('starting auth, gateway and bare-edge…');
    this.startChild('auth', buildBenchEnv(this.env, benchInfra, authPort));
    this.startChild('gateway', buildBenchEnv(this.env, benchInfra, gatewayPort));
    this.startChild('bare-edge', buildBenchEnv(this.env, benchInfra, edgePort));
    // The bare service reads the auth schema, which exists once auth has run its migrations.
    await this.waitReady([{ name: 'auth', url: `http://${LOCAL_HOST}:${authPort}/health/ready` }]);
    this.startChild('bare-service', buildBenchEnv(this.env, benchInfra, 0));
    await this.waitReady([
      { name: 'gateway', url: `http://${LOCAL_HOST}:${gatewayPort}/health` },
      { name: `routed ${ROUTE}`, url: routedUrl },
      { name: `bare ${ROUTE}`, url: bareUrl },
    ]);
    await this.step(checkSameAnswer(routedUrl, bareUrl));

    const machine = readMachine();
    const measured = await this.measure({ routed: routedUrl, bare: bareUrl });
    const { connections } = this.options;
    const routed = combineRuns(
      'routed',
      routedUrl,
      connections,
      measured.routed.runs,
      measured.routed.cpu ?? [],
    );
    const bare = combineRuns('bare', bareUrl, connections, measured.bare.runs, measured.bare.cpu ?? []);
    this.write('');
    this.write(
      renderReport(
        {
          path: ROUTE,
          connections: this.options.connections,
          warmupSeconds: this.options.warmupSeconds,
          durationSeconds: this.options.durationSeconds,
          rounds: this.options.rounds,
        },
        machine,
        routed,
        bare,
      ),
    );
    if (this.options.cpuProfile) {
      this.write(`cpu profiles: ${this.relative(this.profileDir())}/<process>.cpuprofile (written on exit)`);
    }
    const problems = findProblems([routed, bare]);
    if (problems.length > 0) {
      this.write('');
      this.write(`NOT VALID: ${problems.join('; ')}`);

      return 1;
    }

    return 0;
  }

  /**
   * Stops the load, the four processes (SIGTERM, SIGKILL after 12 s), drops the bench database and the
   * run's streams, stops what `npm start`'s helpers started, then exits. Later calls wait for the first.
   */
  shutdown(code: number): Promise<void> {
    this.shuttingDown ??= this.cleanUp().then(
      () => process.exit(code),
      (error: unknown) => {
        this.write(`cleanup failed: ${describe(error)}`);
        process.exit(code === 0 ? 1 : code);
      },
    );

    return this.shuttingDown;
  }

  /** A second Ctrl-C: no more waiting for the processes to finish on their own. */
  killChildren(): void {
    for (const child of this.children) {
      child.kill();
    }
  }

  /** Ends the run early; the reason is printed once. */
  fail(reason: string): void {
    // Once stopping, processes exiting (Ctrl-C reaches them too) are expected, not news.
    if (this.stopping) {
      return;
    }
    this.failure = reason;
    this.write(reason);
    this.abort.abort();
    this.load.stop();
  }

  get stopping(): boolean {
    return this.abort.signal.aborted;
  }

  private async cleanUp(): Promise<void> {
    this.abort.abort();
    this.load.stop();
    await settleWithin(this.currentStep, STEP_SETTLE_MS);
    const running = this.children.filter((child) => child.running);
    if (running.length > 0) {
      this.write(`stopping ${running.map((child) => child.spec.name).join(', ')}…`);
    }
    const killed = await Promise.all(
      this.children.map(async (child) => ((await child.stop(STOP_TIMEOUT_MS)) ? [child.spec.name] : [])),
    );
    if (killed.flat().length > 0) {
      this.write(`killed after ${STOP_TIMEOUT_MS / 1000} s: ${killed.flat().join(', ')}`);
    }
    const problems: string[] = [];
    if (this.databaseRequested && this.postgresUrl !== undefined) {
      await dropDatabase(this.postgresUrl, BENCH_DATABASE).catch((error: unknown) => {
        problems.push(`could not drop ${BENCH_DATABASE}: ${describe(error)}`);
      });
    }
    if (this.natsUrl !== undefined) {
      await deleteStreams(this.natsUrl, this.natsPrefix).catch((error: unknown) => {
        problems.push(`could not delete the ${this.natsPrefix} streams: ${describe(error)}`);
      });
    }
    if (this.servers.names.length > 0) {
      this.write(`stopping ${this.servers.names.join(' and ')}…`);
    }
    await this.servers.stopAll();
    if (problems.length > 0) {
      throw new Error(problems.join('; '));
    }
  }

  /**
   * Warm-up on each target, then the measured rounds, alternating routed and bare (ABBA…). Around each
   * measured run, the CPU time of the target's two processes is read, to give CPU per request.
   */
  private async measure(urls: Record<TargetName, string>): Promise<Record<TargetName, TargetMeasurement>> {
    const { connections, warmupSeconds, durationSeconds, rounds } = this.options;
    if (warmupSeconds > 0) {
      for (const target of ['routed', 'bare'] as const) {
        this.write(`warm-up ${target}: ${warmupSeconds} s`);
        await this.step(this.load.run(urls[target], connections, warmupSeconds));
      }
    }
    const measured: Record<TargetName, TargetMeasurement> = {
      routed: { runs: [], cpu: [] },
      bare: { runs: [], cpu: [] },
    };
    const seconds = durationSeconds / rounds;
    for (let round = 0; round < rounds; round += 1) {
      const order: readonly TargetName[] = round % 2 === 0 ? ['routed', 'bare'] : ['bare', 'routed'];
      for (const target of order) {
        this.write(`round ${round + 1}/${rounds} ${target}: ${formatSeconds(seconds)} s`);
        const processes = TARGET_PROCESSES[target].flatMap((name) =>
          this.children.filter((child) => child.spec.name === name),
        );
        const before = processes.map((child) => readChildCpu(child));
        measured[target].runs.push(await this.step(this.load.run(urls[target], connections, seconds)));
        const after = processes.map((child) => readChildCpu(child));
        const sofar = measured[target].cpu;
        measured[target].cpu = sofar === undefined ? undefined : addCpu(sofar, processes, before, after);
      }
    }

    return measured;
  }

  /** Every awaited setup step goes through here, so a shutdown can wait for the one in progress. */
  private async step<T>(work: Promise<T>): Promise<T> {
    this.currentStep = work.catch(() => undefined);
    const result = await work;
    if (this.stopping) {
      throw new StartError(this.failure ?? 'stopped');
    }

    return result;
  }

  private startChild(name: ChildName, env: NodeJS.ProcessEnv): void {
    if (this.stopping) {
      throw new StartError(this.failure ?? 'stopped');
    }
    const nodeArgs = this.options.cpuProfile
      ? ['--cpu-prof', `--cpu-prof-dir=${this.profileDir()}`, `--cpu-prof-name=${name}.cpuprofile`]
      : [];
    if (this.options.cpuProfile) {
      mkdirSync(this.profileDir(), { recursive: true });
    }
    const child = BenchChild.start(
      { name, script: join(this.settings.root, SCRIPTS[name]), env, logFile: this.logFile(name), nodeArgs },
      this.settings.root,
      (exited, how) => {
        const tail = exited.tail();
        this.fail(
          `${exited.spec.name} exited (${how}); see ${this.relative(exited.spec.logFile)}` +
            (tail === '' ? '' : `\n${indent(tail)}`),
        );
      },
    );
    this.children.push(child);
  }

  private async waitReady(targets: { name: string; url: string }[]): Promise<void> {
    const result = await this.step(
      waitUntilReady(targets, {
        intervalMs: READY_INTERVAL_MS,
        timeoutMs: READY_TIMEOUT_MS,
        signal: this.abort.signal,
      }),
    );
    if (result.pending.length > 0) {
      const logs = this.children.map((child) => this.relative(child.spec.logFile)).join(', ');
      throw new StartError(
        `not answering 200 after ${Math.round(result.elapsedMs / 1000)} s: ${result.pending.join(', ')} (logs: ${logs})`,
      );
    }
  }

  private checkBuild(): void {
    const missing = Object.values(SCRIPTS).filter((script) => !existsSync(join(this.settings.root, script)));
    if (missing.length > 0) {
      throw new StartError(`${missing.join(', ')} missing: run \`npm run build\` (npm run bench does).`);
    }
  }

  /** Three distinct free ports on 127.0.0.1, from a random base so two runs rarely probe the same ones. */
  private async freePorts(): Promise<{ auth: number; gateway: number; edge: number }> {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const auth = await nextFreePort(base);
    const gateway = await nextFreePort(auth + 1);
    const edge = await nextFreePort(gateway + 1);

    return { auth, gateway, edge };
  }

  private logFile(name: ChildName): string {
    return join(this.logDir, `bench-${name}.log`);
  }

  private profileDir(): string {
    return join(this.settings.dataDir, 'bench', 'profiles');
  }

  private relative(path: string): string {
    return relative(this.settings.root, path);
  }
}

/**
 * Both topologies must answer the same document from the same table; otherwise the comparison is
 * meaningless (a 404 page, a stale schema, a bare service reading another database).
 */
async function checkSameAnswer(routedUrl: string, bareUrl: string): Promise<void> {
  const [routed, bare] = await Promise.all([fetchJson(routedUrl), fetchJson(bareUrl)]);
  const shape = (value: unknown): string => {
    const record = asRecord(value);

    return JSON.stringify({
      keys: Object.keys(record).sort(),
      name: record['name'],
      schema_version: record['schema_version'],
    });
  };
  const schemaVersion = asRecord(routed)['schema_version'];
  if (shape(routed) !== shape(bare) || typeof schemaVersion !== 'string') {
    throw new StartError(
      `the two topologies answer differently:\n  routed: ${JSON.stringify(routed)}\n  bare:   ${JSON.stringify(bare)}`,
    );
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (response.status !== 200) {
    throw new StartError(`${url} answered ${response.status}: ${await response.text()}`);
  }

  return response.json();
}

async function nextFreePort(from: number): Promise<number> {
  const port = await findFreePort(from, LOCAL_HOST);
  if (port === undefined) {
    throw new StartError(`no free port on ${LOCAL_HOST} from ${from} on`);
  }

  return port;
}

function readChildCpu(child: BenchChild): number | undefined {
  return child.pid === undefined ? undefined : readCpuMs(child.pid);
}

/** Adds one run's CPU time to the totals so far, process by process; undefined if a sample is missing. */
function addCpu(
  totals: readonly ProcessCpu[],
  processes: readonly BenchChild[],
  before: readonly (number | undefined)[],
  after: readonly (number | undefined)[],
): ProcessCpu[] | undefined {
  const run: ProcessCpu[] = [];
  for (const [index, child] of processes.entries()) {
    const start = before[index];
    const end = after[index];
    if (start === undefined || end === undefined) {
      return undefined;
    }
    const sofar = totals.find((total) => total.process === child.spec.name)?.cpuMs ?? 0;
    run.push({ process: child.spec.name, cpuMs: sofar + end - start });
  }

  return run;
}

function readMachine(): MachineFacts {
  const processors = cpus();

  return {
    cpus: processors.length,
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    nodeVersion: process.version,
    platform: process.platform,
    arch: process.arch,
    memoryBytes: totalmem(),
    loadAverage: loadavg()[0] ?? 0,
  };
}

/** Resolves when the promise settles or the time is up, whichever comes first. */
function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function formatSeconds(seconds: number): string {
  return Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(2);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
