import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { isReady, waitUntilReady } from './readiness';

/** A server on an ephemeral port answering 503 for the first `notReadyFor` requests, then 200. */
async function startServer(
  notReadyFor: number,
): Promise<{ server: Server; url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((_request, response) => {
    requests += 1;
    response.statusCode = requests > notReadyFor ? 200 : 503;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return { server, url: `http://127.0.0.1:${port}/health/ready`, requests: () => requests };
}

/** A port nothing listens on: bound, read, then closed again. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));

  return port;
}

describe('readiness', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('isReady is true only for a 200 answer', async () => {
    const ready = await startServer(0);
    const notReady = await startServer(Infinity);
    servers.push(ready.server, notReady.server);

    await expect(isReady(ready.url, 500)).resolves.toBe(true);
    await expect(isReady(notReady.url, 500)).resolves.toBe(false);
    await expect(isReady(`http://127.0.0.1:${await freePort()}/`, 500)).resolves.toBe(false);
  });

  it('polls until every target answers 200', async () => {
    const slow = await startServer(3);
    const fast = await startServer(0);
    servers.push(slow.server, fast.server);
    const onReady = jest.fn();

    const result = await waitUntilReady(
      [
        { name: 'slow', url: slow.url },
        { name: 'fast', url: fast.url },
      ],
      { intervalMs: 20, timeoutMs: 5000, onReady },
    );

    expect(result).toMatchObject({ ready: ['fast', 'slow'], pending: [], aborted: false });
    expect(slow.requests()).toBe(4);
    // A ready target is not asked again.
    expect(fast.requests()).toBe(1);
    expect(onReady).toHaveBeenCalledWith('slow', expect.any(Number));
  });

  it('names the targets still pending when the timeout passes', async () => {
    const never = await startServer(Infinity);
    const ready = await startServer(0);
    servers.push(never.server, ready.server);
    const gone = `http://127.0.0.1:${await freePort()}/health/ready`;

    const result = await waitUntilReady(
      [
        { name: 'never', url: never.url },
        { name: 'gone', url: gone },
        { name: 'ready', url: ready.url },
      ],
      { intervalMs: 20, timeoutMs: 200 },
    );

    expect(result.ready).toEqual(['ready']);
    expect(result.pending).toEqual(['never', 'gone']);
    expect(result.aborted).toBe(false);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(200);
    expect(never.requests()).toBeGreaterThan(3);
  });

  it('stops waiting when the signal aborts', async () => {
    const never = await startServer(Infinity);
    servers.push(never.server);
    const controller = new AbortController();
    setTimeout(() => {
      controller.abort();
    }, 50);

    const result = await waitUntilReady([{ name: 'never', url: never.url }], {
      intervalMs: 1000,
      timeoutMs: 10_000,
      signal: controller.signal,
    });

    expect(result).toMatchObject({ pending: ['never'], aborted: true });
    expect(result.elapsedMs).toBeLessThan(1000);
  });

  it('gives up on a check that hangs after the request timeout', async () => {
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    servers.push(hanging);
    const { port } = hanging.address() as AddressInfo;

    const started = Date.now();
    await expect(isReady(`http://127.0.0.1:${port}/`, 100)).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
