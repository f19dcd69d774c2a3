import { Injectable } from '@nestjs/common';
import type { WalletStatus } from '@ecom/contracts';
import { preparedQuery, type PreparedStatement } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import type { Account } from '../ledger/account';

export interface WalletRow {
  account_id: string;
  user_id: string;
  status: WalletStatus;
  single_transaction_max: number | null;
  daily_limit: number | null;
  monthly_limit: number | null;
  holder_name: string | null;
  holder_phone: string | null;
  created_at: Date;
}

/** The locked accounts of a payment, their wallets and the payer's spending. */
export interface PaymentState {
  accounts: Map<string, Account>;
  wallets: Map<string, WalletRow>;
  spending: { daily: number; monthly: number };
}

export interface Holder {
  name: string | null;
  phone: string | null;
}

const WALLET_COLUMNS = `w.account_id, w.user_id, w.status, w.single_transaction_max::float8 AS single_transaction_max,
  w.daily_limit::float8 AS daily_limit, w.monthly_limit::float8 AS monthly_limit, w.holder_name, w.holder_phone,
  w.created_at`;

/** The rolling day and the Africa/Lome calendar month the limits count, as of the transaction's start. */
const SPENDING_BOUNDS = `bounds AS (
  SELECT now() - interval '24 hours' AS day_start,
         date_trunc('month', now() AT TIME ZONE 'Africa/Lome') AT TIME ZONE 'Africa/Lome' AS month_start)`;

/** The debits of the postings `joined` (an SQL condition) selects, in the rolling day and in the month. */
function spendingSql(joined: string): string {
  return `SELECT COALESCE(sum(-p.amount) FILTER (WHERE p.created_at > b.day_start), 0)::float8 AS daily,
                 COALESCE(sum(-p.amount) FILTER (WHERE p.created_at >= b.month_start), 0)::float8 AS monthly
            FROM bounds b
            LEFT JOIN postings p ON ${joined} AND p.amount < 0 AND p.created_at >= least(b.day_start, b.month_start)`;
}

/** The wallets of a payment (payer first) and the payer's debits of the rolling day and the Lomé month. */
const PAYMENT_STATE: PreparedStatement = {
  name: 'wallet.wallets.payment-state',
  text: `WITH ${SPENDING_BOUNDS}
         SELECT ${WALLET_COLUMNS}, s.daily, s.monthly
           FROM wallets w
           CROSS JOIN LATERAL (${spendingSql('w.account_id = $1 AND p.account_id = w.account_id')}) s
          WHERE w.account_id = ANY($2::uuid[])`,
};

/**
 * The accounts of a payment locked in id order (payer and, for a transfer, receiver) with their wallets
 * and the payer's spending, in one round trip. The spending is read from the statement's snapshot, taken
 * before the lock was granted: `seen_whole` says whether the payer's row is still the version that
 * snapshot saw. Every posting moves its account's balance, so when it is, no posting of the payer is
 * missing from the sum; when it is not (another payment committed while this one waited for the lock),
 * the caller reads the spending again.
 */
const LOCK_TO_PAY: PreparedStatement = {
  name: 'wallet.wallets.lock-to-pay',
  text: `WITH locked AS MATERIALIZED (
           SELECT id, kind, balance::float8 AS balance, held::float8 AS held, xmin AS version
             FROM accounts WHERE id = ANY($2::uuid[]) ORDER BY id FOR UPDATE),
         ${SPENDING_BOUNDS}
         SELECT l.id, l.kind, l.balance, l.held,
                l.version = (SELECT a.xmin FROM accounts a WHERE a.id = l.id) AS seen_whole,
                ${WALLET_COLUMNS}, s.daily, s.monthly
           FROM locked l
           JOIN wallets w ON w.account_id = l.id
           CROSS JOIN LATERAL (${spendingSql('l.id = $1 AND p.account_id = l.id')}) s`,
};

