import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { APP_NAMES, DEFAULT_HTTP_PORTS, type AppName } from '@ecom/contracts';

import { DEMO_ACCOUNTS } from './demo-accounts';
import { LocalServers, resolveInfrastructure, type InfraComponent, type Infrastructure } from './infra';
import { formatLogLine, isShown, type LogLine } from './log-lines';
import type { StartOptions } from './options';
import { appColor, formatDuration, type Reporter } from './output';
import { checkApps, runBuild } from './preflight';
import { AppSupervisor, buildAppEnv, type AppSpec } from './processes';
import { waitUntilReady, type ReadinessResult } from './readiness';
import { maskPassword, type LocalSettings } from './settings';
import { StartError } from './start-error';
import { renderSummary, SOURCE_NOTES, type Summary } from './summary';
import { debounce, watchSources, type SourceWatcher } from './watch';

const STOP_TIMEOUT_MS = 15_000;
const READY_TIMEOUT_MS = 90_000;
const READY_INTERVAL_MS = 250;
const WATCH_DEBOUNCE_MS = 300;
/** A second Ctrl-C this long after the first kills the apps instead of waiting for them. */
const FORCE_AFTER_MS = 2_000;

const INFRA_LABELS: Readonly<Record<InfraComponent, string>> = {
  postgres: 'Postgres',
  nats: 'NATS',
  redis: 'Redis',
};

/**
 * Runs the platform: infrastructure, then the apps, then the wait for readiness, then (with --watch)
 * rebuilds and restarts on change, until a signal or a crash stops everything.
 */
export class PlatformRunner {
  private readonly servers: LocalServers;
  private readonly specs: AppSpec[];
  private readonly nameWidth: number;
  private supervisor: AppSupervisor | undefined;
  private infra: Infrastructure | undefined;
  private watcher: SourceWatcher | undefined;
  private readiness: AbortController | undefined;
  private stoppingSince: number | undefined;
  private shuttingDown: Promise<void> | undefined;
  private restarting = false;
  private restartQueued = false;
  private lastChange: string | undefined;

  constructor(
    private readonly options: StartOptions,
    private readonly settings: LocalSettings,
    private readonly env: NodeJS.ProcessEnv,
    private readonly reporter: Reporter,
  ) {
    this.servers = new LocalServers(settings.logDir, (name, logFile, code) => {
      this.reporter.error(
        `${name} stopped unexpectedly (exit code ${String(code)}); see ${this.relative(logFile)}`,
      );
      void this.shutdown(1);
    });
    const apps = APP_NAMES.filter((name) => !options.skip.includes(name));
    // Services first, the gateway last: it tolerates services that come up after it, but why make it wait.
    this.specs = [
      ...apps.filter((name) => name !== 'gateway'),
      ...apps.filter((name) => name === 'gateway'),
    ].map((name) => ({
      name,
      port: DEFAULT_HTTP_PORTS[name],
      script: join(settings.root, 'dist', 'apps', name, 'src', 'main.js'),
      logFile: join(settings.logDir, `${name}.log`),
    }));
    this.nameWidth = Math.max(...APP_NAMES.map((name) => name.length));
  }

  isStopping(): boolean {
    return this.stoppingSince !== undefined;
  }

  async run(): Promise<void> {
    this.installSignalHandlers();
    mkdirSync(this.settings.logDir, { recursive: true });
    if (this.specs.length === 0) {
      throw new StartError('Every app is skipped: nothing to start.');
    }
    if (this.options.skip.length > 0) {
      this.reporter.info(`not starting: ${this.options.skip.join(', ')}`);
    }
    await checkApps(this.specs, this.settings.root, this.env['HTTP_HOST'] ?? '0.0.0.0');

    const infraStarted = performance.now();
    this.infra = await resolveInfrastructure(this.settings, this.env, this.servers, (component, text) => {
      this.reporter.step(INFRA_LABELS[component], text);
    });
    if (this.isStopping()) {
      return;
    }
    const infraMs = performance.now() - infraStarted;
    this.printInfra(this.infra, infraMs);

    this.supervisor = new AppSupervisor(this.specs, {
      onLine: (app, line) => {
        this.printLine(app, line);
      },
      onExit: (app, code, signal, expected) => {
        this.onAppExit(app, code, signal, expected);
      },
    });
    this.reporter.step(
      'Apps',
      `starting ${this.specs.map((spec) => spec.name).join(', ')} (logs in .data/logs)`,
    );
    const appsStarted = performance.now();
    this.startApps();
    const result = await this.waitReady();
    if (this.isStopping()) {
      return;
    }
    // Aborted: an app exited; in watch mode that was reported and the next change restarts it.
    if (!result.aborted) {
      if (result.pending.length === 0) {
        const now = performance.now();
        this.printSummary(this.infra, { elapsedMs: now, infraMs, appsMs: now - appsStarted });
      } else {
        this.reportNotReady(result);
        if (!this.options.watch) {
          await this.shutdown(1);

          return;
        }
      }
    }
    if (this.options.watch) {
      this.startWatching();
    }
  }

