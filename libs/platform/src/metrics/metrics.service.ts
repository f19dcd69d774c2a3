import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The app's Prometheus registry: default process metrics, the platform's own histograms and gauges, and
 * the counters a service adds. One registry per app, so several apps can run in one test process.
 */
export class MetricsService {
  readonly registry = new Registry();

  readonly rpcDuration: Histogram<'subject' | 'outcome'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly outboxLag: Gauge;
  readonly outboxPublished: Counter;
  readonly eventsConsumed: Counter<'consumer' | 'outcome'>;
  readonly eventsDeadLettered: Counter<'consumer'>;

  constructor(app: string) {
    this.registry.setDefaultLabels({ app });
    collectDefaultMetrics({ register: this.registry });
    this.rpcDuration = new Histogram({
      name: 'ecom_rpc_handler_duration_seconds',
      help: 'Time spent in NATS message handlers',
      labelNames: ['subject', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.httpDuration = new Histogram({
      name: 'ecom_http_request_duration_seconds',
      help: 'Time to answer HTTP requests, by route template',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.outboxLag = new Gauge({
      name: 'ecom_outbox_lag_seconds',
      help: 'Age of the oldest event not yet published from the outbox',
      registers: [this.registry],
    });
    this.outboxPublished = new Counter({
      name: 'ecom_outbox_published_total',
      help: 'Events published from the outbox to JetStream',
      registers: [this.registry],
    });
    this.eventsConsumed = new Counter({
      name: 'ecom_events_consumed_total',
      help: 'Events handled by consumers, by outcome (applied, duplicate, ignored, retried, dead_lettered)',
      labelNames: ['consumer', 'outcome'],
      registers: [this.registry],
    });
    this.eventsDeadLettered = new Counter({
      name: 'ecom_events_dead_lettered_total',
      help: 'Events sent to the dead-letter subject after their last delivery',
      labelNames: ['consumer'],
      registers: [this.registry],
    });
  }

  /** A business counter of the service (e.g. `ecom_wallet_transfers_total`). */
  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    const existing = this.registry.getSingleMetric(name);
    if (existing) return existing as Counter<L>;

    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
