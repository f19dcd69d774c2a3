import { requestHash } from './idempotency';

describe('requestHash', () => {
  it('is the same whatever the order of the keys, and ignores absent fields', () => {
    expect(requestHash({ amount: 1000, user_id: 'u', note: undefined })).toBe(
      requestHash({ user_id: 'u', amount: 1000 }),
    );
  });

  it('differs when an amount differs, even nested', () => {
    expect(requestHash({ amount: 1000 })).not.toBe(requestHash({ amount: 1001 }));
    expect(requestHash({ payee: { id: 'a' } })).not.toBe(requestHash({ payee: { id: 'b' } }));
  });
});
