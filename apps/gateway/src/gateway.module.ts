import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { SERVICE_NAMES } from '@ecom/contracts';
import { PlatformModule, ReadinessService, type AppRuntime } from '@ecom/platform';

import { JwksService } from './auth/jwks.service';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { JwtStrategy } from './auth/jwt.strategy';
import { RevokedUsersService } from './auth/revoked-users.service';
import { RolesGuard } from './auth/roles.guard';
import { GatewayConfig } from './config';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { StatusController } from './status/status.controller';
import { StatusService } from './status/status.service';
import { GatewayThrottlerGuard } from './throttling/gateway-throttler.guard';
import { ThrottlingModule } from './throttling/throttling.module';

@Module({})
export class GatewayModule {
  /**
   * The HTTP edge. Guards run in order: token, role, rate limits (after the token, so that per-user
   * limits know the user). `routes` are the feature modules that expose each service.
   */
  static register(runtime: AppRuntime<GatewayConfig>, routes: Type<unknown>[] = []): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forApp(runtime),
        PassportModule,
        ThrottlingModule,
        IdempotencyModule,
        ...routes,
      ],
      controllers: [StatusController],
      providers: [
        JwksService,
        RevokedUsersService,
        JwtStrategy,
        StatusService,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_GUARD, useClass: GatewayThrottlerGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        {
          provide: 'GATEWAY_READINESS',
          useFactory: (readiness: ReadinessService, status: StatusService) => {
            for (const service of SERVICE_NAMES) {
              readiness.register(service, async () => (await status.ping(service)).ready);
            }

            return readiness;
          },
          inject: [ReadinessService, StatusService],
        },
      ],
    };
  }
}
