import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { MarketplaceConfig } from '../config';
import { OrderLifecycleService } from '../orders/order-lifecycle.service';

/**
 * Every PAYMENT_FOLLOW_UP_MS: cancels provider orders still unpaid past their due time (their stock goes
 * back), and retries the money steps a failure left behind (refunds, cash collected at the door).
 * Every step is idempotent, so replicas running it together do no harm.
 */
@Injectable()
export class PaymentFollowUpJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: MarketplaceConfig,
    private readonly lifecycle: OrderLifecycleService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.runOnce()
        .catch((error: unknown) => {
          this.logger.error('Payment follow-up failed', {
            error: error instanceof Error ? error.message : String(error),
          });
        })
        .finally(() => {
          this.running = undefined;
        });
    }, this.config.PAYMENT_FOLLOW_UP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async runOnce(): Promise<void> {
    const overdue = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM orders WHERE payment_status = 'pending' AND status <> 'cancelled'
          AND payment_due_at IS NOT NULL AND payment_due_at < now() ORDER BY payment_due_at LIMIT 100`,
    );
    for (const order of overdue) await this.lifecycle.cancelBySystem(order.id, 'unpaid in time');
    const unsettled = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM orders WHERE (refund_requested_at IS NOT NULL AND refunded_at IS NULL)
          OR (status = 'delivered' AND payment_method = 'cash_on_delivery' AND cash_recorded_at IS NULL)
        ORDER BY updated_at LIMIT 100`,
    );
    for (const order of unsettled) await this.lifecycle.settle(order.id);
    await this.dataSource.query(
      "DELETE FROM checkout_attempts WHERE attempted_at < now() - interval '1 hour'",
    );
  }
}
