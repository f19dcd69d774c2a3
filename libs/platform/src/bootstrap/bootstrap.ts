import { Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEFAULT_HTTP_PORTS, type AppName } from '@ecom/contracts';
import type Transport from 'winston-transport';

import { loadConfig, type BaseConfig, type ConfigClass, type ServiceConfig } from '../config/config';
import { createValidationPipe } from '../errors/validation';
import { createLogger, NestWinstonLogger } from '../logging/logger';
import { MetricsService } from '../metrics/metrics.service';
import { InFlight } from '../messaging/in-flight';
import { Naming } from '../messaging/naming';
import { PlatformErrorFilter } from '../messaging/platform-error.filter';
import { RpcRolesGuard } from '../messaging/rpc-roles.guard';
import { RpcServer } from '../messaging/rpc-server';
import { initTracing, shutdownTracing } from '../tracing/tracing';
import { ServicePlatformModule, type AppRuntime, type ServiceDefinition } from './platform.module';

export interface StartOptions {
  /** Environment to read settings from; the process environment by default. */
  env?: NodeJS.ProcessEnv;
  /** Where log lines go; stdout by default. */
  logTransport?: Transport;
}

export interface RunningApp<C extends BaseConfig = BaseConfig> {
  name: AppName;
  app: INestApplication;
  config: C;
  /** Base URL of the app's HTTP server. */
  url: string;
  close(): Promise<void>;
}

/** Validates the config and builds logger, metrics and naming: everything needed before Nest starts. */
export function createRuntime<C extends BaseConfig>(
  name: AppName,
  configClass: ConfigClass<C>,
  options: StartOptions = {},
): AppRuntime<C> {
  const config = loadConfig(configClass, options.env ?? process.env, {
    HTTP_PORT: DEFAULT_HTTP_PORTS[name],
  } as Partial<Record<keyof C, unknown>>);
  initTracing(name, config.OTEL_EXPORTER_OTLP_ENDPOINT);

  return {
    name,
    configClass,
    config,
    logger: createLogger({ service: name, level: config.LOG_LEVEL, transport: options.logTransport }),
    metrics: new MetricsService(name),
    naming: new Naming(config.NATS_PREFIX),
    inFlight: new InFlight(),
  };
}

/** Creates a Fastify-based Nest app whose own logs go through the platform logger. */
export async function createHttpApp<C extends BaseConfig>(
  rootModule: Type<unknown> | DynamicModule,
  runtime: AppRuntime<C>,
  adapter = new FastifyAdapter(),
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    logger: new NestWinstonLogger(runtime.logger),
    abortOnError: false,
  });
  app.flushLogs();

  return app;
}

/** Listens and returns the handle; closing is idempotent and waits for in-flight work. */
export async function listen<C extends BaseConfig>(
  app: NestFastifyApplication,
  runtime: AppRuntime<C>,
): Promise<RunningApp<C>> {
  await app.listen(runtime.config.HTTP_PORT, runtime.config.HTTP_HOST);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : runtime.config.HTTP_PORT;
  let closing: Promise<void> | undefined;
  runtime.logger.info('Ready', { port });

  return {
    name: runtime.name,
    app,
    config: runtime.config,
    url: `http://127.0.0.1:${port}`,
    close: () => (closing ??= app.close()),
  };
}

/**
 * Starts one service: config checked, schema migrated, NATS handlers (queue group = service name, so
 * replicas share the load), event consumers and outbox relay running, `/health` and `/metrics` served.
 */
export async function createService<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  options: StartOptions = {},
): Promise<RunningApp<C>> {
  const runtime = createRuntime(definition.name, definition.config, options);

  @Module({ imports: [ServicePlatformModule.forService(definition, runtime), definition.module] })
  class ServiceRootModule {}

  const app = await createHttpApp(ServiceRootModule, runtime);
  // Registered on the app and inherited by the NATS server: the guard acts on messages only, the pipe on
  // both sides alike, and the filter answers each side in its own form.
  app.useGlobalGuards(new RpcRolesGuard(app.get(Reflector)));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new PlatformErrorFilter(runtime.logger));
  app.connectMicroservice<MicroserviceOptions>(
    {
      strategy: new RpcServer(
        {
          servers: runtime.config.NATS_URL.split(','),
          queue: definition.name,
          name: `${definition.name}-rpc`,
          maxReconnectAttempts: -1,
          noAsyncTraces: true,
        },
        runtime.naming,
        runtime.inFlight,
        runtime.metrics,
        runtime.config.SHUTDOWN_TIMEOUT_MS,
      ),
    },
    { inheritAppConfig: true },
  );
  await app.init();
  await app.startAllMicroservices();

  return listen(app, runtime);
}

/**
 * Runs an app as a process: exits non-zero with a readable message if it cannot start, and on SIGTERM
 * or SIGINT stops taking work, finishes what is in flight, closes NATS and the database, then exits.
 */
export async function runUntilSignal(start: () => Promise<RunningApp>): Promise<void> {
  let running: RunningApp;
  try {
    running = await start();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  }
  const stop = (signal: NodeJS.Signals): void => {
    const deadline = setTimeout(() => process.exit(1), running.config.SHUTDOWN_TIMEOUT_MS + 5000);
    deadline.unref();
    void running
      .close()
      .then(shutdownTracing)
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`Shutdown after ${signal} failed: ${String(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
