// `npm run bench`: the routed path (gateway → NATS → auth → Postgres) against a bare baseline with the
// same topology and no framework. See tools/bench/README.md.
import { constants } from 'node:os';
import { join } from 'node:path';

import { readLocalSettings } from '../start/settings';
import { StartError } from '../start/start-error';
import { BenchRun } from './bench-run';
import { parseBenchOptions, USAGE } from './options';

/** Repository root: this file runs as dist/tools/bench/main.js. */
const ROOT = join(__dirname, '..', '..', '..');
/** Beyond the measured time: infrastructure, startup, readiness and cleanup together. */
const OVERHEAD_BUDGET_MS = 180_000;
/** A second Ctrl-C this long after the first kills the processes instead of waiting for them. */
const FORCE_AFTER_MS = 2_000;

function write(text: string): void {
  process.stdout.write(`${text}\n`);
}

function describe(error: unknown): string {
  if (error instanceof StartError) {
    return error.message;
  }

  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options.help) {
    write(USAGE);

    return;
  }
  const bench = new BenchRun(options, readLocalSettings(process.env, ROOT), process.env, write);
  const fail = (error: unknown): void => {
    write(`error: ${describe(error)}`);
    void bench.shutdown(1);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);

  let interruptedAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interruptedAt === undefined) {
      interruptedAt = Date.now();
      write(`${signal}: stopping and cleaning up (again to kill the processes right away)`);
      // The shell's convention: 128 + the signal number (130 for Ctrl-C).
      void bench.shutdown(128 + constants.signals[signal]);
    } else if (Date.now() - interruptedAt > FORCE_AFTER_MS) {
      // The terminal and npm may both deliver the first Ctrl-C; only a later one means "hurry".
      bench.killChildren();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);

  // Bounded in time whatever hangs: the measured load plus a generous allowance for everything else.
  const loadMs = 2 * (options.warmupSeconds + options.durationSeconds) * 1000;
  setTimeout(() => {
    bench.fail(`the bench did not finish within ${Math.round((loadMs + OVERHEAD_BUDGET_MS) / 1000)} s`);
    void bench.shutdown(1);
  }, loadMs + OVERHEAD_BUDGET_MS).unref();

  // `kill <npm pid>` ends npm but not this process: under npm, losing the parent means stop.
  if (process.env['npm_lifecycle_event'] !== undefined) {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent && !bench.stopping) {
        bench.fail('npm exited');
        void bench.shutdown(1);
      }
    }, 1000).unref();
  }

  let code: number;
  try {
    code = await bench.run();
  } catch (error) {
    // A failure the run already reported (a process died, a signal) needs no second message.
    if (!bench.stopping) {
      write(`error: ${describe(error)}`);
    }
    code = 1;
  }
  await bench.shutdown(code);
}

main().catch((error: unknown) => {
  write(`error: ${describe(error)}`);
  process.exit(1);
});
