import { Injectable } from '@nestjs/common';
import type { ListTransactionsRequest, WalletTransactionPage, WalletTransactionView } from '@ecom/contracts';
import { decodeCursor, pageOf } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { toTransactionView, type UserSide } from '../ledger/transaction-view';
import { WalletsService } from '../wallets/wallets.service';

const DEFAULT_PAGE = 20;

/**
 * The user's side of every entry that moved their wallet, and the recharges still waiting for (or refused
 * by) their provider, which have no posting yet. A recharge that succeeds becomes the credit entry of the
 * same id, so it is listed once whatever its state.
 */
const USER_SIDES = `
  SELECT e.id, e.category, e.currency, e.description, e.reference, e.payment_method, e.related_service_id,
         p.amount::float8 AS amount, p.balance_after::float8 AS balance_after, 'completed' AS status, p.created_at
    FROM postings p JOIN journal_entries e ON e.id = p.entry_id
   WHERE p.account_id = $1
  UNION ALL
  SELECT r.id, 'recharge', r.currency, NULL, NULL, r.method, r.payment_intent_id, r.amount::float8, NULL,
         r.status, r.created_at
    FROM recharges r
   WHERE r.user_id = $2 AND r.status <> 'succeeded'`;

@Injectable()
export class TransactionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly wallets: WalletsService,
  ) {}

  async list(userId: string, request: ListTransactionsRequest): Promise<WalletTransactionPage> {
    const wallet = await this.wallets.ensure(userId);
    const limit = request.limit ?? DEFAULT_PAGE;
    const parameters: unknown[] = [wallet.account_id, userId];
    const bind = (value: unknown): string => {
      parameters.push(value);

      return `$${parameters.length}`;
    };
    const where: string[] = [];
    if (request.type) where.push(request.type === 'credit' ? 't.amount > 0' : 't.amount < 0');
    if (request.category) where.push(`t.category = ${bind(request.category)}`);
    if (request.from) where.push(`t.created_at >= ${bind(request.from)}::timestamptz`);
    if (request.to) where.push(`t.created_at < ${bind(request.to)}::timestamptz`);
    if (request.cursor) {
      const cursor = decodeCursor(request.cursor);
      where.push(
        `(t.created_at, t.id) < (${bind(cursor.created_at)}::timestamptz, ${bind(cursor.id)}::uuid)`,
      );
    }
    const rows = await this.dataSource.query<UserSide[]>(
      `SELECT * FROM (${USER_SIDES}) t ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY t.created_at DESC, t.id DESC LIMIT ${bind(limit + 1)}`,
      parameters,
    );
    const page = pageOf(rows, limit, (row) => row.created_at);

    return { items: page.rows.map(toTransactionView), next_cursor: page.next };
  }

  /** Everything, newest first, for the RGPD export. */
  async all(userId: string): Promise<WalletTransactionView[]> {
    const wallet = await this.wallets.ensure(userId);
    const rows = await this.dataSource.query<UserSide[]>(
      `SELECT * FROM (${USER_SIDES}) t ORDER BY t.created_at DESC, t.id DESC`,
      [wallet.account_id, userId],
    );

    return rows.map(toTransactionView);
  }
}
