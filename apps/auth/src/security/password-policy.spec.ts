import { DomainError } from '@ecom/platform';

import { assertStrongPassword, passwordProblems } from './password-policy';

describe('password policy', () => {
  it('accepts a long, uncommon password', () => {
    expect(passwordProblems('Kpalime-Plateau-42')).toEqual([]);
  });

  it('refuses one shorter than 8 characters', () => {
    expect(passwordProblems('Ab3$xyz')).toEqual(['must be at least 8 characters long']);
  });

  it.each(['password', 'AZERTYUIOP', 'motdepasse', '12345678', 'togo2025', 'aaaaaaaaaa'])(
    'refuses the common password %p',
    (password) => {
      expect(passwordProblems(password)).toContain('is too common');
    },
  );

  it('refuses a password holding the phone number or the email name', () => {
    expect(passwordProblems('my90123456pass', { phone: '+22890123456' })).toContain(
      'must not contain the phone number or the email',
    );
    expect(passwordProblems('kossi.mensah!!', { email: 'Kossi.Mensah@example.tg' })).toContain(
      'must not contain the phone number or the email',
    );
  });

  it('throws AUTH_WEAK_PASSWORD with each problem as a field error', () => {
    expect(() => {
      assertStrongPassword('short');
    }).toThrow(DomainError);
    try {
      assertStrongPassword('short');
    } catch (error) {
      expect(error).toMatchObject({
        code: 'AUTH_WEAK_PASSWORD',
        errors: [{ field: 'password', message: 'must be at least 8 characters long' }],
      });
    }
  });
});
