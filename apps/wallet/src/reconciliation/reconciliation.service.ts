import { Injectable } from '@nestjs/common';
import type { ReconciliationDifference, ReconciliationReport } from '@ecom/contracts';
import { DataSource } from 'typeorm';

/**
 * Recomputes the ledger from its postings, in one snapshot: every account's balance against the sum of
 * its postings, every active hold total against the holds, every entry and the whole against zero.
 */
@Injectable()
export class ReconciliationService {
  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<ReconciliationReport> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const differences = await manager.query<ReconciliationDifference[]>(
        `SELECT a.id AS account_id, a.code, a.balance::float8 AS stored_balance,
                COALESCE(p.total, 0)::float8 AS computed_balance
           FROM accounts a
           LEFT JOIN (SELECT account_id, sum(amount) AS total FROM postings GROUP BY account_id) p
             ON p.account_id = a.id
          WHERE a.balance <> COALESCE(p.total, 0)
             OR a.held <> COALESCE((SELECT sum(h.amount) FROM holds h WHERE h.account_id = a.id AND h.status = 'held'), 0)
          ORDER BY a.code`,
      );
      const unbalanced = await manager.query<{ entry_id: string }[]>(
        'SELECT entry_id FROM postings GROUP BY entry_id HAVING sum(amount) <> 0 LIMIT 100',
      );
      const [totals] = await manager.query<{ accounts: number; entries: number; postings_total: number }[]>(
        `SELECT (SELECT count(*) FROM accounts)::int AS accounts,
                (SELECT count(*) FROM journal_entries)::int AS entries,
                (SELECT COALESCE(sum(amount), 0) FROM postings)::float8 AS postings_total`,
      );
      const postingsTotal = totals?.postings_total ?? 0;

      return {
        accounts_checked: totals?.accounts ?? 0,
        entries_checked: totals?.entries ?? 0,
        postings_total: postingsTotal,
        unbalanced_entries: unbalanced.map((row) => row.entry_id),
        differences,
        ok: differences.length === 0 && unbalanced.length === 0 && postingsTotal === 0,
        checked_at: new Date().toISOString(),
      };
    });
  }
}
