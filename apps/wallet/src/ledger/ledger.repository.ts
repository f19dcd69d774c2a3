import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import type { Currency, Payee, TransactionCategory } from '@ecom/contracts';
import { preparedQuery, type PreparedStatement } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import type { Account, AccountKind } from './account';

export type EntryKind = 'credit' | 'debit' | 'transfer' | 'capture' | 'refund' | 'cash_commission';

export interface NewEntry {
  id?: string;
  kind: EntryKind;
  category: TransactionCategory;
  currency: Currency;
  amount: number;
  commission_amount?: number;
  gross_amount?: number | null;
  payee?: Payee | null;
  description?: string | null;
  reference?: string | null;
  related_service_id?: string | null;
  payment_method?: string | null;
  original_entry_id?: string | null;
  hold_id?: string | null;
}

/** One side of an entry: signed, in minor units. The legs of an entry sum to zero. */
export interface Leg {
  accountId: string;
  amount: number;
}

export interface EntryRow {
  id: string;
  kind: EntryKind;
  category: TransactionCategory;
  currency: Currency;
  amount: number;
  commission_amount: number;
  gross_amount: number | null;
  payee_type: Payee['type'] | null;
  payee_id: string | null;
  description: string | null;
  reference: string | null;
  related_service_id: string | null;
  payment_method: string | null;
  original_entry_id: string | null;
  created_at: Date;
}

export interface PostedEntry {
  id: string;
  created_at: Date;
  /** Balance of each account after this entry, by account id. */
  balances: Map<string, number>;
}

const ENTRY_COLUMNS = `e.id, e.kind, e.category, e.currency, e.amount::float8 AS amount,
  e.commission_amount::float8 AS commission_amount, e.gross_amount::float8 AS gross_amount, e.payee_type,
  e.payee_id, e.description, e.reference, e.related_service_id, e.payment_method, e.original_entry_id,
  e.created_at`;

