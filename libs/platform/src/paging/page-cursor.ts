import { DomainError } from '../errors/domain-error';

/**
 * Where a page ends, in a listing ordered by time then id, both descending: keyset pagination on them
 * repeats and skips nothing however many rows arrive meanwhile. Opaque to clients (base64url JSON).
 */
export interface PageCursor {
  created_at: string;
  id: string;
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): PageCursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<PageCursor>;
    if (typeof cursor.created_at === 'string' && typeof cursor.id === 'string') return cursor as PageCursor;
  } catch {
    // Falls through to the validation error: a cursor is opaque to clients, any other text is theirs.
  }
  throw new DomainError('VALIDATION_FAILED', 'cursor is not valid', undefined, [
    { field: 'cursor', message: 'cursor is not valid' },
  ]);
}

/** Cuts `limit + 1` rows to a page and the cursor of the next one. */
export function pageOf<T extends { id: string }>(
  rows: T[],
  limit: number,
  time: (row: T) => Date,
): { rows: T[]; next: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);

  return {
    rows: page,
    next:
      rows.length > limit && last
        ? encodeCursor({ created_at: time(last).toISOString(), id: last.id })
        : null,
  };
}