  /**
   * Stops the apps (SIGTERM, SIGKILL after 15 s), then the servers this script started, then exits. Safe to
   * call more than once: later calls wait for the first.
   */
  shutdown(code: number): Promise<void> {
    this.shuttingDown ??= this.stopEverything(code);

    return this.shuttingDown;
  }

  private async stopEverything(code: number): Promise<void> {
    this.stoppingSince = Date.now();
    this.readiness?.abort();
    this.watcher?.close();
    const started = Date.now();
    const anything = this.supervisor?.anyRunning === true || this.servers.names.length > 0;
    if (this.supervisor?.anyRunning === true) {
      this.reporter.info('stopping the apps…');
      const killed = await this.supervisor.stopAll(STOP_TIMEOUT_MS);
      if (killed.length > 0) {
        this.reporter.warn(`killed after ${STOP_TIMEOUT_MS / 1000} s: ${killed.join(', ')}`);
      }
    }
    const servers = this.servers.names;
    if (servers.length > 0) {
      this.reporter.info(`stopping ${servers.join(' and ')}…`);
    }
    await this.servers.stopAll();
    if (anything) {
      this.reporter.info(`stopped in ${formatDuration(Date.now() - started)}`);
    }
    process.exit(code);
  }

  private installSignalHandlers(): void {
    const onSignal = (signal: NodeJS.Signals): void => {
      if (this.stoppingSince === undefined) {
        this.reporter.write('');
        this.reporter.info(`${signal}: stopping everything (Ctrl-C again to kill the apps right away)`);
        void this.shutdown(0);
      } else if (Date.now() - this.stoppingSince > FORCE_AFTER_MS) {
        // The terminal and npm may both deliver the first Ctrl-C; only a later one means "hurry".
        this.reporter.warn('killing the apps');
        this.supervisor?.killAll();
      }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);
    // `kill <npm pid>` ends npm and its shell but not this process, which would keep every app running:
    // under npm, losing the parent means stop. (Not otherwise: a detached start legitimately loses it.)
    if (this.env['npm_lifecycle_event'] !== undefined) {
      const parent = process.ppid;
      setInterval(() => {
        if (process.ppid !== parent && !this.isStopping()) {
          this.reporter.info('npm exited: stopping everything');
          void this.shutdown(0);
        }
      }, 1000).unref();
    }
  }

  private startApps(): void {
    const infra = this.infra;
    if (!infra || !this.supervisor) {
      return;
    }
    const urls = { databaseUrl: infra.postgres.url, natsUrl: infra.nats.url, redisUrl: infra.redis.url };
    this.supervisor.startAll((spec) => buildAppEnv(this.env, urls, spec.port), this.settings.root);
  }

  private async waitReady(): Promise<ReadinessResult> {
    const controller = new AbortController();
    this.readiness = controller;
    try {
      return await waitUntilReady(
        this.specs.map((spec) => ({ name: spec.name, url: `http://127.0.0.1:${spec.port}/health/ready` })),
        { intervalMs: READY_INTERVAL_MS, timeoutMs: READY_TIMEOUT_MS, signal: controller.signal },
      );
    } finally {
      if (this.readiness === controller) {
        this.readiness = undefined;
      }
    }
  }

  private onAppExit(
    app: AppName,
    code: number | null,
    signal: NodeJS.Signals | null,
    expected: boolean,
  ): void {
    if (expected || this.isStopping()) {
      return;
    }
    const how = signal === null ? `with code ${String(code)}` : `on ${signal}`;
    this.reporter.error(`${app} exited ${how}; see .data/logs/${app}.log`);
    if (this.options.watch) {
      this.readiness?.abort();
      this.reporter.info('the other apps keep running; save a change to rebuild and restart them all');

      return;
    }
    void this.shutdown(1);
  }

