// autocannon ships no typings (and @types/autocannon lags v8): the part of its programmatic API the bench
// uses, as read from autocannon 8.0.0 (lib/run.js, lib/aggregateResult.js).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Seconds before a request counts as timed out (and as an error). */
      timeout?: number;
      title?: string;
      /** Resolve with the raw result (encoded histograms), to combine several runs with `aggregateResult`. */
      skipAggregateResult?: boolean;
    }

    interface StatusCodeCount {
      count: number;
    }

    /** What every run counts, raw or aggregated. */
    interface Counts {
      duration: number;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
      resets: number;
      '1xx': number;
      '2xx': number;
      '3xx': number;
      '4xx': number;
      '5xx': number;
      statusCodeStats: Record<string, StatusCodeCount>;
    }

    /** One run as recorded, histograms still encoded. */
    interface RawResult extends Counts {
      totalCompletedRequests: number;
      totalRequests: number;
      totalBytes: number;
      samples: number;
    }

    /** Milliseconds for latencies, per-second counts for requests. */
    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
    }

    interface Result extends Counts {
      url: string;
      connections: number;
      latency: Histogram & { totalCount: number };
      requests: Histogram & { total: number; sent: number };
    }

    interface Instance<T> extends EventEmitter, PromiseLike<T> {
      /** Ends the run at the next sample (within a second); the promise then resolves. */
      stop(): void;
    }

    /**
     * Merges raw results. Latency percentiles and counts are merged; `requests` is not (it comes back
     * empty), so request rates are computed from the raw results instead.
     */
    function aggregateResult(results: RawResult[], options: Options): Result;
  }

  function autocannon(
    options: autocannon.Options & { skipAggregateResult: true },
  ): autocannon.Instance<autocannon.RawResult>;
  function autocannon(options: autocannon.Options): autocannon.Instance<autocannon.Result>;

  export = autocannon;
}
