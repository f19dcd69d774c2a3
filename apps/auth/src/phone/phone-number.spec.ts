import { DomainError } from '@ecom/platform';

import { maskPhone, normalizePhone } from './phone-number';

describe('normalizePhone', () => {
  it.each(['90 12 34 56', '+22890123456', '+228 90 12 34 56', '0022890123456', ' 90-12-34-56 '])(
    'reads %p as the Togolese number +22890123456',
    (input) => {
      expect(normalizePhone(input)).toBe('+22890123456');
    },
  );

  it('keeps numbers of other countries written with their code', () => {
    expect(normalizePhone('+233 24 123 4567')).toBe('+233241234567');
  });

  it.each(['12345', '90 12 34', '+228 00 00 00 00', 'not a phone', '', '+999 12345678'])(
    'refuses %p with AUTH_PHONE_INVALID',
    (input) => {
      expect(() => normalizePhone(input)).toThrow(DomainError);
      try {
        normalizePhone(input);
      } catch (error) {
        expect((error as DomainError).code).toBe('AUTH_PHONE_INVALID');
      }
    },
  );

  it('masks all but the country code and the last two digits', () => {
    expect(maskPhone('+22890123456')).toBe('+228****56');
  });
});
