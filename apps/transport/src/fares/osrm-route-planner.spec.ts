import { createServer, type IncomingMessage, type Server } from 'node:http';

import { createLogger } from '@ecom/platform';

import { GreatCircleRoutePlanner } from './great-circle-route-planner';
import { OsrmRoutePlanner } from './osrm-route-planner';

const PICKUP = { lat: 6.1319, lng: 1.2228 };
const DESTINATION = { lat: 6.1725, lng: 1.2133 };

/** Answers like OSRM's route service; `reply` decides each answer. */
function fakeOsrm(reply: (request: IncomingMessage) => { status: number; body: unknown } | 'hang'): Promise<{
  server: Server;
  url: string;
  paths: string[];
}> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    const answer = reply(request);
    if (answer === 'hang') return;
    response.writeHead(answer.status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(answer.body));
  });

  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}`, paths });
    });
  });
}

describe('OSRM route planner', () => {
  const logger = createLogger({ service: 'transport', level: 'error' });
  const estimate = new GreatCircleRoutePlanner(1.3, 22);
  let server: Server | undefined;

  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('asks for the driving route lng,lat;lng,lat and answers its distance and duration', async () => {
    const fake = await fakeOsrm(() => ({
      status: 200,
      body: { code: 'Ok', routes: [{ distance: 5312.4, duration: 702.6, legs: [] }], waypoints: [] },
    }));
    server = fake.server;

    const route = await new OsrmRoutePlanner(fake.url, 1000, estimate, logger).plan(PICKUP, DESTINATION);

    expect(route).toEqual({ distanceM: 5312, durationS: 703 });
    expect(fake.paths).toEqual([
      '/route/v1/driving/1.2228,6.1319;1.2133,6.1725?overview=false&alternatives=false&steps=false',
    ]);
  });

  it('falls back to the estimate when OSRM finds no route', async () => {
    const fake = await fakeOsrm(() => ({
      status: 400,
      body: { code: 'NoRoute', message: 'Impossible route' },
    }));
    server = fake.server;

    const route = await new OsrmRoutePlanner(fake.url, 1000, estimate, logger).plan(PICKUP, DESTINATION);

    expect(route).toEqual(await estimate.plan(PICKUP, DESTINATION));
  });

  it('falls back to the estimate when OSRM does not answer in time', async () => {
    const fake = await fakeOsrm(() => 'hang');
    server = fake.server;

    const route = await new OsrmRoutePlanner(fake.url, 200, estimate, logger).plan(PICKUP, DESTINATION);

    expect(route).toEqual(await estimate.plan(PICKUP, DESTINATION));
  });
});
