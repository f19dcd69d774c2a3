import { findFreePort } from '../start/tcp';

/** Benchmarks print their figures on stdout, one line each. */
export function write(text: string): void {
  process.stdout.write(`${text}\n`);
}

export async function freePort(from: number): Promise<number> {
  const port = await findFreePort(from, '127.0.0.1');
  if (port === undefined) throw new Error(`no free port from ${from}`);

  return port;
}

/** Polls `check` until it answers a value other than false or undefined (a failing check counts as not yet). */
export async function until<T>(
  what: string,
  check: () => Promise<T | false | undefined>,
  timeoutMs = 60_000,
  pollMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
}
