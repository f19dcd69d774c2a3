import { Injectable } from '@nestjs/common';
import type { RideStatus } from '@ecom/contracts';
import { MetricsService } from '@ecom/platform';
import type { Counter } from 'prom-client';

/** Business counters of rides, on the service's `/metrics`. */
@Injectable()
export class RideMetrics {
  private readonly transitions: Counter<'status'>;
  private readonly lostRaces: Counter;
  private readonly settlements: Counter<'outcome'>;

  constructor(metrics: MetricsService) {
    this.transitions = metrics.counter(
      'ecom_transport_ride_transitions_total',
      'Rides entering each status',
      ['status'],
    );
    this.lostRaces = metrics.counter(
      'ecom_transport_accept_lost_total',
      'Accepts refused because another driver took the ride first',
    );
    this.settlements = metrics.counter(
      'ecom_transport_ride_settlements_total',
      'Ride payment settlements by outcome (paid, released, failed, retry)',
      ['outcome'],
    );
  }

  entered(status: RideStatus): void {
    this.transitions.inc({ status });
  }

  lostRace(): void {
    this.lostRaces.inc();
  }

  settled(outcome: 'paid' | 'released' | 'failed' | 'retry'): void {
    this.settlements.inc({ outcome });
  }
}
