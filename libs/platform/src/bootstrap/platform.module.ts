import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { connect, type NatsConnection } from 'nats';
import type { AppName, ServiceName } from '@ecom/contracts';
import { DataSource } from 'typeorm';

import type { BaseConfig, ConfigClass, ServiceConfig } from '../config/config';
import { dataSourceOptions, migrate, type ServiceDatabase } from '../db/database';
import { HealthController } from '../health/health.controller';
import { ReadinessService } from '../health/readiness.service';
import type { Logger } from '../logging/logger';
import { MetricsService } from '../metrics/metrics.service';
import { EventPublisher } from '../messaging/event-publisher';
import { InFlight } from '../messaging/in-flight';
import { Naming } from '../messaging/naming';
import { ServiceClient } from '../messaging/service-client';
import { MessagingLifecycle, outboxChannel } from './messaging.lifecycle';
import { NatsConnectionLifecycle } from './nats-connection.lifecycle';
import { createSystemController } from './system.controller';
import { APP_CONFIG, LOGGER, NATS_CONNECTION, SERVICE_DATABASE } from './tokens';

/** What exists before Nest starts: validated config, logger and metrics of one app. */
export interface AppRuntime<C extends BaseConfig> {
  name: AppName;
  configClass: ConfigClass<C>;
  config: C;
  logger: Logger;
  metrics: MetricsService;
  naming: Naming;
  inFlight: InFlight;
}

@Module({})
export class PlatformModule {
  /** Config, logging, metrics, NATS, request-reply client, health: what the gateway and services share. */
  static forApp<C extends BaseConfig>(runtime: AppRuntime<C>): DynamicModule {
    const { config, configClass, logger, metrics, naming, inFlight, name } = runtime;
    const providers: Provider[] = [
      { provide: APP_CONFIG, useValue: config },
      { provide: configClass, useValue: config },
      { provide: LOGGER, useValue: logger },
      { provide: MetricsService, useValue: metrics },
      { provide: Naming, useValue: naming },
      { provide: InFlight, useValue: inFlight },
      {
        provide: NATS_CONNECTION,
        useFactory: (): Promise<NatsConnection> =>
          connect({
            servers: config.NATS_URL.split(','),
            name: `${name}-client`,
            maxReconnectAttempts: -1,
            // Two Error objects per request otherwise, only to improve stack traces of timeouts.
            noAsyncTraces: true,
          }),
      },
      {
        provide: ServiceClient,
        useFactory: (connection: NatsConnection) =>
          new ServiceClient(connection, naming, config.RPC_TIMEOUT_MS),
        inject: [NATS_CONNECTION],
      },
      {
        provide: ReadinessService,
        useFactory: (connection: NatsConnection) => {
          const readiness = new ReadinessService();
          readiness.register('nats', () => Promise.resolve(!connection.isClosed()));

          return readiness;
        },
        inject: [NATS_CONNECTION],
      },
      NatsConnectionLifecycle,
    ];

    return {
      module: PlatformModule,
      global: true,
      controllers: [HealthController],
      providers,
      exports: providers,
    };
  }
}

export interface ServiceDefinition<C extends ServiceConfig> {
  name: ServiceName;
  /** The service's root feature module. */
  module: new () => unknown;
  config: ConfigClass<C>;
  database: ServiceDatabase;
  /** Idempotent demo records, loaded after migrations when LOAD_DEMO_DATA is on (never in production). */
  demoData?: (dataSource: DataSource, config: C) => Promise<void>;
}

@Module({})
export class ServicePlatformModule {
  /** A service adds its schema (migrated at start), the outbox, event consumers and its ping handler. */
  static forService<C extends ServiceConfig>(
    definition: ServiceDefinition<C>,
    runtime: AppRuntime<C>,
  ): DynamicModule {
    const { config, logger } = runtime;
    const { schema } = definition.database;
    const providers: Provider[] = [
      { provide: SERVICE_DATABASE, useValue: { ...definition.database, app: definition.name } },
      { provide: EventPublisher, useValue: new EventPublisher(definition.name, outboxChannel(schema)) },
      MessagingLifecycle,
    ];

    return {
      module: ServicePlatformModule,
      global: true,
      imports: [
        PlatformModule.forApp(runtime),
        DiscoveryModule,
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(config, definition.database),
          dataSourceFactory: async (options) => {
            if (!options) throw new Error('No data source options');
            const dataSource = await new DataSource(options).initialize();
            await migrate(dataSource, schema);
            if (config.LOAD_DEMO_DATA && !config.isProduction && definition.demoData) {
              await definition.demoData(dataSource, config);
              logger.info('Demo data loaded');
            }

            return dataSource;
          },
        }),
      ],
      controllers: [createSystemController(definition.name)],
      providers,
      exports: providers,
    };
  }
}
