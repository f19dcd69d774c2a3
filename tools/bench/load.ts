import autocannon from 'autocannon';

import { requestRate, type ProcessCpu, type TargetFigures, type TargetName } from './report';

/** One autocannon run, histograms still encoded so that rounds can be merged. */
export interface LoadRun {
  raw: autocannon.RawResult;
  firstError: string | undefined;
}

/** Seconds before autocannon counts a request as failed: far above any healthy answer here. */
const REQUEST_TIMEOUT_SECONDS = 10;

/** Runs autocannon one run at a time, in this process; `stop` ends the current run within a second. */
export class LoadGenerator {
  private current: autocannon.Instance<autocannon.RawResult> | undefined;
  private stopped = false;

  async run(url: string, connections: number, seconds: number): Promise<LoadRun> {
    if (this.stopped) {
      throw new Error('the load generator was stopped');
    }
    const instance = autocannon({
      url,
      connections,
      duration: seconds,
      timeout: REQUEST_TIMEOUT_SECONDS,
      skipAggregateResult: true,
    });
    let firstError: string | undefined;
    instance.on('reqError', (error: unknown) => {
      firstError ??= error instanceof Error ? error.message : String(error);
    });
    this.current = instance;
    try {
      return { raw: await instance, firstError };
    } finally {
      this.current = undefined;
    }
  }

  stop(): void {
    this.stopped = true;
    this.current?.stop();
  }
}

/** Every measured round of one target merged: latency percentiles from the merged histograms. */
export function combineRuns(
  target: TargetName,
  url: string,
  connections: number,
  runs: readonly LoadRun[],
  cpu: ProcessCpu[],
): TargetFigures {
  const raws = runs.map((run) => run.raw);
  const merged = autocannon.aggregateResult(raws, { url, connections });
  const measured = raws.map((raw) => ({
    completed: raw.totalCompletedRequests,
    durationSeconds: raw.duration,
  }));
  const otherStatuses = Object.fromEntries(
    Object.entries(merged.statusCodeStats)
      .filter(([status]) => !status.startsWith('2'))
      .map(([status, { count }]) => [status, count]),
  );

  return {
    target,
    url,
    requestsPerSecond: requestRate(measured),
    roundRates: measured.map((run) => requestRate([run])),
    p50Ms: merged.latency.p50,
    p99Ms: merged.latency.p99,
    completed: measured.reduce((sum, run) => sum + run.completed, 0),
    errors: merged.errors,
    timeouts: merged.timeouts,
    non2xx: merged.non2xx,
    otherStatuses,
    firstError: runs.find((run) => run.firstError !== undefined)?.firstError,
    cpu,
  };
}
