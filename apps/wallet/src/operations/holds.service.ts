import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import {
  WALLET_EVENTS,
  type CaptureRequest,
  type Currency,
  type HoldChangedEvent,
  type HoldRequest,
  type HoldStatus,
  type HoldView,
  type ReleaseRequest,
  type TransactionCategory,
} from '@ecom/contracts';
import { DomainError, EventPublisher } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import { Idempotency } from '../ledger/idempotency';
import { LedgerRepository } from '../ledger/ledger.repository';
import { WalletsService } from '../wallets/wallets.service';
import { assertCommission, COMMISSION_ACCOUNT, OperationsService, splitLegs } from './operations.service';

interface HoldRow {
  id: string;
  account_id: string;
  user_id: string;
  amount: number;
  captured_amount: number;
  currency: Currency;
  status: HoldStatus;
  category: TransactionCategory;
  description: string | null;
  reference: string | null;
  related_service_id: string | null;
  capture_entry_id: string | null;
  created_at: Date;
}

const HOLD_COLUMNS = `id, account_id, user_id, amount::float8 AS amount, captured_amount::float8 AS captured_amount,
  currency, status, category, description, reference, related_service_id, capture_entry_id, created_at`;

function toHoldView(hold: HoldRow): HoldView {
  return {
    hold_id: hold.id,
    user_id: hold.user_id,
    status: hold.status,
    amount: hold.amount,
    captured_amount: hold.captured_amount,
    currency: hold.currency,
    transaction_id: hold.capture_entry_id,
    created_at: hold.created_at.toISOString(),
  };
}

/**
 * Authorisations: a hold takes the amount out of the available balance without moving money; a capture
 * posts all or part of it (the rest is released at once); a release gives it all back.
 */