  private startWatching(): void {
    const restart = debounce(() => void this.restart(), WATCH_DEBOUNCE_MS);
    const dirs = [join(this.settings.root, 'apps'), join(this.settings.root, 'libs')];
    this.watcher = watchSources(dirs, (path) => {
      if (!this.isStopping()) {
        this.lastChange = this.relative(path);
        restart.trigger();
      }
    });
    if (this.watcher.mode === 'polling') {
      this.reporter.info('recursive fs.watch is unavailable here: checking for changes every second');
    }
  }

  /** Rebuilds, then restarts every app; changes saved meanwhile trigger one more round. */
  private async restart(): Promise<void> {
    if (this.restarting) {
      this.restartQueued = true;
      this.readiness?.abort();

      return;
    }
    this.restarting = true;
    try {
      do {
        this.restartQueued = false;
        this.reporter.info(`${this.lastChange ?? 'a source file'} changed: rebuilding…`);
        const build = await runBuild(this.settings.root);
        if (this.isStopping()) {
          return;
        }
        if (!build.ok) {
          this.reporter.error('build failed; the apps keep running the previous build');
          this.reporter.write(build.output);
          continue;
        }
        const started = performance.now();
        await this.supervisor?.stopAll(STOP_TIMEOUT_MS);
        if (this.isStopping()) {
          return;
        }
        this.reporter.info(`built in ${formatDuration(build.elapsedMs)}; restarting the apps…`);
        this.startApps();
        const result = await this.waitReady();
        if (this.isStopping() || result.aborted) {
          continue;
        }
        if (result.pending.length > 0) {
          this.reportNotReady(result);
        } else {
          this.reporter.write(
            this.reporter.palette.paint(
              'green',
              `Ready again in ${formatDuration(performance.now() - started)}`,
            ),
          );
        }
      } while (this.hasQueuedRestart() && !this.isStopping());
    } finally {
      this.restarting = false;
    }
  }

  /** A method, not a field read: the compiler would assume the field keeps its value across awaits. */
  private hasQueuedRestart(): boolean {
    return this.restartQueued;
  }

  private printLine(app: AppName, line: LogLine): void {
    if (!isShown(line, this.options.verbose)) {
      return;
    }
    const prefix = { app, color: appColor(APP_NAMES.indexOf(app)), width: this.nameWidth };
    this.reporter.write(formatLogLine(line, prefix, this.reporter.palette));
  }

  private printInfra(infra: Infrastructure, elapsedMs: number): void {
    this.reporter.step(
      'Postgres',
      `${maskPassword(infra.postgres.url)} (${SOURCE_NOTES[infra.postgres.source]})`,
    );
    this.reporter.step(
      'NATS',
      `${maskPassword(infra.nats.url)} (${SOURCE_NOTES[infra.nats.source]}, JetStream on)`,
    );
    this.reporter.step(
      'Redis',
      infra.redis.url === undefined
        ? `none at 127.0.0.1:${this.settings.redis.port}: the gateway keeps rate limits in memory (set REDIS_URL to share them)`
        : `${maskPassword(infra.redis.url)} (${SOURCE_NOTES[infra.redis.source]})`,
    );
    this.reporter.info(`infrastructure ready in ${formatDuration(elapsedMs)}`);
  }

  /** `elapsedMs` counts from the start of this process (performance.now()): what the newcomer waited. */
  private printSummary(
    infra: Infrastructure,
    timings: Pick<Summary, 'elapsedMs' | 'infraMs' | 'appsMs'>,
  ): void {
    const gateway = this.specs.find((spec) => spec.name === 'gateway');
    this.reporter.write(
      renderSummary(
        {
          ...timings,
          gatewayPort: gateway?.port,
          services: this.specs
            .filter((spec) => spec.name !== 'gateway')
            .map(({ name, port }) => ({ name, port })),
          infra,
          memory: this.supervisor?.memory() ?? [],
          demoAccounts: DEMO_ACCOUNTS,
          watch: this.options.watch,
        },
        this.reporter.palette,
      ),
    );
  }

  private reportNotReady(result: ReadinessResult): void {
    this.reporter.error(
      `not ready after ${formatDuration(result.elapsedMs)}: ${result.pending.join(', ')}\n` +
        result.pending.map((name) => `    see .data/logs/${name}.log`).join('\n'),
    );
  }

  private relative(path: string): string {
    return path.startsWith(`${this.settings.root}/`) ? path.slice(this.settings.root.length + 1) : path;
  }
}
