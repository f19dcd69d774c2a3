import { DomainError } from '@ecom/platform';

/** Where a page ends, in the listing's order (`created_at DESC, id DESC`). */
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
