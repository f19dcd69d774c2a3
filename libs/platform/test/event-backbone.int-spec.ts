import { randomUUID } from 'node:crypto';

import {
  DomainError,
  EventPublisher,
  MessagingLifecycle,
  MetricsService,
  preparedQuery,
  type RunningApp,
  type ServiceConfig,
} from '../src';
import { eventEnvelope, startService, TestBus, TestEnvironment, waitFor } from '@ecom/testing';
import { AckPolicy, JSONCodec, type Msg } from 'nats';
import { DataSource } from 'typeorm';

import { ConsumerControl, COUNTER_EVENT, counterService } from './counter.fixture';

const codec = JSONCodec();

describe('event backbone (outbox, relay, inbox consumers) on real Postgres and JetStream', () => {
  let environment: TestEnvironment;
  let bus: TestBus;
  let service: RunningApp<ServiceConfig>;
  let dataSource: DataSource;
  const control = new ConsumerControl();

  const tally = async (counterId: string): Promise<number | undefined> => {
    const rows = await dataSource.query<{ total: number }[]>(
      'SELECT total FROM tally WHERE counter_id = $1',
      [counterId],
    );

    return rows[0]?.total;
  };
  const consumed = async (outcome: string): Promise<number> => {
    const metric = await service.app.get(MetricsService).eventsConsumed.get();

    return metric.values
      .filter((value) => value.labels.outcome === outcome)
      .reduce((sum, value) => sum + value.value, 0);
  };
  const increment = (
    counterId: string,
    by: number,
    extra: Record<string, unknown> = {},
  ): Promise<{ value: number }> =>
    bus.client.request('analytics.counter.increment', { counter_id: counterId, by, ...extra });

  /** Every event of the run's stream, read by an ephemeral consumer. */
  const streamEvents = async (): Promise<{ id: string; data: { counter_id: string } }[]> => {
    const manager = await bus.connection.jetstreamManager();
    const info = await manager.consumers.add(bus.naming.eventsStream, { ack_policy: AckPolicy.None });
    const consumer = await bus.connection.jetstream().consumers.get(bus.naming.eventsStream, info.name);
    const { messages } = await manager.streams.info(bus.naming.eventsStream).then((stream) => stream.state);
    const events: { id: string; data: { counter_id: string } }[] = [];
    if (messages > 0) {
      const batch = await consumer.fetch({ max_messages: messages, expires: 2000 });
      for await (const message of batch) {
        events.push(message.json());
        if (events.length === messages) break;
      }
    }
    await manager.consumers.delete(bus.naming.eventsStream, info.name);

    return events;
  };

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    bus = await TestBus.connect(environment);
    service = await startService(counterService(control), environment, {
      EVENT_MAX_DELIVER: '3',
      EVENT_BACKOFF_MS: '150,300',
      // Past any wait of these tests: the relay must be woken by the commit's NOTIFY, not by polling.
      OUTBOX_POLL_MS: '600000',
    });
    dataSource = service.app.get(DataSource);
  });

  afterAll(async () => {
    await service.close();
    await bus.close();
    await environment.destroy();
  });

  it('publishes a committed event and its consumer applies it once', async () => {
    const counterId = randomUUID();

    await expect(increment(counterId, 4)).resolves.toEqual({ value: 4 });

    await waitFor(() => tally(counterId), { what: 'the event to be applied' });
    expect(await tally(counterId)).toBe(4);
    const [outbox] = await dataSource.query<{ sent_at: Date | null }[]>(
      "SELECT sent_at FROM outbox WHERE type = $1 AND envelope->'data'->>'counter_id' = $2",
      [COUNTER_EVENT, counterId],
    );
    expect(outbox?.sent_at).toBeInstanceOf(Date);
  });

  it('carries the trace of the command that caused an event to its consumer', async () => {
    const counterId = randomUUID();
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const requestId = randomUUID();

    await bus.client.request(
      'analytics.counter.increment',
      { counter_id: counterId, by: 1 },
      {
        context: { requestId, correlationId: requestId, traceparent },
      },
    );

    await waitFor(() => tally(counterId), { what: 'the event to be applied' });
    expect(control.traces.get(counterId)).toBe(traceparent);
  });

  it('never publishes an event written in a rolled-back transaction', async () => {
    const rolledBack = randomUUID();
    const committed = randomUUID();

    await expect(increment(rolledBack, 1, { fail_after_write: true })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await increment(committed, 1);
    await waitFor(() => tally(committed), { what: 'the later committed event to be applied' });

    const events = await streamEvents();
    expect(events.some((event) => event.data.counter_id === committed)).toBe(true);
    expect(events.some((event) => event.data.counter_id === rolledBack)).toBe(false);
    expect(await dataSource.query('SELECT 1 FROM counters WHERE id = $1', [rolledBack])).toHaveLength(0);
    expect(await tally(rolledBack)).toBeUndefined();
  });

  it('does not apply twice an event the relay published again after dying before marking it sent', async () => {
    const counterId = randomUUID();
    const before = await consumed('duplicate');
    // The row the relay claimed, published, and died before marking sent: it is still unsent...
    const envelope = eventEnvelope(COUNTER_EVENT, { counter_id: counterId, by: 7 });
    await bus.publishEvent(envelope);
    await dataSource.query('INSERT INTO outbox (id, type, aggregate_id, envelope) VALUES ($1, $2, $3, $4)', [
      envelope.id,
      COUNTER_EVENT,
      counterId,
      JSON.stringify(envelope),
    ]);
    // ...so the restarted relay publishes it again (the stream drops it as a duplicate id), and a copy that
    // arrives after the stream's duplicate window is caught by the consumer's inbox.
    await service.app.get(MessagingLifecycle).outbox?.flush();
    await bus.publishEvent(envelope, `late-${envelope.id}`);

    await waitFor(async () => (await consumed('duplicate')) > before, {
      what: 'the late copy to reach the consumer',
    });
    expect(await tally(counterId)).toBe(7);
    const [row] = await dataSource.query<{ sent_at: Date | null }[]>(
      'SELECT sent_at FROM outbox WHERE id = $1',
      [envelope.id],
    );
    expect(row?.sent_at).toBeInstanceOf(Date);
    const inbox = await dataSource.query<unknown[]>('SELECT 1 FROM inbox WHERE event_id = $1', [envelope.id]);
    expect(inbox).toHaveLength(1);
  });

  it('retries a failing consumer with growing delays until it succeeds, applying the event once', async () => {
    const counterId = randomUUID();
    control.failuresLeft.set(counterId, 2);

    await increment(counterId, 3);

    await waitFor(() => tally(counterId), { what: 'the third delivery to succeed' });
    expect(await tally(counterId)).toBe(3);
    const [first = 0, second = 0, third = 0] = control.attempts.get(counterId) ?? [];
    expect(control.attempts.get(counterId)).toHaveLength(3);
    expect(second - first).toBeGreaterThanOrEqual(150);
    expect(third - second).toBeGreaterThanOrEqual(300);
  });

  it('sends an event to the dead-letter subject after its last delivery fails', async () => {
    const counterId = randomUUID();
    control.alwaysFail.add(counterId);
    const deadLetters: Msg[] = [];
    const subscription = bus.connection.subscribe(bus.naming.deadLetter(COUNTER_EVENT), {
      callback: (_error, message) => deadLetters.push(message),
    });

    await increment(counterId, 5);

    const deadLetter = await waitFor(
      () =>
        deadLetters.find(
          (message) =>
            codec.decode(message.data) && JSON.stringify(codec.decode(message.data)).includes(counterId),
        ),
      { what: 'the dead letter' },
    );
    subscription.unsubscribe();
    expect(deadLetter.headers?.get('Ecom-Deliveries')).toBe('3');
    expect(deadLetter.headers?.get('Ecom-Error')).toContain('Tally store unavailable');
    expect(control.attempts.get(counterId)).toHaveLength(3);
    expect(await tally(counterId)).toBeUndefined();
    const metric = await service.app.get(MetricsService).eventsDeadLettered.get();
    expect(metric.values.reduce((sum, value) => sum + value.value, 0)).toBeGreaterThanOrEqual(1);
  });

  it('dead-letters at once an event whose payload is not valid, without running the handler', async () => {
    const counterId = randomUUID();
    const envelope = eventEnvelope(COUNTER_EVENT, { counter_id: counterId, by: 'a lot' });
    const deadLetters: Msg[] = [];
    const subscription = bus.connection.subscribe(bus.naming.deadLetter(COUNTER_EVENT), {
      callback: (_error, message) => deadLetters.push(message),
    });

    await bus.publishEvent(envelope);

    const deadLetter = await waitFor(
      () => deadLetters.find((message) => message.string().includes(envelope.id)),
      {
        what: 'the dead letter',
      },
    );
    subscription.unsubscribe();
    expect(deadLetter.headers?.get('Ecom-Deliveries')).toBe('1');
    expect(deadLetter.headers?.get('Ecom-Error')).toContain('by');
    expect(control.attempts.get(counterId)).toBeUndefined();
  });

  it('acknowledges an event its handler has no business with, without a transaction or an inbox record', async () => {
    const counterId = randomUUID();
    const before = await consumed('ignored');
    const envelope = eventEnvelope(COUNTER_EVENT, { counter_id: counterId, by: 5, private: true });

    await bus.publishEvent(envelope);

    await waitFor(async () => (await consumed('ignored')) > before, { what: 'the event to be ignored' });
    expect(await tally(counterId)).toBeUndefined();
    expect(await dataSource.query('SELECT 1 FROM inbox WHERE event_id = $1', [envelope.id])).toHaveLength(0);
    expect(control.attempts.get(counterId)).toBeUndefined();
  });

  it('writes the events of a transaction with its statements, and none from a rolled-back savepoint', async () => {
    const publisher = service.app.get(EventPublisher);
    const [kept, released, dropped, alongStatement] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    const selectOne = { name: 'test.select-one', text: 'SELECT 1' };

    await dataSource.transaction(async (manager) => {
      await publisher.publish(manager, COUNTER_EVENT, { counter_id: kept, by: 1 });
      await manager.transaction(async (savepoint) => {
        await publisher.publish(savepoint, COUNTER_EVENT, { counter_id: released, by: 1 });
      });
      await manager
        .transaction(async (savepoint) => {
          // A statement inside the savepoint leaves the outer events staged: its rollback cannot take them.
          await preparedQuery(savepoint, selectOne, []);
          await publisher.publish(savepoint, COUNTER_EVENT, { counter_id: dropped, by: 1 });
          throw new Error('the savepoint rolls back');
        })
        .catch(() => undefined);
      await publisher.publish(manager, COUNTER_EVENT, { counter_id: alongStatement, by: 1 });
      await preparedQuery(manager, selectOne, []);
    });

    const written = await dataSource.query<{ counter_id: string }[]>(
      "SELECT envelope->'data'->>'counter_id' AS counter_id FROM outbox WHERE envelope->'data'->>'counter_id' = ANY($1) ORDER BY seq",
      [[kept, released, dropped, alongStatement]],
    );
    expect(written.map((row) => row.counter_id)).toEqual([kept, released, alongStatement]);
    await waitFor(async () => (await tally(alongStatement)) === 1 && (await tally(released)) === 1, {
      what: 'the events relayed and applied',
    });
  });

  it('answers a domain error raised by a command with its stable code', async () => {
    await expect(increment(randomUUID(), 1, { fail_after_write: true })).rejects.toBeInstanceOf(DomainError);
  });
});

