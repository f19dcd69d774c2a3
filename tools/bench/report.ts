export type TargetName = 'routed' | 'bare';

/** What the load generator measured on one target, all measured rounds together. */
export interface TargetFigures {
  target: TargetName;
  url: string;
  requestsPerSecond: number;
  /** Requests per second of each measured round, in the order they ran. */
  roundRates: number[];
  p50Ms: number;
  p99Ms: number;
  completed: number;
  /** Failed requests (connection errors and timeouts); timeouts are counted here too. */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Answers other than 2xx, by status code. */
  otherStatuses: Record<string, number>;
  /** The first request error seen, to say why requests failed. */
  firstError: string | undefined;
  /** CPU time each process of the target used during the measured rounds (empty off Linux). */
  cpu: ProcessCpu[];
}

export interface ProcessCpu {
  process: string;
  cpuMs: number;
}

export interface MeasuredRun {
  completed: number;
  durationSeconds: number;
}

export interface Goal {
  minRatio: number;
  maxRoutedP99Ms: number;
}

/** The routed path may cost at most a fifth of the bare throughput and must keep p99 under 100 ms. */
export const GOAL: Goal = { minRatio: 0.8, maxRoutedP99Ms: 100 };

export interface Verdict {
  /** Routed requests per second over bare requests per second (0 when bare measured nothing). */
  ratio: number;
  pass: boolean;
  /** Why the goal was missed, one reason per clause. */
  misses: string[];
}

export interface MachineFacts {
  cpus: number;
  cpuModel: string;
  nodeVersion: string;
  platform: string;
  arch: string;
  memoryBytes: number;
  /** 1-minute load average when the measurement began. */
  loadAverage: number;
}

export interface RunSettings {
  path: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  rounds: number;
}

/** Completed requests over measured time, across every round (not the mean of per-round rates). */
export function requestRate(runs: readonly MeasuredRun[]): number {
  const seconds = runs.reduce((sum, run) => sum + run.durationSeconds, 0);
  const completed = runs.reduce((sum, run) => sum + run.completed, 0);

  return seconds > 0 ? completed / seconds : 0;
}

export function judge(routed: TargetFigures, bare: TargetFigures, goal: Goal = GOAL): Verdict {
  const ratio = bare.requestsPerSecond > 0 ? routed.requestsPerSecond / bare.requestsPerSecond : 0;
  const misses: string[] = [];
  if (ratio < goal.minRatio) {
    misses.push(`ratio ${formatRatio(ratio)} < ${formatRatio(goal.minRatio)}`);
  }
  if (routed.p99Ms > goal.maxRoutedP99Ms) {
    misses.push(`routed p99 ${formatMs(routed.p99Ms)} ms > ${goal.maxRoutedP99Ms} ms`);
  }

  return { ratio, pass: misses.length === 0, misses };
}

/**
 * Why the measurement cannot be trusted: any failed request or any answer other than 2xx (a benchmark
 * of 404s or 429s measures the wrong thing). Empty when every request succeeded.
 */
export function findProblems(figures: readonly TargetFigures[]): string[] {
  return figures.flatMap((target) => {
    const problems: string[] = [];
    if (target.completed === 0) {
      problems.push(`${target.target}: no request completed (${target.url})`);
    }
    if (target.errors > 0) {
      const timeouts = target.timeouts > 0 ? `, ${target.timeouts} timed out` : '';
      const first = target.firstError === undefined ? '' : ` (first: ${target.firstError})`;
      problems.push(`${target.target}: ${target.errors} requests failed${timeouts}${first}`);
    }
    if (target.non2xx > 0) {
      const statuses = Object.entries(target.otherStatuses)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([status, count]) => `${count} × ${status}`)
        .join(', ');
      problems.push(`${target.target}: ${target.non2xx} answers were not 2xx (${statuses})`);
    }

    return problems;
  });
}

export function describeMachine(machine: MachineFacts): string {
  const memory = `${(machine.memoryBytes / 1024 ** 3).toFixed(1)} GiB`;

  return (
    `machine: ${machine.cpus} cpus (${machine.cpuModel}), ${memory}, node ${machine.nodeVersion}, ` +
    `${machine.platform} ${machine.arch}, load ${machine.loadAverage.toFixed(2)}`
  );
}

/** The printed result: settings, machine, one row per target, the ratio and the goal verdict. */
export function renderReport(
  settings: RunSettings,
  machine: MachineFacts,
  routed: TargetFigures,
  bare: TargetFigures,
  goal: Goal = GOAL,
): string {
  const verdict = judge(routed, bare, goal);
  const header = ['target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'req/s by round'];
  const rows = [routed, bare].map((target) => [
    target.target,
    formatRate(target.requestsPerSecond),
    formatMs(target.p50Ms),
    formatMs(target.p99Ms),
    String(target.errors),
    String(target.non2xx),
    target.roundRates.map(formatRate).join(' / '),
  ]);
  const goalLine =
    `goal: ratio >= ${formatRatio(goal.minRatio)} and routed p99 <= ${goal.maxRoutedP99Ms} ms: ` +
    (verdict.pass ? 'PASS' : `MISS (${verdict.misses.join('; ')})`);

  return [
    `GET ${settings.path}, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up and ` +
      `${settings.durationSeconds} s measured per target in ${settings.rounds} alternating round(s)`,
    describeMachine(machine),
    '',
    ...renderTable([header, ...rows]),
    '',
    ...renderCpuLine(routed, bare),
    `ratio routed/bare req/s: ${formatRatio(verdict.ratio)}`,
    goalLine,
  ].join('\n');
}

/**
 * Microseconds of CPU per completed request, per process: where the time goes, and a figure that other
 * load on the machine disturbs far less than the request rate. Postgres and NATS are not counted.
 */
export function renderCpuLine(routed: TargetFigures, bare: TargetFigures): string[] {
  if (routed.cpu.length === 0 || bare.cpu.length === 0) {
    return [];
  }
  const describe = (target: TargetFigures): string => {
    const perRequest = target.cpu.map(({ process, cpuMs }) => ({
      process,
      micros: target.completed > 0 ? (cpuMs * 1000) / target.completed : 0,
    }));
    const total = perRequest.reduce((sum, { micros }) => sum + micros, 0);
    const parts = perRequest.map(({ process, micros }) => `${process} ${Math.round(micros)}`).join(' + ');

    return `${target.target} ${Math.round(total)} µs (${parts})`;
  };

  return [`cpu per request: ${describe(routed)}; ${describe(bare)}`];
}

/** Left-aligned first column, right-aligned numbers, two spaces between columns. */
export function renderTable(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  }

  return rows.map((row) =>
    row
      .map((cell, index) => {
        const width = widths[index] ?? cell.length;

        return index === 0 ? cell.padEnd(width) : cell.padStart(width);
      })
      .join('  ')
      .trimEnd(),
  );
}

export function formatRate(value: number): string {
  return Math.round(value).toString();
}

/** Whole milliseconds as they are (autocannon records whole ms), one decimal otherwise. */
export function formatMs(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function formatRatio(value: number): string {
  return value.toFixed(2);
}
