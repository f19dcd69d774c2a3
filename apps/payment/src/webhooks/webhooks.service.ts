import { Inject, Injectable } from '@nestjs/common';
import type { ReceiveWebhookRequest } from '@ecom/contracts';
import { DomainError, inTransaction, LOGGER, MetricsService, type Logger } from '@ecom/platform';
import type { Counter } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';

import { IntentOutcomesService } from '../intents/intent-outcomes.service';
import { isSettled } from '../intents/intent-state';
import { amountOf, IntentsRepository, type IntentRow } from '../intents/intents.repository';
import type { WebhookNotice } from '../providers/payment-provider';
import { ProvidersRegistry } from '../providers/providers.registry';
import { WebhooksRepository, type WebhookOutcome } from './webhooks.repository';

export interface WebhookReceipt {
  received: true;
  outcome: WebhookOutcome;
}

/** Headers not worth keeping with a callback (and never secrets of ours). */
const DROPPED_HEADERS = new Set(['authorization', 'cookie', 'x-forwarded-for', 'x-real-ip']);

/**
 * Provider callbacks. The signature is checked over the raw bytes before anything is read or written: a
 * forged callback changes nothing and is not even stored. A genuine one is stored with its outcome; the
 * intent moves by conditional update, so the same callback delivered many times, concurrently or after a
 * restart, settles the intent and publishes its outcome once, and a callback for an unknown or already
 * settled intent is acknowledged harmlessly (the provider stops retrying).
 */
@Injectable()
export class WebhooksService {
  private readonly received: Counter<'provider' | 'outcome'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly providers: ProvidersRegistry,
    private readonly intents: IntentsRepository,
    private readonly outcomes: IntentOutcomesService,
    private readonly webhooks: WebhooksRepository,
    metrics: MetricsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.received = metrics.counter('ecom_payment_webhooks_total', 'Provider callbacks, by outcome', [
      'provider',
      'outcome',
    ]);
  }

  async receive(request: ReceiveWebhookRequest): Promise<WebhookReceipt> {
    const provider = this.providers.named(request.provider);
    const headers = Object.fromEntries(
      Object.entries(request.headers)
        .map(([name, value]) => [name.toLowerCase(), value] as const)
        .filter(([name]) => !DROPPED_HEADERS.has(name)),
    );
    let notice;
    try {
      notice = provider.verifyWebhook(request.raw_body, headers);
    } catch (error) {
      const code = error instanceof DomainError ? error.code : 'MALFORMED';
      this.received.inc({ provider: provider.name, outcome: 'refused' });
      this.logger.warn('Webhook refused', { provider: provider.name, code });
      if (error instanceof DomainError) throw error;
      // Signed but unreadable: as untrustworthy as unsigned.
      throw new DomainError('PAYMENT_SIGNATURE_INVALID', 'The webhook body could not be read');
    }
    const outcome = await inTransaction(this.dataSource, async (manager): Promise<WebhookOutcome> => {
      // Locked: concurrent copies of one callback queue here, and each sees what the one before it did.
      const intent = await this.intents.findByProviderReference(
        manager,
        provider.name,
        notice.providerReference,
        true,
      );
      const result = intent ? await this.apply(manager, provider.name, intent, notice) : 'unknown_intent';
      await this.webhooks.record(manager, {
        provider: provider.name,
        eventId: notice.eventId,
        intentId: intent?.id ?? null,
        rawBody: request.raw_body,
        headers,
        outcome: result,
      });

      return result;
    });
    this.received.inc({ provider: provider.name, outcome });
    if (outcome === 'amount_mismatch' || outcome === 'unknown_intent') {
      this.logger.error('Webhook did not match an intent', {
        provider: provider.name,
        outcome,
        provider_reference: notice.providerReference,
      });
    }

    return { received: true, outcome };
  }

  private async apply(
    manager: EntityManager,
    provider: string,
    intent: IntentRow,
    notice: WebhookNotice,
  ): Promise<WebhookOutcome> {
    if (notice.outcome === 'ignored') return 'ignored';
    if (notice.amount !== null && notice.amount !== amountOf(intent.amount)) return 'amount_mismatch';
    if (isSettled(intent.status)) {
      if (notice.outcome === 'succeeded' && (intent.status === 'failed' || intent.status === 'cancelled')) {
        // The provider took money for an intent closed meanwhile (expired, cancelled): ops must give it back.
        this.logger.error('Paid callback for a closed intent: refund needed', {
          intent_id: intent.id,
          status: intent.status,
        });
      }

      return 'already_settled';
    }
    const moved =
      notice.outcome === 'succeeded'
        ? await this.outcomes.move(manager, intent.id, 'succeeded', `${provider} callback: paid`, {
            captured_amount: amountOf(intent.amount),
            next_action: null,
          })
        : await this.outcomes.move(manager, intent.id, 'failed', `${provider} callback: declined`, {
            failure_code: 'PAYMENT_DECLINED',
            failure_reason: notice.reason ?? 'declined by the provider',
            next_action: null,
          });

    return moved.changed ? 'applied' : 'already_settled';
  }
}