describe('outbox relay leadership across replicas', () => {
  it('lets one replica relay at a time, woken by the others, and another take over when it stops', async () => {
    const environment = await TestEnvironment.create();
    const bus = await TestBus.connect(environment);
    const control = new ConsumerControl();
    // The leader never polls within the test: what the other replica commits must wake it by NOTIFY.
    const first = await startService(counterService(control), environment, { OUTBOX_POLL_MS: '600000' });
    const second = await startService(counterService(control), environment, { OUTBOX_POLL_MS: '100' });
    const dataSource = second.app.get(DataSource);
    const leaders = async (): Promise<number> => {
      const [row] = await dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM pg_locks WHERE locktype = 'advisory' AND granted
            AND objid::int = hashtext('ecom.outbox.' || current_schema())`,
      );

      return row?.count ?? 0;
    };
    const applied = (counterId: string): Promise<unknown> =>
      waitFor(
        async () =>
          (await dataSource.query<unknown[]>('SELECT 1 FROM tally WHERE counter_id = $1', [counterId]))[0],
        { what: `the event of ${counterId} to be relayed and applied` },
      );
    try {
      // Commands are shared out between the replicas: some commit on the one that does not lead.
      const counters = Array.from({ length: 8 }, () => randomUUID());
      for (const counterId of counters) {
        await bus.client.request('analytics.counter.increment', { counter_id: counterId, by: 1 });
      }
      for (const counterId of counters) await applied(counterId);
      expect(await leaders()).toBe(1);

      await first.close();
      const counterId = randomUUID();
      await bus.client.request('analytics.counter.increment', { counter_id: counterId, by: 2 });

      await applied(counterId);
      expect(await leaders()).toBe(1);
    } finally {
      await second.close();
      await bus.close();
      await environment.destroy();
    }
  });
});
