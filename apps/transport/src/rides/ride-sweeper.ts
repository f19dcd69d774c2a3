import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { SweepResult } from '@ecom/contracts';
import { LOGGER, type Logger } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { TransportConfig } from '../config';
import { RideLifecycleService } from './ride-lifecycle.service';
import { RideSettlementService } from './ride-settlement.service';
import { RidesRepository } from './rides.repository';

/** A settlement younger than this may still be running inline: the sweeper leaves it alone. */
const SETTLE_GRACE_MS = 10_000;

/**
 * On a timer (every replica; row locks keep them apart): cancels requests nobody accepted in time and
 * retries payments that were not settled. `transport.rides.sweep` runs the same pass on demand.
 */
@Injectable()
export class RideSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: TransportConfig,
    private readonly lifecycle: RideLifecycleService,
    private readonly settlement: RideSettlementService,
    private readonly rides: RidesRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep(new Date())
        .catch((error: unknown) => {
          this.logger.error('Ride sweep failed', {
            error: error instanceof Error ? error.message : String(error),
          });
        })
        .finally(() => {
          this.running = undefined;
        });
    }, this.config.RIDE_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweep(now: Date): Promise<SweepResult> {
    const expired = await this.lifecycle.expire(now);
    const unsettled = await this.rides.unsettled(
      this.dataSource.manager,
      new Date(now.getTime() - SETTLE_GRACE_MS),
      50,
    );
    for (const ride of unsettled) await this.settlement.settle(ride);

    return { expired, settled: unsettled.length };
  }
}