const LOCK_ACCOUNTS: PreparedStatement = {
  name: 'wallet.ledger.lock-accounts',
  text: `SELECT id, kind, balance::float8 AS balance, held::float8 AS held FROM accounts
          WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
};

/** One statement: the entry, its postings and the balances they move (the accounts are locked). */
const POST_ENTRY: PreparedStatement = {
  name: 'wallet.ledger.post-entry',
  text: `WITH entry AS (
         INSERT INTO journal_entries (id, kind, category, currency, amount, commission_amount, gross_amount,
           payee_type, payee_id, description, reference, related_service_id, payment_method, original_entry_id,
           hold_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id, created_at),
       posted AS (
         INSERT INTO postings (entry_id, account_id, amount, balance_after, created_at)
         SELECT entry.id, m.account_id, m.amount, m.balance_after, entry.created_at
           FROM entry, unnest($16::uuid[], $17::bigint[], $18::bigint[]) AS m(account_id, amount, balance_after)),
       moved AS (
         UPDATE accounts a SET balance = a.balance + m.amount
           FROM unnest($16::uuid[], $17::bigint[]) AS m(account_id, amount) WHERE a.id = m.account_id)
       SELECT created_at FROM entry`,
};

/** Where the money of a payee (store or driver) is owed, in the ledger. */
export function payeeAccountCode(payee: Payee): string {
  return `payable:${payee.type}:${payee.id}`;
}

/** Accounts, journal entries and postings: SQL only, no rules. */
@Injectable()
export class LedgerRepository {
  /** Account ids never change once created: system and payee accounts are looked up once per process. */
  private readonly ids = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * The id of the account with this code, created on first use. Runs on its own connection, outside any
   * transaction: an account created for an operation that then fails is an empty account, harmless.
   */
  async accountId(code: string, kind: AccountKind): Promise<string> {
    const known = this.ids.get(code);
    if (known) return known;
    await this.dataSource.query(
      'INSERT INTO accounts (code, kind) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING',
      [code, kind],
    );
    const rows = await this.dataSource.query<{ id: string }[]>('SELECT id FROM accounts WHERE code = $1', [
      code,
    ]);
    const id = rows[0]?.id;
    if (!id) throw new Error(`Account ${code} could not be created`);
    this.ids.set(code, id);

    return id;
  }

  payeeAccountId(payee: Payee): Promise<string> {
    return this.accountId(
      payeeAccountCode(payee),
      payee.type === 'store' ? 'store_payable' : 'driver_payable',
    );
  }

  /**
   * Locks user wallets, always in id order: two entries on the same wallets (A→B and B→A) queue behind
   * each other instead of deadlocking. The other accounts of an entry (commission revenue, payables,
   * clearing: shared by many payments) are locked by `post`, last and in id order too, so that they are
   * held only for the few statements before commit. Every transaction takes wallets first, then those:
   * no two can wait for each other in a cycle.
   */
  async lock(manager: EntityManager, walletAccountIds: string[]): Promise<Map<string, Account>> {
    return new Map((await this.lockInOrder(manager, walletAccountIds)).map((row) => [row.id, row]));
  }

  /** Moves the hold amount of a locked account (positive: hold placed, negative: hold ended). */
  async changeHeld(manager: EntityManager, account: Account, delta: number): Promise<void> {
    await manager.query('UPDATE accounts SET held = held + $2 WHERE id = $1', [account.id, delta]);
    account.held += delta;
  }

  /**
   * Writes an entry and its postings and moves the balances of its accounts, in the caller's transaction;
   * accounts not locked yet (the shared ones) are locked now, in id order. Legs of the same account are
   * merged; the database checks at commit that they sum to zero.
   */
  async post(
    manager: EntityManager,
    entry: NewEntry,
    legs: Leg[],
    accounts: Map<string, Account>,
  ): Promise<PostedEntry> {
    const merged = new Map<string, number>();
    for (const leg of legs) merged.set(leg.accountId, (merged.get(leg.accountId) ?? 0) + leg.amount);
    const moves = [...merged].filter(([, amount]) => amount !== 0);
    if (moves.reduce((sum, [, amount]) => sum + amount, 0) !== 0) {
      throw new Error('A journal entry must sum to zero');
    }
    const id = entry.id ?? randomUUID();
    const unlocked = moves.map(([accountId]) => accountId).filter((accountId) => !accounts.has(accountId));
    if (unlocked.length > 0) {
      for (const row of await this.lockInOrder(manager, unlocked)) accounts.set(row.id, row);
    }
    const balances = new Map<string, number>();
    for (const [accountId, amount] of moves) {
      const account = accounts.get(accountId);
      if (!account) throw new Error(`Account ${accountId} was not locked for this entry`);
      account.balance += amount;
      balances.set(accountId, account.balance);
    }
    const accountIds = moves.map(([accountId]) => accountId);
    const [created] = await preparedQuery<{ created_at: Date }[]>(manager, POST_ENTRY, [
      id,
      entry.kind,
      entry.category,
      entry.currency,
      entry.amount,
      entry.commission_amount ?? 0,
      entry.gross_amount ?? null,
      entry.payee?.type ?? null,
      entry.payee?.id ?? null,
      entry.description ?? null,
      entry.reference ?? null,
      entry.related_service_id ?? null,
      entry.payment_method ?? null,
      entry.original_entry_id ?? null,
      entry.hold_id ?? null,
      accountIds,
      moves.map(([, amount]) => amount),
      accountIds.map((accountId) => balances.get(accountId)),
    ]);

    return { id, created_at: created?.created_at ?? new Date(), balances };
  }

  /** Row locks taken in id order: two transactions on the same accounts queue instead of deadlocking. */
  private lockInOrder(manager: EntityManager, accountIds: string[]): Promise<Account[]> {
    return preparedQuery<Account[]>(manager, LOCK_ACCOUNTS, [[...new Set(accountIds)]]);
  }

  async findEntry(
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<EntryRow | undefined> {
    const rows = await manager.query<EntryRow[]>(
      `SELECT ${ENTRY_COLUMNS} FROM journal_entries e WHERE e.id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );

    return rows[0];
  }

  /** What was already refunded of an entry, and of its commission. */
  async refundedOf(manager: EntityManager, entryId: string): Promise<{ amount: number; commission: number }> {
    const [row] = await manager.query<{ amount: number; commission: number }[]>(
      `SELECT COALESCE(sum(amount), 0)::float8 AS amount, COALESCE(sum(commission_amount), 0)::float8 AS commission
         FROM journal_entries WHERE original_entry_id = $1`,
      [entryId],
    );

    return row ?? { amount: 0, commission: 0 };
  }

  /** The user wallet an entry moved, if any. */
  async walletOf(entryId: string): Promise<{ account_id: string; user_id: string } | undefined> {
    const rows = await this.dataSource.query<{ account_id: string; user_id: string }[]>(
      `SELECT w.account_id, w.user_id FROM postings p JOIN wallets w ON w.account_id = p.account_id
        WHERE p.entry_id = $1 LIMIT 1`,
      [entryId],
    );

    return rows[0];
  }

  /** Payee lines for a statement, oldest first. */
  async payeeEntries(payee: Payee, from?: string, to?: string): Promise<EntryRow[]> {
    return this.dataSource.query<EntryRow[]>(
      `SELECT ${ENTRY_COLUMNS} FROM journal_entries e
        WHERE e.payee_type = $1 AND e.payee_id = $2
          AND ($3::timestamptz IS NULL OR e.created_at >= $3) AND ($4::timestamptz IS NULL OR e.created_at < $4)
        ORDER BY e.created_at, e.id`,
      [payee.type, payee.id, from ?? null, to ?? null],
    );
  }

  async balanceOf(code: string): Promise<number> {
    const rows = await this.dataSource.query<{ balance: number }[]>(
      'SELECT balance::float8 AS balance FROM accounts WHERE code = $1',
      [code],
    );

    return rows[0]?.balance ?? 0;
  }
}
