import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';

/** What a host process is asked to run. */
export type ServerRequest =
  | { type: 'start-postgres'; dataDir: string; port: number; password: string }
  | { type: 'start-nats'; binary: string; port: number; storeDir: string };

export type HostCommand = ServerRequest | { type: 'stop' };

export type HostReport = { type: 'ready' } | { type: 'failed'; message: string };

/** Starts a host process for a server and keeps track of it so it is stopped at the end. */
export type StartLocalServer = (name: string, request: ServerRequest) => Promise<LocalServer>;

const START_TIMEOUT_MS = 120_000;

/**
 * A server (embedded Postgres, nats-server) this script started. Each runs under its own small host
 * process (infra-host.js) in a session of its own, so Ctrl-C in the terminal reaches the apps but not the
 * database and broker they are still using: those stop last, when asked. The host also stops its server
 * if this script dies without asking (its IPC channel closes).
 */
export class LocalServer {
  private stopping = false;
  private readonly exited: Promise<void>;

  private constructor(
    readonly name: string,
    readonly logFile: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        resolve();
      }),
    );
  }

  /**
   * Forks a host, asks it to start the server and waits until the server answers. `onUnexpectedExit`
   * fires if the host (and so the server) goes away later without being asked.
   */
  static async start(
    name: string,
    request: ServerRequest,
    logFile: string,
    onCreated: (server: LocalServer) => void,
    onUnexpectedExit: (server: LocalServer, code: number | null) => void,
  ): Promise<LocalServer> {
    const logFd = openSync(logFile, 'a');
    let child: ChildProcess;
    try {
      child = fork(join(__dirname, 'infra-host.js'), [name], {
        detached: true,
        stdio: ['ignore', logFd, logFd, 'ipc'],
      });
    } finally {
      closeSync(logFd);
    }
    const server = new LocalServer(name, logFile, child);
    onCreated(server);
    await server.handshake(request);
    child.once('exit', (code) => {
      if (!server.stopping) {
        onUnexpectedExit(server, code);
      }
    });

    return server;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Asks the host to stop its server and waits; escalates to SIGTERM, then SIGKILL, if it hangs. */
  async stop(timeoutMs = 20_000): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return;
    }
    if (this.child.connected) {
      this.child.send({ type: 'stop' } satisfies HostCommand);
    } else {
      this.child.kill('SIGTERM');
    }
    if (await this.waitForExit(timeoutMs)) {
      return;
    }
    this.child.kill('SIGTERM');
    if (await this.waitForExit(5_000)) {
      return;
    }
    this.child.kill('SIGKILL');
    await this.exited;
  }

  private waitForExit(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        resolve(false);
      }, timeoutMs);
      void this.exited.then(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private handshake(request: ServerRequest): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${this.name} did not start within ${START_TIMEOUT_MS / 1000} s`));
      }, START_TIMEOUT_MS);
      const onMessage = (message: unknown): void => {
        if (!isHostReport(message)) {
          return;
        }
        cleanup();
        if (message.type === 'ready') {
          resolve();
        } else {
          reject(new Error(message.message));
        }
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        cleanup();
        reject(
          new Error(
            `${this.name} host exited before the server was ready (${signal ?? `code ${String(code)}`})`,
          ),
        );
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
      };
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send(request satisfies HostCommand);
    });
  }
}

export function isHostReport(value: unknown): value is HostReport {
  if (typeof value !== 'object' || value === null || !('type' in value)) {
    return false;
  }

  return (
    value.type === 'ready' ||
    (value.type === 'failed' && 'message' in value && typeof value.message === 'string')
  );
}

export function isHostCommand(value: unknown): value is HostCommand {
  return (
    typeof value === 'object' &&
    value !== null &&
    'type' in value &&
    (value.type === 'start-postgres' || value.type === 'start-nats' || value.type === 'stop')
  );
}
