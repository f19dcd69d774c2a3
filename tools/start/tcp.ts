import { createConnection, createServer } from 'node:net';

/** Whether something accepts TCP connections at host:port within the timeout. */
export function canConnect(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const finish = (answer: boolean): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => {
      finish(false);
    });
    socket.once('connect', () => {
      finish(true);
    });
    socket.once('error', () => {
      finish(false);
    });
  });
}

/** Whether this process could listen on host:port right now. */
export function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => {
      resolve(false);
    });
    server.listen({ port, host, exclusive: true }, () => {
      server.close(() => {
        resolve(true);
      });
    });
  });
}

/** The first free port from `from` on, trying at most `attempts` ports. */
export async function findFreePort(from: number, host: string, attempts = 50): Promise<number | undefined> {
  for (let port = from; port < from + attempts && port <= 65535; port += 1) {
    if (await isPortFree(port, host)) {
      return port;
    }
  }

  return undefined;
}

/** Polls until host:port accepts connections or the timeout passes. */
export async function waitForPort(
  host: string,
  port: number,
  timeoutMs: number,
  intervalMs = 100,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await canConnect(host, port, Math.min(1000, intervalMs * 5))) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }

  return false;
}
