import { requestHash } from './canonical-hash';

describe('request fingerprint', () => {
  it('is the same whatever the order of keys, nested ones included', () => {
    expect(requestHash({ a: 1, b: { y: 2, x: 'z' } })).toBe(requestHash({ b: { x: 'z', y: 2 }, a: 1 }));
  });

  it('changes with any value, and ignores absent optional fields', () => {
    expect(requestHash({ amount: 10000 })).not.toBe(requestHash({ amount: 10001 }));
    expect(requestHash({ amount: 1, note: undefined })).toBe(requestHash({ amount: 1 }));
  });
});
