import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface ChildSpec {
  name: string;
  /** Compiled entry point under dist/. */
  script: string;
  env: NodeJS.ProcessEnv;
  /** Everything the process writes, stdout and stderr, fresh on each run. */
  logFile: string;
  /** Options for node itself, e.g. `--cpu-prof`. */
  nodeArgs?: readonly string[];
}

/**
 * One node process the bench started. Its output goes straight to its log file (nothing to parse while
 * measuring); `stop` asks with SIGTERM and kills after a timeout.
 */
export class BenchChild {
  private stopping = false;
  private exitedFlag = false;
  private readonly exited: Promise<void>;

  private constructor(
    readonly spec: ChildSpec,
    private readonly child: ChildProcess,
    onUnexpectedExit: (child: BenchChild, how: string) => void,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitedFlag = true;
        if (!this.stopping) {
          onUnexpectedExit(this, signal === null ? `exit code ${String(code)}` : signal);
        }
        resolve();
      });
    });
  }

  static start(
    spec: ChildSpec,
    cwd: string,
    onUnexpectedExit: (child: BenchChild, how: string) => void,
  ): BenchChild {
    const logFd = openSync(spec.logFile, 'w');
    try {
      const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), spec.script], {
        cwd,
        env: spec.env,
        stdio: ['ignore', logFd, logFd],
      });
      child.once('error', () => undefined);

      return new BenchChild(spec, child, onUnexpectedExit);
    } finally {
      closeSync(logFd);
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return !this.exitedFlag && this.child.pid !== undefined;
  }

  /** SIGTERM, then SIGKILL after `timeoutMs`. Resolves true when it had to kill. */
  async stop(timeoutMs: number): Promise<boolean> {
    this.stopping = true;
    if (!this.running) {
      return false;
    }
    this.child.kill('SIGTERM');
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      this.child.kill('SIGKILL');
    }, timeoutMs);
    await this.exited;
    clearTimeout(timer);

    return killed;
  }

  /** SIGKILL now, for a second Ctrl-C; a pending `stop` then resolves. */
  kill(): void {
    this.stopping = true;
    if (this.running) {
      this.child.kill('SIGKILL');
    }
  }

  /** The last lines of the log file, to show why the process failed. */
  tail(lines = 15): string {
    try {
      return readFileSync(this.spec.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }
}
