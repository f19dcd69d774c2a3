import { Inject, Injectable } from '@nestjs/common';
import type { PaymentIntentView } from '@ecom/contracts';
import { LOGGER, type Logger } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { RideMetrics } from './ride-metrics';
import { isRetryable, RidePayments } from './ride-payments';
import { RidesRepository, type RideRow } from './rides.repository';

/**
 * Settles a ride's payment once its status is final: `pending` is charged (the fare, or a cancellation
 * fee) and becomes `paid` or `failed`; `releasing` is released and becomes `released`. A service that did
 * not answer leaves the state as it was, for the sweeper to try again; the ride itself never waits on it.
 * Payment answers a repeated capture or cancel with the intent as it stands, so a retry after a lost
 * answer settles nothing twice.
 */
@Injectable()
export class RideSettlementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rides: RidesRepository,
    private readonly payments: RidePayments,
    private readonly metrics: RideMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async settle(ride: RideRow): Promise<void> {
    if (ride.payment_status === 'pending') {
      await this.attempt(ride, 'pending', 'paid', () =>
        this.payments.settle(ride, ride.final_fare ?? ride.quoted_fare, ride.commission_amount ?? 0),
      );
    } else if (ride.payment_status === 'releasing') {
      await this.attempt(ride, 'releasing', 'released', () =>
        this.payments.cancel(this.payments.intentOf(ride), ride.cancel_reason ?? 'cancelled'),
      );
    }
  }

  private async attempt(
    ride: RideRow,
    from: 'pending' | 'releasing',
    to: 'paid' | 'released',
    call: () => Promise<PaymentIntentView>,
  ): Promise<void> {
    const manager = this.dataSource.manager;
    try {
      await call();
      await this.rides.settle(manager, ride.id, from, to, null);
      this.metrics.settled(to);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (isRetryable(error)) {
        await this.rides.noteAttempt(manager, ride.id, message);
        this.metrics.settled('retry');
        this.logger.warn('Ride payment not settled yet; will retry', { ride_id: ride.id, error: message });

        return;
      }
      await this.rides.settle(manager, ride.id, from, 'failed', message);
      this.metrics.settled('failed');
      this.logger.error('Ride payment refused', { ride_id: ride.id, error: message });
    }
  }
}