/** Wallets (a user's account in the ledger, its status and limit overrides): SQL only, no rules. */
@Injectable()
export class WalletsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByUser(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<WalletRow | undefined> {
    const rows = await manager.query<WalletRow[]>(
      `SELECT ${WALLET_COLUMNS} FROM wallets w WHERE w.user_id = $1`,
      [userId],
    );

    return rows[0];
  }

  async findByAccounts(manager: EntityManager, accountIds: string[]): Promise<Map<string, WalletRow>> {
    const rows = await manager.query<WalletRow[]>(
      `SELECT ${WALLET_COLUMNS} FROM wallets w WHERE w.account_id = ANY($1::uuid[])`,
      [accountIds],
    );

    return new Map(rows.map((row) => [row.account_id, row]));
  }

  /** Opens the user's wallet (account and wallet row in one statement); false when it already existed. */
  async open(manager: EntityManager, userId: string, holder: Holder): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `WITH account AS (
         INSERT INTO accounts (code, kind) VALUES ('wallet:' || $1::text, 'user_wallet')
         ON CONFLICT (code) DO NOTHING RETURNING id)
       INSERT INTO wallets (account_id, user_id, holder_name, holder_phone)
       SELECT id, $1::uuid, $2, $3 FROM account RETURNING account_id`,
      [userId, holder.name, holder.phone],
    );
    if (rows.length === 0) {
      // Opened earlier by a credit that arrived before the registration: learn who holds it now.
      await manager.query(
        `UPDATE wallets SET holder_name = COALESCE(holder_name, $2), holder_phone = COALESCE(holder_phone, $3)
          WHERE user_id = $1 AND anonymised_at IS NULL`,
        [userId, holder.name, holder.phone],
      );
    }

    return rows.length > 0;
  }

  /** What a payment checks, under the locks of its accounts (see LOCK_TO_PAY). */
  async lockForPayment(
    manager: EntityManager,
    payerAccountId: string,
    otherAccountIds: string[],
  ): Promise<PaymentState> {
    const rows = await preparedQuery<
      (WalletRow & Account & { seen_whole: boolean; daily: number; monthly: number })[]
    >(manager, LOCK_TO_PAY, [payerAccountId, [payerAccountId, ...otherAccountIds]]);
    const accounts = new Map(
      rows.map((row): [string, Account] => [
        row.id,
        { id: row.id, kind: row.kind, balance: row.balance, held: row.held },
      ]),
    );
    const payer = rows.find((row) => row.id === payerAccountId);
    if (payer && !payer.seen_whole)
      return { accounts, ...(await this.paymentState(manager, payerAccountId, otherAccountIds)) };

    return {
      accounts,
      wallets: new Map(rows.map((row) => [row.account_id, row])),
      spending: { daily: payer?.daily ?? 0, monthly: payer?.monthly ?? 0 },
    };
  }

  /**
   * The wallets of these accounts, and for the payer's the debits of the rolling day and of the
   * Africa/Lome calendar month, from its postings: one round trip for everything a payment checks.
   */
  private async paymentState(
    manager: EntityManager,
    payerAccountId: string,
    otherAccountIds: string[] = [],
  ): Promise<Omit<PaymentState, 'accounts'>> {
    const rows = await preparedQuery<(WalletRow & { daily: number; monthly: number })[]>(
      manager,
      PAYMENT_STATE,
      [payerAccountId, [payerAccountId, ...otherAccountIds]],
    );
    const payer = rows.find((row) => row.account_id === payerAccountId);

    return {
      wallets: new Map(rows.map((row) => [row.account_id, row])),
      spending: { daily: payer?.daily ?? 0, monthly: payer?.monthly ?? 0 },
    };
  }

  /** Debits of the rolling day and of the Africa/Lome calendar month, from the wallet's postings. */
  async spending(manager: EntityManager, accountId: string): Promise<{ daily: number; monthly: number }> {
    const [row] = await manager.query<{ daily: number; monthly: number }[]>(
      `WITH ${SPENDING_BOUNDS} ${spendingSql('p.account_id = $1')}`,
      [accountId],
    );

    return row ?? { daily: 0, monthly: 0 };
  }

  /** First wins: the status changes only from the expected one. */
  async setStatus(userId: string, from: WalletStatus, to: WalletStatus): Promise<boolean> {
    const [rows] = await this.dataSource.query<[unknown[], number]>(
      'UPDATE wallets SET status = $3, updated_at = now() WHERE user_id = $1 AND status = $2 RETURNING user_id',
      [userId, from, to],
    );

    return rows.length > 0;
  }

  async setLimits(
    userId: string,
    limits: Partial<Record<'single_transaction_max' | 'daily_limit' | 'monthly_limit', number | null>>,
  ): Promise<boolean> {
    const columns = (['single_transaction_max', 'daily_limit', 'monthly_limit'] as const).filter(
      (column) => limits[column] !== undefined,
    );
    if (columns.length === 0) return (await this.findByUser(userId)) !== undefined;
    const [rows] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE wallets SET ${columns.map((column, index) => `${column} = $${index + 2}`).join(', ')},
         updated_at = now() WHERE user_id = $1 RETURNING user_id`,
      [userId, ...columns.map((column) => limits[column])],
    );

    return rows.length > 0;
  }

  /** RGPD erasure: the holder is forgotten and the wallet closed; its ledger stays, under the bare id. */
  async anonymise(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      `UPDATE wallets SET holder_name = NULL, holder_phone = NULL, status = 'closed', anonymised_at = now(),
         updated_at = now() WHERE user_id = $1`,
      [userId],
    );
  }
}
