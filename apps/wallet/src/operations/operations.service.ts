import { Injectable } from '@nestjs/common';
import {
  WALLET_EVENTS,
  type CashCommissionRequest,
  type CreditRequest,
  type DebitRequest,
  type Payee,
  type PayeeStatementLine,
  type RefundRequest,
  type TransactionCategory,
  type WalletMovedEvent,
  type WalletTransactionView,
} from '@ecom/contracts';
import { DomainError, EventPublisher } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { Idempotency } from '../ledger/idempotency';
import { LedgerRepository, type Leg, type PostedEntry } from '../ledger/ledger.repository';
import { toTransactionView } from '../ledger/transaction-view';
import type { WalletRow } from '../wallets/wallets.repository';
import { WalletsService } from '../wallets/wallets.service';

export const COMMISSION_ACCOUNT = 'commission_revenue';

/** What the user sees of a movement of their wallet; `amount` is signed (negative: a debit). */
export interface MovedSide {
  category: TransactionCategory;
  amount: number;
  payment_method: string | null;
  description?: string | null;
  reference?: string | null;
  related_service_id?: string | null;
}

/** Refuses a commission larger than the amount it is taken from. */
export function assertCommission(amount: number, commission: number): void {
  if (commission > amount) {
    throw new DomainError('VALIDATION_FAILED', 'commission_amount: must not exceed amount', undefined, [
      { field: 'commission_amount', message: 'must not exceed amount' },
    ]);
  }
}

/**
 * The commission share of a refund, computed on the running total (rounded down) so that refunds in
 * several parts add up exactly to the original commission once the whole amount is refunded.
 */
export function refundCommission(
  original: { amount: number; commission_amount: number },
  refundedBefore: { amount: number; commission: number },
  amount: number,
): number {
  const upTo =
    (BigInt(original.commission_amount) * BigInt(refundedBefore.amount + amount)) / BigInt(original.amount);

  return Number(upTo) - refundedBefore.commission;
}

/**
 * Where a payment out of a wallet goes: to the payee's payable less the platform's commission, or all
 * of it to the platform's revenue when there is no payee (the platform itself sold). The commission
 * recorded on the entry is then the whole amount, so that refunds reverse every payment the same way.
 */
export function splitLegs(
  amount: number,
  commission: number,
  accounts: { commission: string; payee: string | null },
): Leg[] {
  if (accounts.payee === null) return [{ accountId: accounts.commission, amount }];

  return [
    { accountId: accounts.payee, amount: amount - commission },
    { accountId: accounts.commission, amount: commission },
  ];
}

