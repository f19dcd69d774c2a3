import { encodeCursor } from '../paging/page-cursor';
import { buildSearch, modeOfCursor, nameWords } from './product-search';

describe('buildSearch', () => {
  it('binds every value as a parameter, never in the SQL text', () => {
    const query = buildSearch(
      {
        search: "fût'; DROP TABLE products; --",
        min_price: 100,
        spec: ['wood_type:chêne'],
        category: 'futs',
      },
      'fts',
      20,
    );

    expect(query.sql).not.toContain('DROP');
    expect(query.sql).not.toContain('chêne');
    expect(query.params).toEqual([
      "fût'; DROP TABLE products; --",
      'fut',
      'drop',
      'table',
      'products',
      'futs',
      100,
      'wood_type',
      'chêne',
      21,
    ]);
  });

  it('sorts by relevance when searching and by newest otherwise', () => {
    expect(buildSearch({ search: 'riz' }, 'fts', 20).sort).toBe('relevance');
    expect(buildSearch({}, 'fts', 20).sort).toBe('newest');
    expect(buildSearch({ sort: 'relevance' }, 'fts', 20).sort).toBe('newest');
    expect(buildSearch({ search: 'riz', sort: 'price_asc' }, 'fts', 20).sql).toMatch(
      /ORDER BY p\.price ASC, p\.id ASC/,
    );
  });

  it('continues after the cursor’s keys in the sort’s direction', () => {
    const cursor = encodeCursor({ sort: 'fts:price_desc', values: ['5000', 'a1b2'] });
    const query = buildSearch({ sort: 'price_desc', cursor }, 'fts', 10);

    expect(query.sql).toContain('(p.price, p.id) < ($1::bigint, $2::uuid)');
    expect(query.params).toEqual(['5000', 'a1b2', 11]);
  });

  it('keeps the next pages of a misspelt search in similarity mode', () => {
    const cursor = encodeCursor({ sort: 'fuzzy:relevance', values: ['0.7', 'a1b2'] });

    expect(modeOfCursor(cursor)).toBe('fuzzy');
    expect(modeOfCursor(undefined)).toBe('fts');
    expect(buildSearch({ search: 'tonneu', cursor }, 'fuzzy', 20).sql).toContain('<%');
  });

  it('gives the typed words as the name key holds them: lower case, no accents, at most five', () => {
    expect(nameWords('Fût de CHÊNE, fût')).toEqual(['fut', 'de', 'chene']);
    expect(nameWords('a b c d e f g h')).toEqual([]);
    expect(nameWords('un deux trois quatre cinq six')).toHaveLength(5);
  });
});
