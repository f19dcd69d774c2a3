import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { APP_NAMES, type AppName } from '@ecom/contracts';

import type { TestEnvironment } from './infrastructure';
import { waitFor } from './harness';

const ROOT = join(__dirname, '..', '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  });
}

/**
 * What a journey test through the gateway starts the platform with: quiet logs, the demo accounts, the
 * lightest argon2 (sign-ups are set-up, not the subject), no OTP resend cooldown and the sensitive routes'
 * limit out of the way of many sign-ups from one address.
 */
export const JOURNEY_SETTINGS: Record<string, string> = {
  LOG_LEVEL: 'warn',
  LOAD_DEMO_DATA: 'true',
  ARGON2_MEMORY_KIB: '1024',
  ARGON2_ITERATIONS: '1',
  OTP_RESEND_COOLDOWN_SECONDS: '0',
  RATE_LIMIT_SENSITIVE: '1000',
};

interface AppProcess {
  child: ChildProcess;
  port: number;
  output: string[];
}

/**
 * The whole platform as separate processes built in dist/, as it runs in production: each app on its own
 * port, the test run's database and NATS prefix. Lets a test stop, freeze or restart one service.
 */
export class PlatformProcesses {
  private readonly apps = new Map<AppName, AppProcess>();

  private constructor(
    private readonly environment: TestEnvironment,
    private readonly overrides: Record<string, string>,
    private readonly ports: ReadonlyMap<AppName, number>,
  ) {}

  static async start(
    environment: TestEnvironment,
    overrides: Record<string, string> = {},
  ): Promise<PlatformProcesses> {
    if (!existsSync(join(ROOT, 'dist/apps/gateway/src/main.js'))) {
      throw new Error('dist/ is missing: run `npm run build` before the e2e tests');
    }
    // Ports chosen up front, so every app can be told the gateway's URL (GATEWAY_URL: where callbacks go).
    const ports = new Map(await Promise.all(APP_NAMES.map(async (app) => [app, await freePort()] as const)));
    const platform = new PlatformProcesses(environment, overrides, ports);
    // A test run that ends abruptly (timeout, Ctrl-C) must not leave the platform running.
    process.once('exit', () => {
      for (const { child } of platform.apps.values()) child.kill('SIGKILL');
    });
    try {
      await Promise.all(APP_NAMES.map((app) => platform.launch(app)));
    } catch (error) {
      await platform.close();
      throw error;
    }

    return platform;
  }

  get url(): string {
    return this.urlOf('gateway');
  }

  urlOf(app: AppName): string {
    return `http://127.0.0.1:${this.appOf(app).port}`;
  }

  /** Stops one app as Kubernetes would (SIGTERM), waits for it to exit and returns its exit code. */
  async stop(app: AppName): Promise<number | null> {
    const { child } = this.appOf(app);
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => {
        resolve(code);
      }),
    );
    child.kill('SIGTERM');

    return exited;
  }

  /** Freezes one app: it keeps its NATS subscriptions but answers nothing, like a hung process. */
  pause(app: AppName): void {
    this.appOf(app).child.kill('SIGSTOP');
  }

  resume(app: AppName): void {
    this.appOf(app).child.kill('SIGCONT');
  }

  /** Starts an app again (after stop) and waits until it is ready. */
  async restart(app: AppName): Promise<void> {
    await this.stop(app);
    await this.launch(app, this.appOf(app).port);
  }

  output(app: AppName): string {
    return this.appOf(app).output.join('');
  }

  async close(): Promise<void> {
    await Promise.all(
      [...this.apps.keys()].map(async (app) => {
        this.resume(app);
        await this.stop(app);
      }),
    );
  }

  private appOf(app: AppName): AppProcess {
    const running = this.apps.get(app);
    if (!running) throw new Error(`${app} was not started`);

    return running;
  }

  private async launch(app: AppName, port?: number): Promise<void> {
    const httpPort = port ?? this.ports.get(app) ?? (await freePort());
    const output: string[] = [];
    const child = spawn(process.execPath, [join(ROOT, `dist/apps/${app}/src/main.js`)], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...this.environment.env({
          HTTP_PORT: String(httpPort),
          GATEWAY_URL: `http://127.0.0.1:${this.ports.get('gateway') ?? 0}`,
          ...this.overrides,
        }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    this.apps.set(app, { child, port: httpPort, output });
    await waitFor(
      async () => {
        if (child.exitCode !== null)
          throw new Error(`${app} exited with ${child.exitCode}: ${output.join('')}`);
        const response = await fetch(`http://127.0.0.1:${httpPort}/health/ready`);

        return response.ok;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: `${app} to be ready` },
    );
  }
}
