import { pingSubject } from '@ecom/contracts';
import type { RunningApp } from '@ecom/platform';
import { startService, TestBus, TestEnvironment } from '@ecom/testing';
import { DataSource } from 'typeorm';

import type { MarketplaceConfig } from '../src/config';
import { marketplaceService } from '../src/service';

describe('marketplace service', () => {
  let environment: TestEnvironment;
  let bus: TestBus;
  let service: RunningApp<MarketplaceConfig>;

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    bus = await TestBus.connect(environment);
    service = await startService(marketplaceService, environment);
  });

  afterAll(async () => {
    await service.close();
    await bus.close();
    await environment.destroy();
  });

  it('creates the marketplace schema with its outbox and inbox at start', async () => {
    const tables = await service.app
      .get(DataSource)
      .query<{ table_name: string }[]>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marketplace'",
      );

    expect(tables.map((table) => table.table_name)).toEqual(
      expect.arrayContaining(['migrations', 'outbox', 'inbox']),
    );
  });

  it('answers marketplace.system.ping over NATS, ready, with its schema version', async () => {
    await expect(bus.client.request(pingSubject('marketplace'), {})).resolves.toMatchObject({
      service: 'marketplace',
      ready: true,
      schema_version: expect.stringMatching(/^CreateMarketplaceMessaging\d+$/) as unknown,
    });
  });

  it('reports ready on its health port and serves metrics', async () => {
    const ready = await fetch(`${service.url}/health/ready`);
    const metrics = await fetch(`${service.url}/metrics`);

    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { nats: true, database: true, events: true } });
    expect(await metrics.text()).toContain('ecom_outbox_lag_seconds{app="marketplace"}');
  });
});
