import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';

import type { ServiceConfig } from '../config/config';
import type { ServiceDatabase } from '../db/database';
import { ReadinessService } from '../health/readiness.service';
import type { Logger } from '../logging/logger';
import { MetricsService } from '../metrics/metrics.service';
import { EventConsumer, type EventHandler } from '../messaging/event-consumer';
import { ensureStreams } from '../messaging/jetstream';
import { Naming } from '../messaging/naming';
import { ON_EVENT_KEY, type OnEventMetadata } from '../messaging/on-event.decorator';
import { OutboxRelay } from '../messaging/outbox-relay';
import { APP_CONFIG, LOGGER, NATS_CONNECTION, SERVICE_DATABASE } from './tokens';

export function outboxChannel(schema: string): string {
  return `${schema}_outbox`;
}

/**
 * Starts the app's part of the event backbone once every module is ready (streams, the outbox relay,
 * one consumer per @OnEvent handler) and stops it first on shutdown, before NATS and the database close.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private relay?: OutboxRelay;
  private consumers: EventConsumer[] = [];
  private started = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
    @Inject(SERVICE_DATABASE) private readonly database: ServiceDatabase & { app: string },
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly naming: Naming,
    private readonly metrics: MetricsService,
    private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    readiness: ReadinessService,
  ) {
    readiness.register('database', async () => {
      await this.dataSource.query('SELECT 1');

      return true;
    });
    readiness.register('events', () => Promise.resolve(this.started));
  }

  get ready(): boolean {
    return this.started && !this.connection.isClosed();
  }

  /** The app's outbox relay, for tests and tools that need to wait for publication. */
  get outbox(): OutboxRelay | undefined {
    return this.relay;
  }

  async onApplicationBootstrap(): Promise<void> {
    const manager = await this.connection.jetstreamManager();
    await ensureStreams(manager, this.naming, this.config.JETSTREAM_REPLICAS);
    const jetstream = this.connection.jetstream();
    this.relay = new OutboxRelay({
      dataSource: this.dataSource,
      databaseUrl: this.config.DATABASE_URL,
      schema: this.database.schema,
      channel: outboxChannel(this.database.schema),
      jetstream,
      naming: this.naming,
      pollMs: this.config.OUTBOX_POLL_MS,
      logger: this.logger,
      metrics: this.metrics,
    });
    await this.relay.start();
    for (const { metadata, handler } of this.discoverHandlers()) {
      const consumer = new EventConsumer({
        app: this.database.app,
        metadata,
        handler,
        dataSource: this.dataSource,
        jetstream,
        manager,
        naming: this.naming,
        policy: {
          maxDeliver: this.config.EVENT_MAX_DELIVER,
          backoffMs: this.config.EVENT_BACKOFF_MS,
          ackWaitMs: this.config.EVENT_ACK_WAIT_MS,
        },
        logger: this.logger,
        metrics: this.metrics,
      });
      await consumer.start();
      this.consumers.push(consumer);
    }
    this.started = true;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.started = false;
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    await this.relay?.stop();
  }

  private discoverHandlers(): { metadata: OnEventMetadata; handler: EventHandler }[] {
    return this.discovery.getProviders().flatMap((wrapper) => {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) return [];

      return this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object).flatMap((method) => {
        const handler = instance[method];
        if (typeof handler !== 'function') return [];
        const metadata = this.reflector.get<OnEventMetadata | undefined>(ON_EVENT_KEY, handler);

        return metadata ? [{ metadata, handler: (handler as EventHandler).bind(instance) }] : [];
      });
    });
  }
}
