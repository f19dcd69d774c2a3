/** A setting the bench passes to a bare process; missing means the bench itself is broken. */
export function requireEnv(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new Error(`${name} is not set (the bare processes are started by tools/bench/main.ts)`);
  }

  return value;
}

/** Subject the bare service answers, under the run's NATS prefix. */
export function bareSubject(prefix: string): string {
  return `${prefix}bench.bare.ping`;
}

/** What the bare service answers: the same fields as the platform's `PingReply`. */
export interface BarePingReply {
  service: 'auth';
  version: string;
  ready: boolean;
  schema_version: string | null;
}
