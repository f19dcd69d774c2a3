import type { ProductSort, SearchProductsRequest } from '@ecom/contracts';

import { decodeCursor, type PageCursor } from '../paging/page-cursor';

/**
 * `fts`: French full-text search (stems, no accents) over name, description and specification values.
 * `fuzzy`: trigram word similarity on the name, tried when full text finds nothing (typos: "chenne").
 */
export type SearchMode = 'fts' | 'fuzzy';

export interface SearchQuery {
  sql: string;
  params: unknown[];
  /** The sort the cursor of this page is tagged with. */
  cursorSort: string;
  sort: ProductSort;
}

interface SortSpec {
  /** SQL of each key, id last; `rank` is the relevance computed in the select list. */
  keys: string[];
  casts: string[];
  desc: boolean;
}

const SORTS: Record<Exclude<ProductSort, 'relevance'> | 'relevance', SortSpec> = {
  relevance: { keys: ['rank', 'p.id'], casts: ['real', 'uuid'], desc: true },
  price_asc: { keys: ['p.price', 'p.id'], casts: ['bigint', 'uuid'], desc: false },
  price_desc: { keys: ['p.price', 'p.id'], casts: ['bigint', 'uuid'], desc: true },
  newest: { keys: ['p.created_at', 'p.id'], casts: ['timestamptz', 'uuid'], desc: true },
  rating: { keys: ['p.rating', 'p.id'], casts: ['numeric', 'uuid'], desc: true },
};

export const PRODUCT_COLUMNS = `p.id, p.store_id, s.name AS store_name, p.category_id, c.name AS category_name,
  c.slug AS category_slug, p.name, p.description, p.price, p.stock_quantity, p.low_stock_threshold, p.is_active,
  p.images, p.specifications, p.rating, p.created_at, p.updated_at, to_json(p.created_at) #>> '{}' AS created_key`;

/** Up to five typed words, lower case without accents, as `name_key` holds the name. */
export function nameWords(text: string): string[] {
  const plain = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

  return [...new Set(plain.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 2))].slice(0, 5);
}

/** The keyset of a row in `sort`: what the next page starts after. */
export function cursorOf(
  row: { id: string; price: string; created_key: string; rating: string; rank: string | null },
  sort: ProductSort,
  cursorSort: string,
): PageCursor {
  const key = {
    relevance: row.rank ?? '0',
    price_asc: row.price,
    price_desc: row.price,
    newest: row.created_key,
    rating: row.rating,
  }[sort];

  return { sort: cursorSort, values: [key, row.id] };
}

/** One page of the public product search as SQL: filters, sort and keyset, all parameters bound. */
export function buildSearch(request: SearchProductsRequest, mode: SearchMode, limit: number): SearchQuery {
  const params: unknown[] = [];
  const param = (value: unknown): string => `$${params.push(value)}`;
  const text = request.search?.trim() ? request.search.trim() : undefined;
  const sort: ProductSort =
    request.sort === 'relevance' && !text ? 'newest' : (request.sort ?? (text ? 'relevance' : 'newest'));
  const where = ['p.is_active', 'p.deleted_at IS NULL', 's.is_active'];
  let rank = 'NULL::real';
  if (text !== undefined) {
    const words = param(text);
    if (mode === 'fts') {
      const query = `websearch_to_tsquery('french', immutable_unaccent(${words}))`;
      where.push(`p.search_vector @@ ${query}`);
      // French drops stop words from the query ("fut" is one: passé simple of être), so each typed word
      // found in the name adds a little: "Fût de chêne" comes before another chêne for "fut chene".
      const bonus = nameWords(text).map((word) => `(strpos(p.name_key, ${param(word)}) > 0)::int`);
      rank = `(ts_rank(p.search_vector, ${query})${bonus.length > 0 ? ` + 0.1 * (${bonus.join(' + ')})` : ''})::real`;
    } else {
      const typed = `immutable_unaccent(lower(${words}))`;
      where.push(`${typed} <% p.name_key`);
      rank = `word_similarity(${typed}, p.name_key)`;
    }
  }
  if (request.category) {
    where.push(
      `p.category_id = (SELECT id FROM categories WHERE slug = ${param(request.category)} OR id::text = $${params.length})`,
    );
  }
  if (request.store_id) where.push(`p.store_id = ${param(request.store_id)}`);
  if (request.min_price !== undefined) where.push(`p.price >= ${param(request.min_price)}`);
  if (request.max_price !== undefined) where.push(`p.price <= ${param(request.max_price)}`);
  if (request.in_stock === true) where.push('p.stock_quantity > 0');
  if (request.in_stock === false) where.push('p.stock_quantity = 0');
  for (const filter of request.spec ?? []) {
    const colon = filter.indexOf(':');
    where.push(
      `immutable_unaccent(lower(p.specifications ->> ${param(filter.slice(0, colon))})) = immutable_unaccent(lower(${param(filter.slice(colon + 1))}))`,
    );
  }
  const spec = SORTS[sort];
  const cursorSort = `${mode}:${sort}`;
  const keys = spec.keys.map((key) => (key === 'rank' ? rank : key));
  if (request.cursor) {
    const values = decodeCursor(request.cursor, cursorSort, 2);
    const bound = values.map((value, index) => `${param(value)}::${spec.casts[index] ?? 'text'}`);
    where.push(`(${keys.join(', ')}) ${spec.desc ? '<' : '>'} (${bound.join(', ')})`);
  }
  const direction = spec.desc ? 'DESC' : 'ASC';
  const sql = `SELECT ${PRODUCT_COLUMNS}, (${rank})::text AS rank
      FROM products p JOIN stores s ON s.id = p.store_id LEFT JOIN categories c ON c.id = p.category_id
     WHERE ${where.join(' AND ')}
     ORDER BY ${keys.map((key) => `${key} ${direction}`).join(', ')}
     LIMIT ${param(limit + 1)}`;

  return { sql, params, cursorSort, sort };
}

/** The mode a page was made in: the next pages of a fuzzy search stay fuzzy. */
export function modeOfCursor(cursor: string | undefined): SearchMode {
  if (!cursor) return 'fts';
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;

    return Array.isArray(parsed) && String(parsed[0]).startsWith('fuzzy:') ? 'fuzzy' : 'fts';
  } catch {
    // decodeCursor answers the validation error.
    return 'fts';
  }
}
