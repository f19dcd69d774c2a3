import { etagOf, matchesEtag } from './catalogue-cache.interceptor';

describe('catalogue ETags', () => {
  it('gives equal bodies the same weak tag and different bodies different ones', () => {
    expect(etagOf({ items: [1, 2] })).toBe(etagOf({ items: [1, 2] }));
    expect(etagOf({ items: [1, 2] })).not.toBe(etagOf({ items: [2, 1] }));
    expect(etagOf({})).toMatch(/^W\/"[\w-]+"$/);
  });

  it('matches If-None-Match lists, strong or weak forms, and *', () => {
    const etag = etagOf({ a: 1 });

    expect(matchesEtag(`"x", ${etag}`, etag)).toBe(true);
    expect(matchesEtag(etag.replace('W/', ''), etag)).toBe(true);
    expect(matchesEtag('*', etag)).toBe(true);
    expect(matchesEtag('"other"', etag)).toBe(false);
    expect(matchesEtag(undefined, etag)).toBe(false);
  });
});
