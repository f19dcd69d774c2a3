import { pingSubject } from '@ecom/contracts';
import type { RunningApp, ServiceConfig, ServiceDefinition } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { startService, TestBus } from './harness';
import { TestEnvironment } from './infrastructure';

/**
 * What every service promises before its own features: it migrates its schema (with the outbox and inbox
 * of the event backbone), answers `<app>.system.ping` over NATS, and reports health and metrics.
 */
export function describeServiceBasics<C extends ServiceConfig>(definition: ServiceDefinition<C>): void {
  const { name } = definition;
  const { schema } = definition.database;

  describe(`${name} service basics`, () => {
    let environment: TestEnvironment;
    let bus: TestBus;
    let service: RunningApp<C>;

    beforeAll(async () => {
      environment = await TestEnvironment.create();
      bus = await TestBus.connect(environment);
      service = await startService(definition, environment);
    });

    afterAll(async () => {
      await service.close();
      await bus.close();
      await environment.destroy();
    });

    it(`creates the ${schema} schema with its outbox and inbox at start`, async () => {
      const tables = await service.app
        .get(DataSource)
        .query<{ table_name: string }[]>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
          [schema],
        );

      expect(tables.map((table) => table.table_name)).toEqual(
        expect.arrayContaining(['migrations', 'outbox', 'inbox']),
      );
    });

    it(`answers ${name}.system.ping over NATS, ready, with its schema version`, async () => {
      const reply = await bus.client.request<{
        service: string;
        ready: boolean;
        schema_version: string | null;
      }>(pingSubject(name), {});

      expect(reply).toMatchObject({ service: name, ready: true });
      expect(reply.schema_version).toMatch(/\d{13}$/);
    });

    it('reports ready on its health port and serves metrics', async () => {
      const ready = await fetch(`${service.url}/health/ready`);
      const metrics = await fetch(`${service.url}/metrics`);

      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        ready: true,
        checks: { nats: true, database: true, events: true },
      });
      expect(await metrics.text()).toContain(`ecom_outbox_lag_seconds{app="${name}"}`);
    });
  });
}
