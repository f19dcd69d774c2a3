import { Module, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { Caller } from '@ecom/contracts';
import type { FastifyRequest } from 'fastify';

import { GatewayConfig } from '../config';
import { FixedWindowThrottlerStorage } from './fixed-window.storage';
import { SENSITIVE_KEY } from './sensitive.decorator';

type GatewayRequest = FastifyRequest & { user?: Caller };

const requestOf = (context: ExecutionContext): GatewayRequest =>
  context.switchToHttp().getRequest<GatewayRequest>();

/**
 * Three limits: per client address across all routes (the address comes from X-Forwarded-For only behind
 * TRUSTED_PROXIES), per signed-in user across all routes, and a strict one per address on each sensitive
 * route. Keys are plain strings: hashing them per request costs more than it protects. Counters live in Redis when
 * REDIS_URL is set so that every gateway replica shares them.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [GatewayConfig, Reflector],
      useFactory: (config: GatewayConfig, reflector: Reflector): ThrottlerModuleOptions => {
        const ttl = config.RATE_LIMIT_WINDOW_SECONDS * 1000;

        return {
          storage: config.REDIS_URL
            ? new ThrottlerStorageRedisService(config.REDIS_URL)
            : new FixedWindowThrottlerStorage(),
          setHeaders: false,
          throttlers: [
            {
              name: 'ip',
              ttl,
              limit: config.RATE_LIMIT_PER_IP,
              getTracker: (request) => (request as GatewayRequest).ip,
              generateKey: (_context, tracker) => `ip:${tracker}`,
            },
            {
              name: 'user',
              ttl,
              limit: config.RATE_LIMIT_PER_USER,
              skipIf: (context) => !requestOf(context).user,
              getTracker: (request) => (request as GatewayRequest).user?.user_id ?? '',
              generateKey: (_context, tracker) => `user:${tracker}`,
            },
            {
              name: 'sensitive',
              ttl,
              limit: config.RATE_LIMIT_SENSITIVE,
              skipIf: (context) =>
                !reflector.getAllAndOverride<boolean | undefined>(SENSITIVE_KEY, [
                  context.getHandler(),
                  context.getClass(),
                ]),
              getTracker: (request) => (request as GatewayRequest).ip,
              // Each sensitive route has its own budget: OTP requests do not use up login attempts.
              generateKey: (context, tracker) =>
                `sensitive:${context.getClass().name}.${context.getHandler().name}:${tracker}`,
            },
          ],
        };
      },
    }),
  ],
})
export class ThrottlingModule {}
