import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { connect, type NatsConnection } from 'nats';

import type { StartLocalServer } from './local-server';
import { LOCAL_HOST, maskPassword, type LocalSettings } from './settings';
import { StartError } from './start-error';
import { canConnect } from './tcp';

export type NatsProbe =
  | { kind: 'jetstream' }
  | { kind: 'no-jetstream' }
  /** Nothing answers, or what answers is not NATS. */
  | { kind: 'unreachable'; message: string };

export interface ResolvedNats {
  url: string;
  source: 'env' | 'existing' | 'started';
}

const PROBE_TIMEOUT_MS = 3000;

/** Connects once and asks JetStream for the account info: the services need streams and consumers. */
export async function probeNats(url: string): Promise<NatsProbe> {
  let connection: NatsConnection;
  try {
    connection = await connect({
      servers: url.split(',').map((server) => server.trim()),
      name: 'ecom-start-probe',
      timeout: PROBE_TIMEOUT_MS,
      reconnect: false,
    });
  } catch (error) {
    return { kind: 'unreachable', message: describe(error) };
  }
  try {
    const manager = await connection.jetstreamManager({ timeout: PROBE_TIMEOUT_MS });
    await manager.getAccountInfo();

    return { kind: 'jetstream' };
  } catch {
    return { kind: 'no-jetstream' };
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/** The first executable called `name` on a PATH-style list of directories. */
export function findOnPath(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') {
      continue;
    }
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);

      return candidate;
    } catch {
      // Not here; try the next directory.
    }
  }

  return undefined;
}

/** NATS_URL if set, else the default address if something answers there, else a nats-server started here. */
export async function resolveNats(
  settings: LocalSettings,
  env: NodeJS.ProcessEnv,
  startServer: StartLocalServer,
  note: (text: string) => void,
): Promise<ResolvedNats> {
  const { explicitUrl, defaultUrl, port } = settings.nats;
  if (explicitUrl !== undefined) {
    requireJetStream(explicitUrl, await probeNats(explicitUrl), 'NATS_URL');

    return { url: explicitUrl, source: 'env' };
  }
  if (await canConnect(LOCAL_HOST, port)) {
    requireJetStream(defaultUrl, await probeNats(defaultUrl), 'the default address');

    return { url: defaultUrl, source: 'existing' };
  }
  const binary = findOnPath('nats-server', env['PATH']);
  if (binary === undefined) {
    throw new StartError(
      `Nothing answers at ${defaultUrl} and nats-server is not installed.\n` +
        'Install it (Debian/Ubuntu: `sudo apt install nats-server`; others: https://github.com/nats-io/nats-server/releases),\n' +
        'or run one in Docker (`docker compose up -d nats`), or point NATS_URL at a server with JetStream.',
    );
  }
  note(`nothing answers at ${LOCAL_HOST}:${port}; starting ${binary} with JetStream (store in .data/nats)`);
  try {
    await startServer('nats', { type: 'start-nats', binary, port, storeDir: settings.nats.storeDir });
  } catch (error) {
    throw new StartError(`nats-server did not start: ${describe(error)}\nSee .data/logs/nats.log`);
  }
  requireJetStream(defaultUrl, await probeNats(defaultUrl), 'the nats-server started here');

  return { url: defaultUrl, source: 'started' };
}

function requireJetStream(url: string, probe: NatsProbe, where: string): void {
  switch (probe.kind) {
    case 'jetstream':
      return;
    case 'no-jetstream':
      throw new StartError(
        `The NATS server at ${where} (${maskPassword(url)}) runs without JetStream, which the services need for events.\n` +
          'Restart it with JetStream on (`nats-server -js`, or `jetstream: enabled` in its config).',
      );
    case 'unreachable':
      throw new StartError(`Cannot connect to NATS at ${where} (${maskPassword(url)}): ${probe.message}`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
