import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

import type { AppName } from '@ecom/contracts';

import { parseLogLine, type LogLine, type LogStream } from './log-lines';
import { readRss } from './memory';

export interface AppSpec {
  name: AppName;
  port: number;
  /** Compiled entry point, `dist/apps/<app>/src/main.js`. */
  script: string;
  logFile: string;
}

export interface InfraUrls {
  databaseUrl: string;
  natsUrl: string;
  /** Unset: the gateway keeps rate limits and idempotency records in memory. */
  redisUrl: string | undefined;
}

export interface AppEvents {
  onLine(app: AppName, line: LogLine): void;
  /** `expected` is true when the exit follows a stop this supervisor asked for. */
  onExit(app: AppName, code: number | null, signal: NodeJS.Signals | null, expected: boolean): void;
}

/**
 * The environment of one app: the parent's, plus the infrastructure found or started, its port, and demo
 * data. NODE_ENV and LOAD_DEMO_DATA keep the parent's value when it sets one.
 */
export function buildAppEnv(parent: NodeJS.ProcessEnv, infra: InfraUrls, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...parent,
    DATABASE_URL: infra.databaseUrl,
    NATS_URL: infra.natsUrl,
    HTTP_PORT: String(port),
    LOAD_DEMO_DATA: orDefault(parent['LOAD_DEMO_DATA'], 'true'),
    NODE_ENV: orDefault(parent['NODE_ENV'], 'development'),
  };
  if (infra.redisUrl === undefined) {
    delete env['REDIS_URL'];
  } else {
    env['REDIS_URL'] = infra.redisUrl;
  }

  return env;
}

function orDefault(value: string | undefined, fallback: string): string {
  return value === undefined || value === '' ? fallback : value;
}

/** One app as a child process: its lines go to the handler and, unfiltered, to its log file. */
export class AppProcess {
  private child: ChildProcess | undefined;
  private closed: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    readonly spec: AppSpec,
    /** Open for the whole session; written synchronously so nothing is lost when the script exits. */
    readonly logFd: number,
    private readonly events: AppEvents,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  start(env: NodeJS.ProcessEnv, cwd: string): void {
    if (this.child) {
      return;
    }
    this.stopping = false;
    const child = spawn(process.execPath, [this.spec.script], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.pipeLines(child.stdout, 'stdout');
    this.pipeLines(child.stderr, 'stderr');
    child.once('error', (error) => {
      this.emitLine(`could not start ${this.spec.script}: ${error.message}`, 'stderr');
    });
    this.closed = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        this.child = undefined;
        this.events.onExit(this.spec.name, code, signal, this.stopping);
        resolve();
      });
    });
  }

  /** SIGTERM, then SIGKILL after `timeoutMs`. Resolves true when it had to kill. */
  async stop(timeoutMs: number): Promise<boolean> {
    const child = this.child;
    if (!child) {
      return false;
    }
    this.stopping = true;
    child.kill('SIGTERM');
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    await this.closed;
    clearTimeout(timer);

    return killed;
  }

  /** SIGKILL now, for a second Ctrl-C; the pending `stop` then resolves. */
  kill(): void {
    this.stopping = true;
    this.child?.kill('SIGKILL');
  }

  private pipeLines(stream: Readable | null, kind: LogStream): void {
    if (!stream) {
      return;
    }
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (raw) => {
      this.emitLine(raw, kind);
    });
  }

  private emitLine(raw: string, kind: LogStream): void {
    writeSync(this.logFd, `${raw}\n`);
    this.events.onLine(this.spec.name, parseLogLine(raw, kind));
  }
}

/** The eight apps (or those not skipped): started together, stopped together. */
export class AppSupervisor {
  readonly apps: AppProcess[];

  constructor(specs: readonly AppSpec[], events: AppEvents) {
    // Each run starts a fresh log file; restarts in watch mode append to it.
    this.apps = specs.map((spec) => new AppProcess(spec, openSync(spec.logFile, 'w'), events));
  }

  /** Starts the apps in the given order (services first, the gateway last: it tolerates late services). */
  startAll(envFor: (spec: AppSpec) => NodeJS.ProcessEnv, cwd: string): void {
    for (const app of this.apps) {
      app.start(envFor(app.spec), cwd);
    }
  }

  /** Stops every running app at once; returns the names of those that had to be killed. */
  async stopAll(timeoutMs: number): Promise<AppName[]> {
    const killed = await Promise.all(
      this.apps.map(async (app) => ((await app.stop(timeoutMs)) ? [app.spec.name] : [])),
    );

    return killed.flat();
  }

  killAll(): void {
    for (const app of this.apps) {
      app.kill();
    }
  }

  get anyRunning(): boolean {
    return this.apps.some((app) => app.running);
  }

  /** Resident memory of each running app in bytes (Linux; empty elsewhere). */
  memory(): { name: AppName; bytes: number }[] {
    return this.apps.flatMap((app) => {
      const bytes = app.pid === undefined ? undefined : readRss(app.pid);

      return bytes === undefined ? [] : [{ name: app.spec.name, bytes }];
    });
  }
}
