import { DomainError } from '@ecom/platform';

import { maskIdentifier, normalizeIdentifier } from './identifiers';

describe('saved method identifiers', () => {
  it('masks a Togolese mobile money phone written any way as +228 90 •• •• 56', () => {
    const phone = normalizeIdentifier('mobile_money', 'yas', '90 12 34 56');

    expect(phone).toBe('+22890123456');
    expect(maskIdentifier('mobile_money', phone)).toBe('+228 90 •• •• 56');
  });

  it('masks a card to its last four digits and an IBAN to its ends', () => {
    expect(maskIdentifier('card', normalizeIdentifier('card', 'visa', '4242 4242 4242 4242'))).toBe(
      '•••• 4242',
    );
    expect(
      maskIdentifier(
        'bank_account',
        normalizeIdentifier('bank_account', 'pispi', 'tg53 tg00 9060 4310 3465 0040 0070'),
      ),
    ).toBe('TG53 •••• 0070');
  });

  it.each([
    ['mobile_money', 'flooz', '123'],
    ['card', 'visa', '4242'],
    ['bank_account', 'pispi', 'not an iban'],
    ['card', 'yas', '4242424242424242'],
    ['mobile_money', 'visa', '+22890123456'],
  ] as const)('refuses a %s identifier %s/%s with VALIDATION_FAILED', (type, provider, identifier) => {
    let code: string | undefined;
    try {
      normalizeIdentifier(type, provider, identifier);
    } catch (error) {
      code = error instanceof DomainError ? error.code : 'other';
    }
    expect(code).toBe('VALIDATION_FAILED');
  });
});
