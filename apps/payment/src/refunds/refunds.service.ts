import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import type { PaymentIntentView, RefundIntentRequest } from '@ecom/contracts';
import { DomainError, inTransaction } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { IntentOutcomesService } from '../intents/intent-outcomes.service';
import { canTransition } from '../intents/intent-state';
import { toIntentView } from '../intents/intent-views';
import { amountOf, IntentsRepository } from '../intents/intents.repository';
import { isProviderMethod } from '../intents/intents.service';
import { ProvidersRegistry } from '../providers/providers.registry';
import { WalletOpsClient } from '../wallet/wallet-ops.client';
import { RefundsRepository } from './refunds.repository';

/**
 * Full or partial refunds, to the wallet or back through the provider. The intent's row stays locked from
 * the check of what is left to refund until the refund is recorded, so concurrent refunds queue and the
 * total never passes what was captured; the money call inside carries a key derived from the refund's own
 * key, so a refund retried after a timeout is given once.
 */
@Injectable()
export class RefundsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly intents: IntentsRepository,
    private readonly refunds: RefundsRepository,
    private readonly outcomes: IntentOutcomesService,
    private readonly providers: ProvidersRegistry,
    private readonly wallet: WalletOpsClient,
  ) {}

  async refund(request: RefundIntentRequest): Promise<PaymentIntentView> {
    const row = await inTransaction(this.dataSource, async (manager) => {
      const intent = await this.intents.findById(manager, request.intent_id, true);
      if (!intent) throw new DomainError('PAYMENT_NOT_FOUND');
      const previous = await this.refunds.findByKey(manager, request.idempotency_key);
      if (previous) {
        const same =
          previous.intent_id === intent.id &&
          (request.amount === undefined || request.amount === amountOf(previous.amount));
        if (!same) throw new DomainError('IDEMPOTENCY_KEY_REUSED');

        return intent;
      }
      if (!canTransition(intent.status, 'refunded')) {
        throw new DomainError('PAYMENT_NOT_REFUNDABLE', `The payment is ${intent.status}`);
      }
      if (intent.method === 'cash_on_delivery') {
        throw new DomainError('PAYMENT_NOT_REFUNDABLE', 'Cash is given back in cash, outside the platform');
      }
      const left = amountOf(intent.captured_amount) - amountOf(intent.refunded_amount);
      const amount = request.amount ?? left;
      if (amount > left) {
        throw new DomainError('PAYMENT_REFUND_EXCEEDS_CAPTURED', undefined, { refundable: left });
      }
      const refundId = randomUUID();
      let walletTransactionId: string | null = null;
      let providerReference: string | null = null;
      if (intent.method === 'wallet') {
        if (!intent.wallet_transaction_id) throw new DomainError('PAYMENT_NOT_REFUNDABLE');
        const transaction = await this.wallet.refund(
          intent,
          intent.wallet_transaction_id,
          request.idempotency_key,
          amount,
          request.reason,
        );
        walletTransactionId = transaction.id;
      } else if (isProviderMethod(intent.method) && intent.provider_reference) {
        providerReference = await this.providers.named(intent.provider ?? '').refund({
          method: intent.method,
          providerReference: intent.provider_reference,
          amount,
          currency: intent.currency,
          phone: intent.payer_phone,
          reason: request.reason,
          idempotencyKey: `payment:${intent.id}:refund:${request.idempotency_key}`,
        });
      } else {
        throw new DomainError('PAYMENT_NOT_REFUNDABLE');
      }
      await this.refunds.insert(manager, {
        id: refundId,
        intent_id: intent.id,
        idempotency_key: request.idempotency_key,
        amount: String(amount),
        currency: intent.currency,
        reason: request.reason,
        provider_reference: providerReference,
        wallet_transaction_id: walletTransactionId,
      });
      const refunded = amountOf(intent.refunded_amount) + amount;
      const to = refunded === amountOf(intent.captured_amount) ? 'refunded' : 'partially_refunded';
      const moved = await this.outcomes.move(
        manager,
        intent.id,
        to,
        `refund ${refundId}: ${request.reason}`,
        { refunded_amount: refunded },
        { id: refundId, amount },
      );

      return moved.row;
    });

    return toIntentView(row);
  }
}
