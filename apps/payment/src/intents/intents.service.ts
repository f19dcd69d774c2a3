import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import {
  isErrorCode,
  PROVIDER_METHODS,
  type CancelIntentRequest,
  type CaptureIntentRequest,
  type Caller,
  type CreateIntentRequest,
  type PaymentIntentView,
  type ProviderMethod,
  type RecordCashRequest,
} from '@ecom/contracts';
import { DomainError, inTransaction, LOGGER, ValidationFailedError, type Logger } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { PaymentConfig } from '../config';
import { ProvidersRegistry } from '../providers/providers.registry';
import { WalletOpsClient } from '../wallet/wallet-ops.client';
import { requestHash } from './canonical-hash';
import { IntentOutcomesService } from './intent-outcomes.service';
import { canTransition } from './intent-state';
import { payeeOf, toIntentView } from './intent-views';
import { amountOf, IntentsRepository, type IntentRow } from './intents.repository';

export function isProviderMethod(method: string): method is ProviderMethod {
  return (PROVIDER_METHODS as readonly string[]).includes(method);
}

/** A wallet refusal (funds, limits, frozen) is the payer's answer: the intent fails with the wallet's code. */
function walletRefusal(error: unknown): DomainError | undefined {
  return error instanceof DomainError && error.code.startsWith('WALLET_') ? error : undefined;
}

/**
 * Payment intents for other services (marketplace orders, rides, wallet recharges): created once per
 * idempotency key, then carried out by their method: the wallet at once, a provider asynchronously (its
 * callback settles them), cash when the payee records it.
 */
