import { join } from 'node:path';

import { LocalServer, type StartLocalServer } from './local-server';
import { resolveNats, type ResolvedNats } from './nats';
import { resolvePostgres, type ResolvedPostgres } from './postgres';
import { LOCAL_HOST, type LocalSettings } from './settings';
import { canConnect } from './tcp';

export type ResolvedRedis = { url: string; source: 'env' | 'existing' } | { url: undefined; source: 'none' };

export interface Infrastructure {
  postgres: ResolvedPostgres;
  nats: ResolvedNats;
  redis: ResolvedRedis;
}

export type InfraComponent = 'postgres' | 'nats' | 'redis';

/** REDIS_URL if set, else the default address if it answers, else none: the gateway then counts in memory. */
export async function resolveRedis(settings: LocalSettings): Promise<ResolvedRedis> {
  const { explicitUrl, defaultUrl, port } = settings.redis;
  if (explicitUrl !== undefined) {
    return { url: explicitUrl, source: 'env' };
  }
  if (await canConnect(LOCAL_HOST, port)) {
    return { url: defaultUrl, source: 'existing' };
  }

  return { url: undefined, source: 'none' };
}

/** The servers this script started, stopped in reverse order at the end. */
export class LocalServers {
  private readonly servers: LocalServer[] = [];

  constructor(
    private readonly logDir: string,
    private readonly onUnexpectedExit: (name: string, logFile: string, code: number | null) => void,
  ) {}

  readonly start: StartLocalServer = (name, request) =>
    LocalServer.start(
      name,
      request,
      join(this.logDir, `${name}.log`),
      (server) => this.servers.push(server),
      (server, code) => {
        this.onUnexpectedExit(server.name, server.logFile, code);
      },
    );

  get names(): string[] {
    return this.servers.map((server) => server.name);
  }

  async stopAll(): Promise<void> {
    const servers = this.servers.splice(0).reverse();
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/**
 * Finds or starts Postgres and NATS and looks for Redis, all at once. On failure, whatever was started
 * stays registered in `servers` for the caller to stop.
 */
export async function resolveInfrastructure(
  settings: LocalSettings,
  env: NodeJS.ProcessEnv,
  servers: LocalServers,
  note: (component: InfraComponent, text: string) => void,
): Promise<Infrastructure> {
  const [postgres, nats, redis] = await Promise.allSettled([
    resolvePostgres(settings, servers.start, (text) => {
      note('postgres', text);
    }),
    resolveNats(settings, env, servers.start, (text) => {
      note('nats', text);
    }),
    resolveRedis(settings),
  ]);
  if (postgres.status === 'rejected') {
    throw asError(postgres.reason);
  }
  if (nats.status === 'rejected') {
    throw asError(nats.reason);
  }
  if (redis.status === 'rejected') {
    throw asError(redis.reason);
  }

  return { postgres: postgres.value, nats: nats.value, redis: redis.value };
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
