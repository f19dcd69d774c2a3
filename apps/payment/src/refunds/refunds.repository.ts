import { Injectable } from '@nestjs/common';
import type { Currency } from '@ecom/contracts';
import type { EntityManager } from 'typeorm';

export interface RefundRow {
  id: string;
  intent_id: string;
  idempotency_key: string;
  amount: string;
  currency: Currency;
  reason: string;
  provider_reference: string | null;
  wallet_transaction_id: string | null;
  created_at: Date;
}

/** Refunds given: SQL only. */
@Injectable()
export class RefundsRepository {
  async findByKey(manager: EntityManager, key: string): Promise<RefundRow | undefined> {
    const rows = await manager.query<RefundRow[]>('SELECT * FROM refunds WHERE idempotency_key = $1', [key]);

    return rows[0];
  }

  async insert(manager: EntityManager, refund: Omit<RefundRow, 'created_at'>): Promise<void> {
    await manager.query(
      `INSERT INTO refunds (id, intent_id, idempotency_key, amount, currency, reason, provider_reference,
                            wallet_transaction_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        refund.id,
        refund.intent_id,
        refund.idempotency_key,
        refund.amount,
        refund.currency,
        refund.reason,
        refund.provider_reference,
        refund.wallet_transaction_id,
      ],
    );
  }

  async findByIntent(manager: EntityManager, intentId: string): Promise<RefundRow[]> {
    return manager.query<RefundRow[]>('SELECT * FROM refunds WHERE intent_id = $1 ORDER BY created_at, id', [
      intentId,
    ]);
  }
}