@Injectable()
export class IntentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly intents: IntentsRepository,
    private readonly outcomes: IntentOutcomesService,
    private readonly providers: ProvidersRegistry,
    private readonly wallet: WalletOpsClient,
    private readonly config: PaymentConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async create(request: CreateIntentRequest): Promise<PaymentIntentView> {
    this.checkMethod(request);
    const hash = requestHash(request);
    const captureMode = request.capture ?? 'immediate';
    const provider = isProviderMethod(request.method) ? this.providers.forMethod(request.method).name : null;
    const inserted = await this.intents.insertOnce(this.dataSource.manager, {
      id: randomUUID(),
      idempotencyKey: request.idempotency_key,
      requestHash: hash,
      purpose: request.purpose,
      referenceId: request.reference_id,
      referenceLabel: request.reference_label ?? null,
      payerId: request.payer_id,
      payerPhone: request.payer_phone ?? null,
      method: request.method,
      captureMode,
      amount: request.amount,
      currency: request.currency ?? 'XOF',
      payeeType: request.payee?.type ?? null,
      payeeId: request.payee?.id ?? null,
      commissionAmount: request.commission_amount ?? null,
      description: request.description ?? null,
      provider,
      expiresAt: this.expiryOf(request),
    });
    if (inserted) return toIntentView(await this.execute(inserted));
    const existing = await this.intents.findByIdempotencyKey(
      this.dataSource.manager,
      request.idempotency_key,
    );
    if (!existing) throw new DomainError('CONFLICT', 'The intent of this key could not be read');
    if (existing.request_hash !== hash) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    // A retry of a creation whose wallet or provider call never answered carries it on, with the same keys.
    if (existing.status === 'pending') return toIntentView(await this.execute(existing));
    const code = existing.failure_code;
    if (existing.status === 'failed' && isErrorCode(code) && code.startsWith('WALLET_')) {
      throw new DomainError(code, existing.failure_reason ?? undefined);
    }

    return toIntentView(existing);
  }

  /** The payer or an admin; anyone else learns nothing, not even that it exists. */
  async get(intentId: string, caller: Caller): Promise<PaymentIntentView> {
    const row = await this.intents.findById(this.dataSource.manager, intentId);
    if (!row || (row.payer_id !== caller.user_id && !caller.roles.includes('admin'))) {
      throw new DomainError('PAYMENT_NOT_FOUND');
    }

    return toIntentView(row);
  }

  /**
   * Carries out a pending intent by its method. Wallet answers are final at once (or a hold for a manual
   * capture); a provider takes the request and answers later by callback. A wallet or provider that does
   * not answer leaves the intent pending: a retry or reconciliation carries it on with the same keys.
   */
  async execute(intent: IntentRow): Promise<IntentRow> {
    if (intent.method === 'cash_on_delivery') return intent;
    if (intent.method === 'wallet') return this.executeWallet(intent);
    if (!isProviderMethod(intent.method)) throw new DomainError('PAYMENT_METHOD_UNSUPPORTED');
    const provider = this.providers.named(intent.provider ?? '');
    let initiated;
    try {
      initiated = await provider.initiate({
        intentId: intent.id,
        method: intent.method,
        amount: amountOf(intent.amount),
        currency: intent.currency,
        phone: intent.payer_phone,
        description: intent.description ?? intent.reference_label ?? `Ecom ${intent.purpose}`,
        idempotencyKey: `payment:${intent.id}:initiate`,
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'PAYMENT_DECLINED') {
        await this.fail(intent, error);
      }
      throw error;
    }
    const moved = await inTransaction(this.dataSource, (manager) =>
      this.outcomes.move(manager, intent.id, 'processing', `sent to ${provider.name}`, {
        provider_reference: initiated.providerReference,
        next_action: initiated.nextAction,
      }),
    );

    return moved.row;
  }

  async capture(request: CaptureIntentRequest): Promise<PaymentIntentView> {
    const intent = await this.find(request.intent_id);
    if (intent.method !== 'wallet' || intent.capture_mode !== 'manual') {
      throw new DomainError('PAYMENT_INVALID_TRANSITION', 'Only a wallet hold is captured');
    }
    if (intent.status === 'succeeded') return toIntentView(intent);
    if (intent.status !== 'processing' || !intent.wallet_hold_id) {
      throw new DomainError(
        'PAYMENT_INVALID_TRANSITION',
        `The payment is ${intent.status}, it cannot be captured`,
      );
    }
    const amount = request.amount ?? amountOf(intent.amount);
    const payee = request.payee ?? payeeOf(intent);
    const commission =
      request.commission_amount ??
      (intent.commission_amount === null ? undefined : amountOf(intent.commission_amount));
    const hold = await this.wallet.capture(intent, intent.wallet_hold_id, amount, payee, commission);
    const row = await inTransaction(this.dataSource, async (manager) => {
      const moved = await this.outcomes.move(manager, intent.id, 'succeeded', 'wallet hold captured', {
        captured_amount: amount,
        ...(hold.transaction_id ? { wallet_transaction_id: hold.transaction_id } : {}),
        ...(payee ? { payee_type: payee.type, payee_id: payee.id } : {}),
        ...(commission === undefined ? {} : { commission_amount: commission }),
      });

      return moved.row;
    });

    return toIntentView(row);
  }

  async cancel(request: CancelIntentRequest): Promise<PaymentIntentView> {
    const intent = await this.find(request.intent_id);
    if (intent.status === 'cancelled') return toIntentView(intent);
    if (!canTransition(intent.status, 'cancelled')) {
      throw new DomainError(
        'PAYMENT_INVALID_TRANSITION',
        `The payment is ${intent.status}, it cannot be cancelled`,
      );
    }
    const reason = request.reason ?? 'cancelled by the caller';
    const row = await this.cancelOpen(intent, reason);
    if (row.status !== 'cancelled') {
      throw new DomainError('PAYMENT_INVALID_TRANSITION', `The payment became ${row.status} meanwhile`);
    }

    return toIntentView(row);
  }

  /**
   * Releases the wallet hold or stops the provider payment, then cancels; shared with reconciliation of
   * expired intents. A provider that was paid before the cancel reached it makes the intent succeed instead.
   */
  async cancelOpen(intent: IntentRow, reason: string): Promise<IntentRow> {
    if (intent.wallet_hold_id) await this.wallet.release(intent, intent.wallet_hold_id);
    const answer =
      intent.provider && intent.provider_reference
        ? await this.providers.named(intent.provider).cancel(intent.provider_reference)
        : 'cancelled';
    const moved = await inTransaction(this.dataSource, (manager) =>
      answer === 'succeeded'
        ? this.outcomes.move(
            manager,
            intent.id,
            'succeeded',
            `${intent.provider ?? ''}: paid before the cancel`,
            {
              captured_amount: amountOf(intent.amount),
              next_action: null,
            },
          )
        : this.outcomes.move(manager, intent.id, 'cancelled', reason, {
            failure_reason: reason,
            next_action: null,
          }),
    );

    return moved.row;
  }

  /** The payee collected the cash: the intent succeeds and the payee's commission debt is booked. */
  async recordCash(request: RecordCashRequest): Promise<PaymentIntentView> {
    const intent = await this.find(request.intent_id);
    if (intent.method !== 'cash_on_delivery') {
      throw new DomainError('PAYMENT_METHOD_UNSUPPORTED', 'Only a cash payment is recorded as collected');
    }
    if (intent.status === 'succeeded') return toIntentView(intent);
    if (intent.status !== 'pending') {
      throw new DomainError(
        'PAYMENT_INVALID_TRANSITION',
        `The payment is ${intent.status}, no cash is expected`,
      );
    }
    if (request.amount > amountOf(intent.amount)) {
      throw new ValidationFailedError([{ field: 'amount', message: 'must not be more than the payment' }]);
    }
    const payee = request.payee ?? payeeOf(intent);
    const commission =
      request.commission_amount ??
      (intent.commission_amount === null ? 0 : amountOf(intent.commission_amount));
    // Booked first, with a key of its own: if the move below fails, a retry books nothing twice.
    if (payee && commission > 0) await this.wallet.cashCommission(intent, payee, commission);
    const row = await inTransaction(this.dataSource, async (manager) => {
      const moved = await this.outcomes.move(manager, intent.id, 'succeeded', 'cash collected', {
        captured_amount: request.amount,
        commission_amount: commission,
        ...(payee ? { payee_type: payee.type, payee_id: payee.id } : {}),
      });

      return moved.row;
    });

    return toIntentView(row);
  }

  private async executeWallet(intent: IntentRow): Promise<IntentRow> {
    try {
      if (intent.capture_mode === 'manual') {
        const hold = await this.wallet.hold(intent);
        const moved = await inTransaction(this.dataSource, (manager) =>
          this.outcomes.move(manager, intent.id, 'processing', 'wallet hold placed', {
            wallet_hold_id: hold.hold_id,
          }),
        );

        return moved.row;
      }
      const transaction = await this.wallet.debit(intent);
      const moved = await inTransaction(this.dataSource, (manager) =>
        this.outcomes.move(manager, intent.id, 'succeeded', 'wallet debited', {
          captured_amount: amountOf(intent.amount),
          wallet_transaction_id: transaction.id,
        }),
      );

      return moved.row;
    } catch (error) {
      const refusal = walletRefusal(error);
      if (refusal) await this.fail(intent, refusal);
      throw error;
    }
  }

  private async fail(intent: IntentRow, error: DomainError): Promise<void> {
    await inTransaction(this.dataSource, (manager) =>
      this.outcomes.move(manager, intent.id, 'failed', error.code, {
        failure_code: error.code,
        failure_reason: error.message.slice(0, 300),
      }),
    );
    this.logger.info('Payment refused', { intent_id: intent.id, code: error.code });
  }

  private async find(intentId: string): Promise<IntentRow> {
    const row = await this.intents.findById(this.dataSource.manager, intentId);
    if (!row) throw new DomainError('PAYMENT_NOT_FOUND');

    return row;
  }

  private checkMethod(request: CreateIntentRequest): void {
    const { method, purpose } = request;
    if (purpose === 'wallet_recharge' && !isProviderMethod(method)) {
      throw new DomainError('PAYMENT_METHOD_UNSUPPORTED', 'A recharge is paid from outside the wallet');
    }
    if (request.capture === 'manual' && method !== 'wallet') {
      throw new DomainError('PAYMENT_METHOD_UNSUPPORTED', 'Only the wallet holds funds for a later capture');
    }
    if ((method === 'yas' || method === 'flooz') && !request.payer_phone) {
      throw new ValidationFailedError([{ field: 'payer_phone', message: 'is needed for mobile money' }]);
    }
  }

  private expiryOf(request: CreateIntentRequest): Date | null {
    if (request.method === 'cash_on_delivery') return null;
    const seconds =
      request.method === 'wallet' && request.capture === 'manual'
        ? this.config.WALLET_HOLD_TTL_SECONDS
        : this.config.PROVIDER_INTENT_TTL_SECONDS;

    return new Date(Date.now() + seconds * 1000);
  }
}