/** Credits, debits (split or not), refunds and cash commissions asked by the other services. */
@Injectable()
export class OperationsService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly idempotency: Idempotency,
    private readonly wallets: WalletsService,
    private readonly events: EventPublisher,
  ) {}

  /** From a funding provider's clearing account (a recharge), else from suspense. */
  async credit(request: CreditRequest): Promise<WalletTransactionView> {
    const wallet = await this.wallets.ensure(request.user_id);
    const source = request.funding_provider
      ? await this.ledger.accountId(`clearing:${request.funding_provider}`, 'clearing')
      : await this.ledger.accountId('suspense', 'suspense');

    return this.idempotency.run('ops.credit', request.idempotency_key, request, (manager) =>
      this.postCredit(manager, wallet, source, {
        category: request.category,
        amount: request.amount,
        description: request.description,
        reference: request.reference,
        related_service_id: request.related_service_id,
        payment_method: request.funding_provider ?? null,
      }),
    );
  }

  /** A credit inside the caller's transaction: the wallet receives, `source` gives. */
  async postCredit(
    manager: EntityManager,
    wallet: WalletRow,
    source: string,
    credit: Pick<
      CreditRequest,
      'category' | 'amount' | 'description' | 'reference' | 'related_service_id'
    > & {
      id?: string;
      payment_method: string | null;
    },
  ): Promise<WalletTransactionView> {
    const accounts = await this.ledger.lock(manager, [wallet.account_id]);
    this.wallets.assertCanReceive(wallet);
    const posted = await this.ledger.post(
      manager,
      {
        id: credit.id,
        kind: 'credit',
        category: credit.category,
        currency: 'XOF',
        amount: credit.amount,
        description: credit.description,
        reference: credit.reference,
        related_service_id: credit.related_service_id,
        payment_method: credit.payment_method,
      },
      [
        { accountId: wallet.account_id, amount: credit.amount },
        { accountId: source, amount: -credit.amount },
      ],
      accounts,
    );

    return this.moved(manager, WALLET_EVENTS.credited, wallet.user_id, wallet.account_id, posted, credit);
  }

  async debit(request: DebitRequest): Promise<WalletTransactionView> {
    const commission = request.payee ? (request.commission_amount ?? 0) : request.amount;
    assertCommission(request.amount, commission);
    const wallet = await this.wallets.get(request.user_id);
    const commissionAccount = await this.ledger.accountId(COMMISSION_ACCOUNT, 'commission_revenue');
    const payeeAccount = request.payee ? await this.ledger.payeeAccountId(request.payee) : null;

    return this.idempotency.run('ops.debit', request.idempotency_key, request, async (manager) => {
      const { accounts } = await this.wallets.lockToPay(manager, wallet.account_id, request.amount);
      const posted = await this.ledger.post(
        manager,
        {
          kind: 'debit',
          category: request.category,
          currency: 'XOF',
          amount: request.amount,
          commission_amount: commission,
          payee: request.payee,
          description: request.description,
          reference: request.reference,
          related_service_id: request.related_service_id,
          payment_method: 'wallet',
        },
        [
          { accountId: wallet.account_id, amount: -request.amount },
          ...splitLegs(request.amount, commission, { commission: commissionAccount, payee: payeeAccount }),
        ],
        accounts,
      );

      return this.moved(manager, WALLET_EVENTS.debited, request.user_id, wallet.account_id, posted, {
        category: request.category,
        description: request.description,
        reference: request.reference,
        related_service_id: request.related_service_id,
        amount: -request.amount,
        payment_method: 'wallet',
      });
    });
  }

  /**
   * Gives back part or all of a debit or capture, taking it back from where it went in proportion: the
   * commission share is computed on the running total, so that refunds in several parts add up exactly
   * to the original split and never to more than the original amount.
   */
  async refund(request: RefundRequest): Promise<WalletTransactionView> {
    const commissionAccount = await this.ledger.accountId(COMMISSION_ACCOUNT, 'commission_revenue');
    const original = await this.ledger.findEntry(request.transaction_id);
    if (!original || (original.kind !== 'debit' && original.kind !== 'capture')) {
      throw new DomainError('WALLET_TRANSACTION_NOT_FOUND');
    }
    const payee: Payee | null =
      original.payee_type && original.payee_id ? { type: original.payee_type, id: original.payee_id } : null;
    const payeeAccount = payee ? await this.ledger.payeeAccountId(payee) : null;
    const owner = await this.ledger.walletOf(original.id);
    if (!owner) throw new DomainError('WALLET_TRANSACTION_NOT_FOUND');

    return this.idempotency.run('ops.refund', request.idempotency_key, request, async (manager) => {
      // The original entry's row lock queues concurrent refunds of it: each sees what the others took.
      await this.ledger.findEntry(original.id, manager, true);
      const refunded = await this.ledger.refundedOf(manager, original.id);
      const left = original.amount - refunded.amount;
      if (request.amount > left) {
        throw new DomainError('WALLET_REFUND_EXCEEDS_ORIGINAL', undefined, { refundable: left });
      }
      const commission = refundCommission(original, refunded, request.amount);
      const accounts = await this.ledger.lock(manager, [owner.account_id]);
      const legs = splitLegs(request.amount, commission, {
        commission: commissionAccount,
        payee: payeeAccount,
      });
      const posted = await this.ledger.post(
        manager,
        {
          kind: 'refund',
          category: 'refund',
          currency: original.currency,
          amount: request.amount,
          commission_amount: commission,
          payee,
          description: request.description ?? original.description,
          reference: original.reference,
          related_service_id: original.related_service_id,
          payment_method: 'wallet',
          original_entry_id: original.id,
        },
        [
          { accountId: owner.account_id, amount: request.amount },
          ...legs.map((leg) => ({ ...leg, amount: -leg.amount })),
        ],
        accounts,
      );

      return this.moved(manager, WALLET_EVENTS.credited, owner.user_id, owner.account_id, posted, {
        category: 'refund',
        amount: request.amount,
        description: request.description ?? original.description,
        reference: original.reference,
        related_service_id: original.related_service_id,
        payment_method: 'wallet',
      });
    });
  }

  /** A payee collected cash: it owes the platform the commission, booked against its payable. */
  async cashCommission(request: CashCommissionRequest): Promise<PayeeStatementLine> {
    const commissionAccount = await this.ledger.accountId(COMMISSION_ACCOUNT, 'commission_revenue');
    const payeeAccount = await this.ledger.payeeAccountId(request.payee);
    const gross = request.gross_amount ?? request.amount;
    assertCommission(gross, request.amount);

    return this.idempotency.run('ops.cash-commission', request.idempotency_key, request, async (manager) => {
      const posted = await this.ledger.post(
        manager,
        {
          kind: 'cash_commission',
          category: 'commission',
          currency: 'XOF',
          amount: request.amount,
          commission_amount: request.amount,
          gross_amount: gross,
          payee: request.payee,
          reference: request.reference,
          related_service_id: request.related_service_id,
          payment_method: 'cash',
        },
        [
          { accountId: payeeAccount, amount: -request.amount },
          { accountId: commissionAccount, amount: request.amount },
        ],
        new Map(),
      );

      return {
        entry_id: posted.id,
        related_service_id: request.related_service_id ?? null,
        reference: request.reference ?? null,
        gross,
        commission: request.amount,
        net: gross - request.amount,
        kind: 'cash_commission',
        created_at: posted.created_at.toISOString(),
      };
    });
  }

  /** Publishes `wallet.credited|debited` with the entry and answers the user's side of it. */
  async moved(
    manager: EntityManager,
    type: string,
    userId: string,
    accountId: string,
    posted: PostedEntry,
    side: MovedSide,
  ): Promise<WalletTransactionView> {
    const view = toTransactionView({
      id: posted.id,
      currency: 'XOF',
      category: side.category,
      description: side.description ?? null,
      reference: side.reference ?? null,
      payment_method: side.payment_method,
      related_service_id: side.related_service_id ?? null,
      amount: side.amount,
      balance_after: posted.balances.get(accountId) ?? null,
      created_at: posted.created_at,
    });
    const event: WalletMovedEvent = {
      transaction_id: view.id,
      user_id: userId,
      amount: view.amount,
      currency: view.currency,
      category: view.category,
      balance_after: view.balance_after ?? 0,
      reference: view.reference,
      related_service_id: view.related_service_id,
    };
    await this.events.publish(manager, type, event, { aggregateId: userId });

    return view;
  }
}
