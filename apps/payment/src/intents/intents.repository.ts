import { Injectable } from '@nestjs/common';
import type {
  CaptureMode,
  Currency,
  PaymentMethod,
  PaymentNextAction,
  PaymentPurpose,
  PaymentStatus,
  PayeeType,
} from '@ecom/contracts';
import { preparedQuery, type PreparedStatement } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

/** One intent as stored; bigint columns arrive as strings from pg and are read through `amountOf`. */
export interface IntentRow {
  id: string;
  idempotency_key: string;
  request_hash: string;
  purpose: PaymentPurpose;
  reference_id: string;
  reference_label: string | null;
  payer_id: string;
  payer_phone: string | null;
  method: PaymentMethod;
  capture_mode: CaptureMode;
  status: PaymentStatus;
  amount: string;
  currency: Currency;
  captured_amount: string;
  refunded_amount: string;
  payee_type: PayeeType | null;
  payee_id: string | null;
  commission_amount: string | null;
  description: string | null;
  provider: string | null;
  provider_reference: string | null;
  next_action: PaymentNextAction | null;
  wallet_hold_id: string | null;
  wallet_transaction_id: string | null;
  failure_code: string | null;
  failure_reason: string | null;
  expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface NewIntent {
  id: string;
  idempotencyKey: string;
  requestHash: string;
  purpose: PaymentPurpose;
  referenceId: string;
  referenceLabel: string | null;
  payerId: string;
  payerPhone: string | null;
  method: PaymentMethod;
  captureMode: CaptureMode;
  amount: number;
  currency: Currency;
  payeeType: PayeeType | null;
  payeeId: string | null;
  commissionAmount: number | null;
  description: string | null;
  provider: string | null;
  expiresAt: Date | null;
}

/** Columns a transition may set with the new status. */
export interface IntentChanges {
  captured_amount?: number;
  refunded_amount?: number;
  provider_reference?: string;
  next_action?: PaymentNextAction | null;
  wallet_hold_id?: string;
  wallet_transaction_id?: string;
  failure_code?: string | null;
  failure_reason?: string | null;
  payee_type?: PayeeType;
  payee_id?: string;
  commission_amount?: number;
}

/** Reads a bigint column (pg answers a string) as the integer it is; amounts stay far below 2^53. */
export function amountOf(value: string | number | null): number {
  return value === null ? 0 : Number(value);
}

/** What TypeORM's `query` answers for UPDATE on Postgres: the returned rows and the count. */
type Changed<T> = [T[], number];

const JSON_COLUMNS = new Set(['next_action']);

const INSERT_ONCE: PreparedStatement = {
  name: 'payment.intents.insert-once',
  text: `WITH created AS (
           INSERT INTO intents (id, idempotency_key, request_hash, purpose, reference_id, reference_label, payer_id,
                                payer_phone, method, capture_mode, status, amount, currency, payee_type, payee_id,
                                commission_amount, description, provider, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $12, $13, $14, $15, $16, $17, $18)
           ON CONFLICT (idempotency_key) DO NOTHING RETURNING *),
         first_step AS (
           INSERT INTO intent_transitions (intent_id, from_status, to_status, cause)
           SELECT id, NULL, 'pending', 'created' FROM created)
         SELECT * FROM created`,
};

/** Intents and their transitions: SQL only. */
@Injectable()
export class IntentsRepository {
  /**
   * The new row with its first transition, one statement (atomic alone), or undefined when the
   * idempotency key already has its intent.
   */
  async insertOnce(manager: EntityManager, intent: NewIntent): Promise<IntentRow | undefined> {
    const rows = await preparedQuery<IntentRow[]>(manager, INSERT_ONCE, [
      intent.id,
      intent.idempotencyKey,
      intent.requestHash,
      intent.purpose,
      intent.referenceId,
      intent.referenceLabel,
      intent.payerId,
      intent.payerPhone,
      intent.method,
      intent.captureMode,
      intent.amount,
      intent.currency,
      intent.payeeType,
      intent.payeeId,
      intent.commissionAmount,
      intent.description,
      intent.provider,
      intent.expiresAt,
    ]);

    return rows[0];
  }

