import { createHash } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { DomainError, inTransaction, preparedQuery, type PreparedStatement } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

const CLAIM: PreparedStatement = {
  name: 'wallet.operations.claim',
  text: `INSERT INTO operations (scope, key, request_hash) VALUES ($1, $2, $3)
           ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
};
const FIRST: PreparedStatement = {
  name: 'wallet.operations.first',
  text: 'SELECT request_hash, result FROM operations WHERE scope = $1 AND key = $2',
};
const STORE_RESULT: PreparedStatement = {
  name: 'wallet.operations.store-result',
  text: 'UPDATE operations SET result = $3 WHERE scope = $1 AND key = $2',
};

/** JSON with object keys sorted, so that the same request always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }

  return JSON.stringify(value);
}

export function requestHash(request: unknown): string {
  return createHash('sha256').update(canonical(request)).digest('hex');
}

/**
 * Applies an operation once per (scope, key). The key row is the first write of the transaction: a
 * concurrent retry blocks on its unique index until the first commits, then reads the stored answer; if
 * the first rolled back (a refusal), the retry runs afresh. The same key with another request is refused.
 */
@Injectable()
export class Idempotency {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(
    scope: string,
    key: string,
    request: unknown,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const hash = requestHash(request);

    return inTransaction(this.dataSource, async (manager) => {
      const claimed = await preparedQuery<unknown[]>(manager, CLAIM, [scope, key, hash]);
      if (claimed.length === 0) {
        const [first] = await preparedQuery<{ request_hash: string; result: T | null }[]>(manager, FIRST, [
          scope,
          key,
        ]);
        if (!first || first.request_hash !== hash) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
        if (first.result === null) throw new DomainError('IDEMPOTENCY_IN_PROGRESS');

        return first.result;
      }
      const result = await work(manager);
      await preparedQuery(manager, STORE_RESULT, [scope, key, JSON.stringify(result)]);

      return result;
    });
  }
}
