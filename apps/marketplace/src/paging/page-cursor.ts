import { DomainError } from '@ecom/platform';

/**
 * Where a page ends: the sort it was made for and the sort key values of its last row, ending with the
 * id. Keyset pagination on them repeats and skips nothing however many rows arrive meanwhile.
 */
export interface PageCursor {
  sort: string;
  values: (string | number)[];
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, ...cursor.values]), 'utf8').toString('base64url');
}

/** The cursor's key values, if it was made for `sort` with `arity` values; a validation error otherwise. */
export function decodeCursor(text: string, sort: string, arity: number): (string | number)[] {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(parsed) &&
      parsed[0] === sort &&
      parsed.length === arity + 1 &&
      parsed.every(
        (value): value is string | number => typeof value === 'string' || typeof value === 'number',
      )
    ) {
      return parsed.slice(1);
    }
  } catch {
    // Falls through to the validation error: a cursor is opaque to clients, any other text is theirs.
  }
  throw new DomainError('VALIDATION_FAILED', 'cursor is not valid for this listing', undefined, [
    { field: 'cursor', message: 'cursor is not valid for this listing' },
  ]);
}

/** The page's items and the cursor after its last one, from `limit + 1` fetched rows. */
export function pageOf<R, T>(
  rows: R[],
  limit: number,
  view: (row: R) => T,
  cursorOf: (row: R) => PageCursor,
): { items: T[]; next_cursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);

  return {
    items: page.map(view),
    next_cursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null,
  };
}
