import { constants as zlib } from 'node:zlib';

import compress from '@fastify/compress';
import type { Type } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import {
  createHttpApp,
  createRuntime,
  createValidationPipe,
  listen,
  type RunningApp,
  type StartOptions,
} from '@ecom/platform';

import { GatewayConfig } from './config';
import { GatewayModule } from './gateway.module';
import { registerRequestEdge } from './http/edge-headers';
import { ROUTE_MODULES } from './routes';
import { keepWebhookRawBody } from './routes/payments/webhook-raw-body';
import { setupSwagger } from './swagger';

export interface GatewayOptions extends StartOptions {
  /** Feature modules served beside every service's routes (ROUTE_MODULES), e.g. a test's fixtures. */
  routes?: Type<unknown>[];
}

/** Starts the HTTP gateway: the one door of the platform for clients, drivers and store owners. */
export async function createGateway(options: GatewayOptions = {}): Promise<RunningApp<GatewayConfig>> {
  const runtime = createRuntime('gateway', GatewayConfig, options);
  const { config } = runtime;
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUSTED_PROXIES.length > 0 ? config.TRUSTED_PROXIES : false,
  });
  const fastify = adapter.getInstance();
  registerRequestEdge(fastify, runtime.metrics);
  keepWebhookRawBody(fastify);

  const app = await createHttpApp(
    GatewayModule.register(runtime, [...ROUTE_MODULES, ...(options.routes ?? [])]),
    runtime,
    adapter,
  );
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip', 'deflate'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });
  app.enableCors({
    origin: config.CORS_ORIGINS,
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'Idempotent-Replayed'],
  });
  app.useGlobalPipes(createValidationPipe());
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'health/ready', 'metrics'] });
  if (config.SWAGGER_ENABLED) setupSwagger(app, config.SERVICE_VERSION);

  return listen(app, runtime);
}
