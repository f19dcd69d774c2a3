import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { PaymentStatus, PaymentReconciliationReport } from '@ecom/contracts';
import { inTransaction, LOGGER, type Logger } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { PaymentConfig } from '../config';
import { IntentOutcomesService } from '../intents/intent-outcomes.service';
import { IntentsRepository, type IntentRow } from '../intents/intents.repository';
import { isProviderMethod, IntentsService } from '../intents/intents.service';
import { ProvidersRegistry } from '../providers/providers.registry';

const BATCH = 100;

/**
 * Settles what callbacks did not: intents left `processing` past RECONCILE_AFTER_SECONDS are checked with
 * their provider (a lost or never-sent callback), wallet calls left unanswered are asked again with the
 * same key, and intents past their expiry are cancelled with their wallet hold released. Runs on a
 * schedule and on demand; one replica at a time (advisory lock), and every settlement is a conditional
 * transition, so a callback arriving meanwhile and the job never both apply.
 */
@Injectable()
export class ReconciliationService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<PaymentReconciliationReport> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly intents: IntentsRepository,
    private readonly intentsService: IntentsService,
    private readonly outcomes: IntentOutcomesService,
    private readonly providers: ProvidersRegistry,
    private readonly config: PaymentConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.RECONCILE_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => {
      this.run().catch((error: unknown) => {
        this.logger.error('Reconciliation failed', { error: String(error) });
      });
    }, this.config.RECONCILE_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass; a pass already running in this process is joined rather than doubled. */
  run(): Promise<PaymentReconciliationReport> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });

    return this.running;
  }

  private async pass(): Promise<PaymentReconciliationReport> {
    const report: PaymentReconciliationReport = {
      checked: 0,
      succeeded: 0,
      failed: 0,
      cancelled: 0,
      unchanged: 0,
    };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [lock] = (await runner.query(
        "SELECT pg_try_advisory_lock(hashtext('ecom.payment.reconciliation')) AS locked",
      )) as { locked: boolean }[];
      if (!lock?.locked) return report;
      try {
        const staleBefore = new Date(Date.now() - this.config.RECONCILE_AFTER_SECONDS * 1000);
        const stale = await this.intents.findStale(this.dataSource.manager, staleBefore, BATCH);
        for (const intent of stale) {
          report.checked += 1;
          const status = await this.settle(intent).catch((error: unknown) => {
            this.logger.warn('Intent not reconciled this time', {
              intent_id: intent.id,
              error: String(error),
            });

            return intent.status;
          });
          if (status === 'succeeded' || status === 'failed' || status === 'cancelled') report[status] += 1;
          else report.unchanged += 1;
        }
      } finally {
        await runner.query("SELECT pg_advisory_unlock(hashtext('ecom.payment.reconciliation'))");
      }
    } finally {
      await runner.release();
    }
    if (report.checked > 0) this.logger.info('Reconciliation pass', { ...report });

    return report;
  }

  /** The status the intent ends in; unchanged when nobody knows more yet. */
  private async settle(intent: IntentRow): Promise<PaymentStatus> {
    const expired = intent.expires_at !== null && intent.expires_at.getTime() < Date.now();
    if (intent.status === 'pending') {
      // Never handed to the provider: an expired one is dropped, else the creation is carried on.
      if (expired && isProviderMethod(intent.method)) return this.cancel(intent);

      return (await this.intentsService.execute(intent)).status;
    }
    if (intent.method === 'wallet') return expired ? this.cancel(intent) : intent.status;
    if (!intent.provider_reference) return intent.status;
    const answer = await this.providers.named(intent.provider ?? '').queryStatus(intent.provider_reference);
    if (answer === 'processing') return expired ? this.cancel(intent) : intent.status;
    const moved = await inTransaction(this.dataSource, (manager) =>
      answer === 'succeeded'
        ? this.outcomes.move(manager, intent.id, 'succeeded', 'reconciliation: the provider says paid', {
            captured_amount: Number(intent.amount),
            next_action: null,
          })
        : this.outcomes.move(manager, intent.id, 'failed', 'reconciliation: the provider says declined', {
            failure_code: 'PAYMENT_DECLINED',
            failure_reason: 'declined by the provider',
            next_action: null,
          }),
    );

    return moved.row.status;
  }

  private async cancel(intent: IntentRow): Promise<PaymentStatus> {
    return (await this.intentsService.cancelOpen(intent, 'expired: the payment was not completed in time'))
      .status;
  }
}
