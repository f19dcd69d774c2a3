import { get } from 'node:http';

export interface ReadinessTarget {
  name: string;
  /** Answers 200 once the app is ready (`/health/ready`). */
  url: string;
}

export interface ReadinessOptions {
  intervalMs: number;
  timeoutMs: number;
  /** Each check gives up after this long, so a hung app cannot stall the loop. */
  requestTimeoutMs?: number;
  /** Stops waiting early, e.g. when an app exited. */
  signal?: AbortSignal;
  onReady?: (name: string, elapsedMs: number) => void;
}

export interface ReadinessResult {
  ready: string[];
  /** Not ready when the wait ended (timeout or abort), in the order given. */
  pending: string[];
  elapsedMs: number;
  aborted: boolean;
}

/** Whether a GET on the URL answers 200 within the timeout. */
export function isReady(url: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    // No keep-alive: each check is one short connection, none left open when the wait ends.
    const request = get(url, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => {
      resolve(false);
    });
  });
}

/** Checks every pending target each interval until all answer 200, the timeout passes or the signal aborts. */
export async function waitUntilReady(
  targets: readonly ReadinessTarget[],
  options: ReadinessOptions,
): Promise<ReadinessResult> {
  const started = Date.now();
  const requestTimeoutMs = options.requestTimeoutMs ?? 1000;
  const pending = new Map(targets.map((target) => [target.name, target.url]));
  const ready: string[] = [];
  const elapsed = (): number => Date.now() - started;
  const finish = (aborted: boolean): ReadinessResult => ({
    ready,
    pending: [...pending.keys()],
    elapsedMs: elapsed(),
    aborted,
  });

  for (;;) {
    if (isAborted(options.signal)) {
      return finish(true);
    }
    const checks = await Promise.all(
      [...pending].map(async ([name, url]) => ({ name, ok: await isReady(url, requestTimeoutMs) })),
    );
    for (const { name, ok } of checks) {
      if (ok && pending.delete(name)) {
        ready.push(name);
        options.onReady?.(name, elapsed());
      }
    }
    if (pending.size === 0) {
      return finish(false);
    }
    if (isAborted(options.signal)) {
      return finish(true);
    }
    if (elapsed() >= options.timeoutMs) {
      return finish(false);
    }
    await sleep(Math.min(options.intervalMs, Math.max(0, options.timeoutMs - elapsed())), options.signal);
  }
}

/** A function, so the compiler does not assume the flag stays as it was before an await. */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