  async findById(manager: EntityManager, id: string, lock = false): Promise<IntentRow | undefined> {
    const rows = await manager.query<IntentRow[]>(
      `SELECT * FROM intents WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );

    return rows[0];
  }

  async findByIdempotencyKey(manager: EntityManager, key: string): Promise<IntentRow | undefined> {
    const rows = await manager.query<IntentRow[]>('SELECT * FROM intents WHERE idempotency_key = $1', [key]);

    return rows[0];
  }

  async findByProviderReference(
    manager: EntityManager,
    provider: string,
    reference: string,
    lock = false,
  ): Promise<IntentRow | undefined> {
    const rows = await manager.query<IntentRow[]>(
      `SELECT * FROM intents WHERE provider = $1 AND provider_reference = $2${lock ? ' FOR UPDATE' : ''}`,
      [provider, reference],
    );

    return rows[0];
  }

  /**
   * Moves the intent to `to` only if it is in one of `from` (the conditional update settles races: of
   * many concurrent callbacks, one changes the row and the others find it moved), and records the
   * transition. Undefined when the intent was not in `from`.
   */
  async transition(
    manager: EntityManager,
    id: string,
    from: PaymentStatus[],
    to: PaymentStatus,
    cause: string,
    changes: IntentChanges = {},
  ): Promise<{ row: IntentRow; previous: PaymentStatus } | undefined> {
    const values: unknown[] = [id, to, from];
    const sets = Object.entries(changes).map(([column, value]) => {
      values.push(JSON_COLUMNS.has(column) && value !== null ? JSON.stringify(value) : value);

      return `${column} = $${values.length}`;
    });
    values.push(cause.slice(0, 300));
    // One statement: the row locked first (the status read under the lock is the one the update sees,
    // so the recorded `from` is true), then moved, and the transition recorded only if it moved.
    const rows = await manager.query<(IntentRow & { previous_status: PaymentStatus })[]>(
      `WITH locked AS MATERIALIZED (SELECT id, status FROM intents WHERE id = $1 FOR NO KEY UPDATE),
       moved AS (
         UPDATE intents i SET status = $2, updated_at = now()${sets.map((set) => `, ${set}`).join('')}
           FROM locked l
          WHERE i.id = l.id AND l.status = ANY($3::varchar[]) RETURNING i.*, l.status AS previous_status
       ), recorded AS (
         INSERT INTO intent_transitions (intent_id, from_status, to_status, cause)
         SELECT id, previous_status, $2, $${values.length} FROM moved
       )
       SELECT * FROM moved`,
      values,
    );
    const moved = rows[0];
    if (!moved) return undefined;
    const { previous_status: previous, ...row } = moved;

    return { row, previous };
  }

  /**
   * Open intents for reconciliation: waiting on a provider or a wallet answer since before `staleBefore`,
   * or past their expiry. Cash is waited for as long as delivery takes; a wallet hold until its expiry.
   * No lock: each settlement is a conditional transition, so two replicas settling one intent apply it once.
   */
  async findStale(manager: EntityManager, staleBefore: Date, limit: number): Promise<IntentRow[]> {
    return manager.query<IntentRow[]>(
      `SELECT * FROM intents
       WHERE status IN ('pending', 'processing')
         AND method <> 'cash_on_delivery'
         AND (updated_at < $1 OR expires_at < now())
         AND NOT (method = 'wallet' AND capture_mode = 'manual' AND status = 'processing' AND expires_at >= now())
       ORDER BY updated_at LIMIT $2`,
      [staleBefore, limit],
    );
  }

  async findByPayer(manager: EntityManager, payerId: string): Promise<IntentRow[]> {
    return manager.query<IntentRow[]>('SELECT * FROM intents WHERE payer_id = $1 ORDER BY created_at, id', [
      payerId,
    ]);
  }

  /** Keeps the money records; drops what identifies the payer beyond the (erased) account id. */
  async anonymisePayer(manager: EntityManager, payerId: string): Promise<number> {
    const [, count] = await manager.query<Changed<{ id: string }>>(
      `UPDATE intents SET payer_phone = NULL, next_action = NULL, description = NULL, updated_at = now()
       WHERE payer_id = $1 RETURNING id`,
      [payerId],
    );
    await manager.query(
      `UPDATE webhooks SET raw_body = NULL, headers = NULL
       WHERE intent_id IN (SELECT id FROM intents WHERE payer_id = $1)`,
      [payerId],
    );
    await manager.query(
      'UPDATE sandbox_payments SET phone = NULL WHERE intent_id IN (SELECT id FROM intents WHERE payer_id = $1)',
      [payerId],
    );

    return count;
  }
}
