import { randomUUID } from 'node:crypto';

import { pingSubject } from '@ecom/contracts';
import { DomainError, type RunningApp, type ServiceConfig } from '../src';
import { LogCapture, startService, TestBus, TestEnvironment } from '@ecom/testing';
import { DataSource } from 'typeorm';

import { ConsumerControl, counterService } from './counter.fixture';

describe('request-reply between services over real NATS', () => {
  let environment: TestEnvironment;
  let bus: TestBus;
  let service: RunningApp<ServiceConfig>;
  const logs = new LogCapture();

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    bus = await TestBus.connect(environment);
    service = await startService(
      counterService(new ConsumerControl()),
      environment,
      { LOG_LEVEL: 'debug' },
      logs,
    );
  });

  afterAll(async () => {
    await service.close();
    await bus.close();
    await environment.destroy();
  });

  it('migrates its own schema at start and answers ping with its schema version', async () => {
    const reply = await bus.client.request(pingSubject('analytics'), {});

    expect(reply).toEqual({
      service: 'analytics',
      version: '0.1.0',
      ready: true,
      schema_version: 'CreateCounterTables1700000000000',
    });
    const tables = await service.app
      .get(DataSource)
      .query<{ table_name: string }[]>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'counter_fixture' ORDER BY 1",
      );
    expect(tables.map((table) => table.table_name)).toEqual([
      'counters',
      'inbox',
      'migrations',
      'outbox',
      'tally',
    ]);
  });

  it('hands the caller, request id and idempotency key to the handler', async () => {
    const requestId = randomUUID();
    const caller = { user_id: randomUUID(), roles: ['client' as const] };

    const reply = await bus.client.request(
      'analytics.counter.whoami',
      {},
      {
        context: { requestId, correlationId: requestId, caller, idempotencyKey: 'key-12345678' },
      },
    );

    expect(reply).toEqual({ request_id: requestId, caller, idempotency_key: 'key-12345678' });
  });

  it('refuses a payload with an unknown or invalid field, naming the field', async () => {
    const error = await bus.client
      .request('analytics.counter.increment', { counter_id: randomUUID(), by: 0, colour: 'blue' })
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    const fields = (error as DomainError).errors?.map((fieldError) => fieldError.field);
    expect(fields).toEqual(expect.arrayContaining(['by', 'colour']));
  });

  it('enforces roles on message handlers', async () => {
    const ask = (roles?: ('client' | 'admin')[]): Promise<unknown> => {
      const requestId = randomUUID();

      return bus.client.request(
        'analytics.counter.reset-all',
        {},
        {
          context: { requestId, correlationId: requestId, caller: roles && { user_id: randomUUID(), roles } },
        },
      );
    };

    await expect(ask()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(ask(['client'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ask(['admin'])).resolves.toEqual({ reset: true });
  });

  it('answers an unexpected failure as INTERNAL without its details, and logs no secret it carried', async () => {
    const secrets = {
      password: 'Tr0ub4dor&3-horse',
      otp: '493817',
      authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl',
    };

    const error = await bus.client
      .request('analytics.counter.log-secrets', secrets)
      .catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ code: 'INTERNAL', message: 'Internal error' });
    const output = logs.text();
    expect(output).toContain('Unhandled error in message handler');
    expect(output).toContain('Received credentials');
    expect(output).not.toContain(secrets.password);
    expect(output).not.toContain(secrets.otp);
    expect(output).not.toContain('eyJhbGciOiJSUzI1NiJ9');
  });

  it('answers 503-class when nobody serves a subject and 504-class when the server never answers', async () => {
    await expect(bus.client.request('analytics.counter.nobody-here', {})).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
    const hung = bus.respond('analytics.counter.hung', () => undefined);
    await expect(bus.client.request('analytics.counter.hung', {}, { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'SERVICE_TIMEOUT',
    });
    hung.unsubscribe();
  });

  it('finishes a handler in flight when it is asked to shut down', async () => {
    const ephemeral = await TestEnvironment.create();
    const other = await startService(counterService(new ConsumerControl()), ephemeral);
    const otherBus = await TestBus.connect(ephemeral);
    try {
      const answer = otherBus.client.request('analytics.counter.slow', { ms: 400 });
      await new Promise((resolve) => setImmediate(resolve));
      const closing = other.close();

      await expect(answer).resolves.toEqual({ done: true });
      await closing;
    } finally {
      await otherBus.close();
      await ephemeral.destroy();
    }
  });
});
