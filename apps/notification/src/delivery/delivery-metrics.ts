import { Injectable } from '@nestjs/common';
import type { NotificationChannel } from '@ecom/contracts';
import { MetricsService } from '@ecom/platform';
import { Histogram, type Counter } from 'prom-client';

/** Messages by channel and status, provider latency, retries. */
@Injectable()
export class DeliveryMetrics {
  private readonly messages: Counter<'channel' | 'status'>;
  private readonly retries: Counter<'channel' | 'provider'>;
  private readonly latency: Histogram<'channel' | 'provider' | 'outcome'>;

  constructor(metrics: MetricsService) {
    this.messages = metrics.counter(
      'ecom_notification_messages_total',
      'Messages by channel and status reached (queued, sent, delivered, failed, suppressed, postponed)',
      ['channel', 'status'],
    );
    this.retries = metrics.counter(
      'ecom_notification_retries_total',
      'Tries that failed in a retryable way and were scheduled again',
      ['channel', 'provider'],
    );
    this.latency = new Histogram({
      name: 'ecom_notification_provider_latency_seconds',
      help: 'Time a provider took to answer one send',
      labelNames: ['channel', 'provider', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [metrics.registry],
    });
  }

  message(channel: NotificationChannel, status: string, count = 1): void {
    this.messages.inc({ channel, status }, count);
  }

  retry(channel: NotificationChannel, provider: string): void {
    this.retries.inc({ channel, provider });
  }

  providerAnswered(channel: NotificationChannel, provider: string, outcome: string, seconds: number): void {
    this.latency.observe({ channel, provider, outcome }, seconds);
  }
}
