import { parseArgs } from 'node:util';

import { StartError } from '../start/start-error';

export interface BenchOptions {
  /** Measured seconds per target, split evenly over the rounds. */
  durationSeconds: number;
  /** Seconds of load on each target before anything is measured. */
  warmupSeconds: number;
  connections: number;
  /** Routed and bare alternate this many times (ABBA…), so neither always runs first or on a warmer machine. */
  rounds: number;
  /** Write a V8 CPU profile of every app and bare process to .data/bench/profiles. */
  cpuProfile: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run bench [-- options]

Measures GET /api/v1/status/auth through the gateway (HTTP → NATS → auth → Postgres) against a bare
baseline with the same topology and no framework (plain fastify → raw nats → raw pg), on 127.0.0.1.

Options:
  --duration <s>      measured seconds per target (default 10), split over the rounds
  --warmup <s>        warm-up seconds per target before measuring (default 3; 0 for none)
  --connections <n>   concurrent HTTP connections (default 50)
  --rounds <n>        alternations of routed and bare (default 2: routed, bare, bare, routed)
  --cpu-prof          write V8 CPU profiles of the four processes to .data/bench/profiles
  --help              this text

Environment: DATABASE_URL, NATS_URL, ECOM_LOCAL_PG_PORT, ECOM_LOCAL_NATS_PORT as for npm start.
Exits 1 when any request failed or answered other than 2xx; a missed goal is printed, not an error.
`;

const DEFAULTS = { durationSeconds: 10, warmupSeconds: 3, connections: 50, rounds: 2 };

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  let values: {
    duration?: string;
    warmup?: string;
    connections?: string;
    rounds?: string;
    'cpu-prof'?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        duration: { type: 'string' },
        warmup: { type: 'string' },
        connections: { type: 'string' },
        rounds: { type: 'string' },
        'cpu-prof': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new StartError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  const options: BenchOptions = {
    durationSeconds: readInteger('--duration', values.duration, DEFAULTS.durationSeconds, 1),
    warmupSeconds: readInteger('--warmup', values.warmup, DEFAULTS.warmupSeconds, 0),
    connections: readInteger('--connections', values.connections, DEFAULTS.connections, 1),
    rounds: readInteger('--rounds', values.rounds, DEFAULTS.rounds, 1),
    cpuProfile: values['cpu-prof'] === true,
    help: values.help === true,
  };
  if (options.durationSeconds < options.rounds) {
    throw new StartError(
      `--duration (${options.durationSeconds}) must be at least --rounds (${options.rounds}): each round measures at least 1 s.`,
    );
  }

  return options;
}

function readInteger(flag: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) {
    return fallback;
  }
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new StartError(`${flag} must be a whole number of at least ${min}, got "${text}".`);
  }

  return value;
}