@Injectable()
export class HoldsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly idempotency: Idempotency,
    private readonly wallets: WalletsService,
    private readonly operations: OperationsService,
    private readonly events: EventPublisher,
  ) {}

  async hold(request: HoldRequest): Promise<HoldView> {
    const wallet = await this.wallets.get(request.user_id);

    return this.idempotency.run('ops.hold', request.idempotency_key, request, async (manager) => {
      const { accounts } = await this.wallets.lockToPay(manager, wallet.account_id, request.amount);
      const account = accounts.get(wallet.account_id);
      if (!account) throw new DomainError('WALLET_NOT_FOUND');
      await this.ledger.changeHeld(manager, account, request.amount);
      const [hold] = await manager.query<HoldRow[]>(
        `INSERT INTO holds (id, account_id, user_id, amount, currency, category, description, reference,
           related_service_id)
         VALUES ($1, $2, $3, $4, 'XOF', $5, $6, $7, $8) RETURNING ${HOLD_COLUMNS}`,
        [
          randomUUID(),
          account.id,
          request.user_id,
          request.amount,
          request.category,
          request.description ?? null,
          request.reference ?? null,
          request.related_service_id ?? null,
        ],
      );
      if (!hold) throw new Error('The hold was not written');
      await this.publish(manager, WALLET_EVENTS.holdPlaced, hold);

      return toHoldView(hold);
    });
  }

  async capture(request: CaptureRequest): Promise<HoldView> {
    const commissionAccount = await this.ledger.accountId(COMMISSION_ACCOUNT, 'commission_revenue');
    const payeeAccount = request.payee ? await this.ledger.payeeAccountId(request.payee) : null;
    const commission = request.payee ? (request.commission_amount ?? 0) : request.amount;
    assertCommission(request.amount, commission);

    return this.idempotency.run('ops.capture', request.idempotency_key, request, async (manager) => {
      const hold = await this.activeHold(manager, request.hold_id);
      if (request.amount > hold.amount) {
        throw new DomainError('WALLET_CAPTURE_EXCEEDS_HOLD', undefined, { held: hold.amount });
      }
      const accounts = await this.ledger.lock(manager, [hold.account_id]);
      const account = accounts.get(hold.account_id);
      if (!account) throw new DomainError('WALLET_NOT_FOUND');
      // The whole hold ends: what is not captured is released in the same transaction.
      await this.ledger.changeHeld(manager, account, -hold.amount);
      const posted = await this.ledger.post(
        manager,
        {
          kind: 'capture',
          category: hold.category,
          currency: hold.currency,
          amount: request.amount,
          commission_amount: commission,
          payee: request.payee,
          description: hold.description,
          reference: hold.reference,
          related_service_id: hold.related_service_id,
          payment_method: 'wallet',
          hold_id: hold.id,
        },
        [
          { accountId: hold.account_id, amount: -request.amount },
          ...splitLegs(request.amount, commission, { commission: commissionAccount, payee: payeeAccount }),
        ],
        accounts,
      );
      const captured = await this.end(manager, hold.id, 'captured', request.amount, posted.id);
      await this.publish(manager, WALLET_EVENTS.holdCaptured, captured);
      await this.operations.moved(manager, WALLET_EVENTS.debited, hold.user_id, hold.account_id, posted, {
        category: hold.category,
        amount: -request.amount,
        description: hold.description,
        reference: hold.reference,
        related_service_id: hold.related_service_id,
        payment_method: 'wallet',
      });

      return toHoldView(captured);
    });
  }

  async release(request: ReleaseRequest): Promise<HoldView> {
    return this.idempotency.run('ops.release', request.idempotency_key, request, async (manager) => {
      const hold = await this.activeHold(manager, request.hold_id);
      const account = (await this.ledger.lock(manager, [hold.account_id])).get(hold.account_id);
      if (!account) throw new DomainError('WALLET_NOT_FOUND');
      await this.ledger.changeHeld(manager, account, -hold.amount);
      const released = await this.end(manager, hold.id, 'released', 0, null);
      await this.publish(manager, WALLET_EVENTS.holdReleased, released);

      return toHoldView(released);
    });
  }

  /** The hold, locked: a concurrent capture and release of it queue, and the second finds it ended. */
  private async activeHold(manager: EntityManager, holdId: string): Promise<HoldRow> {
    const [hold] = await manager.query<HoldRow[]>(
      `SELECT ${HOLD_COLUMNS} FROM holds WHERE id = $1 FOR UPDATE`,
      [holdId],
    );
    if (!hold) throw new DomainError('WALLET_HOLD_NOT_FOUND');
    if (hold.status !== 'held')
      throw new DomainError('WALLET_HOLD_NOT_ACTIVE', undefined, { status: hold.status });

    return hold;
  }

  private async end(
    manager: EntityManager,
    holdId: string,
    status: HoldStatus,
    captured: number,
    entryId: string | null,
  ): Promise<HoldRow> {
    const [rows] = await manager.query<[HoldRow[], number]>(
      `UPDATE holds SET status = $2, captured_amount = $3, capture_entry_id = $4, updated_at = now()
        WHERE id = $1 RETURNING ${HOLD_COLUMNS}`,
      [holdId, status, captured, entryId],
    );
    const hold = rows[0];
    if (!hold) throw new Error('The hold vanished under its lock');

    return hold;
  }

  private async publish(manager: EntityManager, type: string, hold: HoldRow): Promise<void> {
    const event: HoldChangedEvent = {
      hold_id: hold.id,
      user_id: hold.user_id,
      amount: hold.amount,
      captured_amount: hold.captured_amount,
      currency: hold.currency,
      related_service_id: hold.related_service_id,
    };
    await this.events.publish(manager, type, event, { aggregateId: hold.user_id });
  }

  /** For the RGPD export: the user's holds, newest first. */
  async ofUser(userId: string): Promise<HoldView[]> {
    const rows = await this.dataSource.query<HoldRow[]>(
      `SELECT ${HOLD_COLUMNS} FROM holds WHERE user_id = $1 ORDER BY created_at DESC`,
      [userId],
    );

    return rows.map(toHoldView);
  }
}
