import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import {
  AUTH_SUBJECTS,
  PAYMENT_SUBJECTS,
  type CreateIntentRequest,
  type PaymentIntentEvent,
  type PaymentIntentView,
  type RechargeReply,
  type RechargeRequest,
  type UserSummary,
  type UserSummaryRequest,
  type WalletTransactionView,
} from '@ecom/contracts';
import { currentContext, DomainError, LOGGER, ServiceClient, type Logger } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import { requestHash } from '../ledger/idempotency';
import { LedgerRepository } from '../ledger/ledger.repository';
import { toTransactionView } from '../ledger/transaction-view';
import { normalizePhone } from '../methods/identifiers';
import { MethodsService } from '../methods/methods.service';
import { OperationsService } from '../operations/operations.service';
import { WalletsService } from '../wallets/wallets.service';

interface RechargeRow {
  id: string;
  user_id: string;
  amount: number;
  currency: 'XOF';
  method: RechargeRequest['method'];
  status: 'pending' | 'succeeded' | 'failed';
  payment_intent_id: string | null;
  request_hash: string;
  created_at: Date;
}

const RECHARGE_COLUMNS = `id, user_id, amount::float8 AS amount, currency, method, status, payment_intent_id,
  request_hash, created_at`;

function toView(recharge: RechargeRow): WalletTransactionView {
  return toTransactionView({
    id: recharge.id,
    category: 'recharge',
    currency: recharge.currency,
    description: null,
    reference: null,
    payment_method: recharge.method,
    related_service_id: recharge.payment_intent_id,
    amount: recharge.amount,
    balance_after: null,
    status: recharge.status === 'succeeded' ? 'completed' : recharge.status,
    created_at: recharge.created_at,
  });
}

/**
 * Wallet recharges through a payment provider: a pending recharge, a payment intent for it, and the
 * credit when the payment service says the provider confirmed (exactly once, under the recharge's id).
 */
