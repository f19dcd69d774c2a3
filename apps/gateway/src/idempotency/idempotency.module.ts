import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';

import { GatewayConfig } from '../config';
import { IDEMPOTENCY_STORE, IdempotencyInterceptor } from './idempotency.interceptor';
import { MemoryIdempotencyStore, RedisIdempotencyStore, type IdempotencyStore } from './idempotency.store';

/** The store of idempotent answers (Redis shared by replicas, or memory) for every `@Idempotent()` route. */
@Global()
@Module({
  providers: [
    {
      provide: IDEMPOTENCY_STORE,
      inject: [GatewayConfig],
      useFactory: (config: GatewayConfig): IdempotencyStore =>
        config.REDIS_URL ? new RedisIdempotencyStore(config.REDIS_URL) : new MemoryIdempotencyStore(),
    },
    IdempotencyInterceptor,
  ],
  exports: [IDEMPOTENCY_STORE, IdempotencyInterceptor],
})
export class IdempotencyModule implements OnApplicationShutdown {
  constructor(@Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