@Injectable()
export class RechargesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly client: ServiceClient,
    private readonly wallets: WalletsService,
    private readonly methods: MethodsService,
    private readonly ledger: LedgerRepository,
    private readonly operations: OperationsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * The same Idempotency-Key answers the same recharge; the payment intent is asked with a key derived
   * from the recharge, so a retry after a lost answer finds the intent already made instead of a second.
   */
  async create(userId: string, request: RechargeRequest): Promise<RechargeReply> {
    const wallet = await this.wallets.ensure(userId);
    this.wallets.assertCanReceive(wallet);
    const payerPhone = await this.payerPhone(userId, request, wallet.holder_phone);
    const key = currentContext()?.idempotencyKey ?? randomUUID();
    const hash = requestHash(request);
    const [created] = await this.dataSource.query<RechargeRow[]>(
      `INSERT INTO recharges (id, user_id, amount, currency, method, payment_method_id, idempotency_key, request_hash)
       VALUES ($1, $2, $3, 'XOF', $4, $5, $6, $7)
       ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING ${RECHARGE_COLUMNS}`,
      [randomUUID(), userId, request.amount, request.method, request.payment_method_id ?? null, key, hash],
    );
    const recharge = created ?? (await this.byKey(userId, key));
    if (recharge.request_hash !== hash) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    const intent: CreateIntentRequest = {
      idempotency_key: `wallet-recharge:${recharge.id}`,
      amount: recharge.amount,
      currency: 'XOF',
      purpose: 'wallet_recharge',
      reference_id: recharge.id,
      reference_label: 'Recharge',
      payer_id: userId,
      method: request.method,
      payer_phone: payerPhone,
      description: 'Recharge du portefeuille Ecom',
    };
    let payment: PaymentIntentView;
    try {
      payment = await this.client.request<PaymentIntentView>(PAYMENT_SUBJECTS.createIntent, intent);
    } catch (error) {
      // A refusal, or no payment service at all, means no intent: the recharge failed. A timeout is not
      // known to have failed (the intent may exist): it stays pending, and a retry with the same key asks
      // for the same intent again.
      if (error instanceof DomainError && (error.status < 500 || error.code === 'SERVICE_UNAVAILABLE')) {
        await this.fail(recharge.id, error.code);
      }
      throw error;
    }
    const [updated] = await this.dataSource.query<[RechargeRow[], number]>(
      `UPDATE recharges SET payment_intent_id = $2, updated_at = now(),
         failure_reason = CASE WHEN payment_intent_id IS NULL THEN NULL ELSE failure_reason END,
         status = CASE WHEN status = 'failed' AND payment_intent_id IS NULL THEN 'pending' ELSE status END
        WHERE id = $1 RETURNING ${RECHARGE_COLUMNS}`,
      [recharge.id, payment.id],
    );

    return { transaction: toView(updated[0] ?? recharge), payment };
  }

  /**
   * The provider confirmed: the recharge flips to succeeded (first wins, even after a timeout marked it
   * failed: the money was taken) and the wallet is credited from the provider's clearing account under the
   * recharge's id, so that no redelivery can credit twice.
   */
  async succeeded(manager: EntityManager, intent: PaymentIntentEvent): Promise<void> {
    const [rows] = await manager.query<[RechargeRow[], number]>(
      `UPDATE recharges SET status = 'succeeded', payment_intent_id = COALESCE(payment_intent_id, $2),
         failure_reason = NULL, updated_at = now()
        WHERE id = $1 AND status <> 'succeeded' RETURNING ${RECHARGE_COLUMNS}`,
      [intent.reference_id, intent.intent_id],
    );
    const recharge = rows[0];
    if (!recharge) return;
    if (intent.amount !== recharge.amount) {
      this.logger.warn('Recharge confirmed for another amount than asked: the asked amount is credited', {
        recharge_id: recharge.id,
        intent_id: intent.intent_id,
      });
    }
    const wallet = await this.wallets.get(recharge.user_id, manager);
    const clearing = await this.ledger.accountId(`clearing:${recharge.method}`, 'clearing');
    await this.operations.postCredit(manager, wallet, clearing, {
      id: recharge.id,
      category: 'recharge',
      amount: recharge.amount,
      related_service_id: intent.intent_id,
      payment_method: recharge.method,
    });
  }

  async failed(manager: EntityManager, intent: PaymentIntentEvent): Promise<void> {
    await this.fail(intent.reference_id, intent.reason ?? 'failed', manager);
  }

  private async fail(
    id: string,
    reason: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `UPDATE recharges SET status = 'failed', failure_reason = $2, updated_at = now()
        WHERE id = $1 AND status = 'pending'`,
      [id, reason.slice(0, 200)],
    );
  }

  private async byKey(userId: string, key: string): Promise<RechargeRow> {
    const [row] = await this.dataSource.query<RechargeRow[]>(
      `SELECT ${RECHARGE_COLUMNS} FROM recharges WHERE user_id = $1 AND idempotency_key = $2`,
      [userId, key],
    );
    if (!row) throw new DomainError('IDEMPOTENCY_IN_PROGRESS');

    return row;
  }

  /** Mobile money pushes to a phone: the one given, the saved method's, or the account's own. */
  private async payerPhone(
    userId: string,
    request: RechargeRequest,
    holderPhone: string | null,
  ): Promise<string | undefined> {
    if (request.payment_method_id) {
      const method = await this.methods.reveal(userId, request.payment_method_id);
      // A saved method pays through its own provider: a Flooz phone cannot fund a Yas recharge.
      const cardFunds = method.type === 'card' && request.method === 'visa';
      if (method.provider !== request.method && !cardFunds) {
        throw new DomainError(
          'VALIDATION_FAILED',
          'payment_method_id: belongs to another provider',
          undefined,
          [{ field: 'payment_method_id', message: `is a ${method.provider} method, not ${request.method}` }],
        );
      }

      return method.type === 'mobile_money' ? method.identifier : undefined;
    }
    if (request.payer_phone) {
      const phone = normalizePhone(request.payer_phone);
      if (!phone) {
        throw new DomainError('VALIDATION_FAILED', 'payer_phone: must be a valid phone number', undefined, [
          { field: 'payer_phone', message: 'must be a valid phone number' },
        ]);
      }

      return phone;
    }

    if (request.method === 'visa') return undefined;
    if (holderPhone !== null) return holderPhone;

    // Mobile money cannot go without a phone; PI-SPI can.
    return request.method === 'pispi' ? undefined : await this.accountPhone(userId);
  }

  /**
   * The account's phone asked of auth, for a wallet opened by its first use before the registration event
   * that names its holder arrived.
   */
  private async accountPhone(userId: string): Promise<string> {
    const request: UserSummaryRequest = { user_id: userId };

    return (await this.client.request<UserSummary>(AUTH_SUBJECTS.getUserSummary, request)).phone;
  }
}
