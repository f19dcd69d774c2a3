import { join } from 'node:path';

import { normalizePhone } from '../phone/phone-number';
import { passwordProblems } from '../security/password-policy';
import { DEMO_USERS } from './demo-data';

describe('demo users', () => {
  it('are the accounts npm start prints', async () => {
    const printed = (await import(
      join(__dirname, '..', '..', '..', '..', 'tools', 'start', 'demo-accounts')
    )) as {
      DEMO_ACCOUNTS: unknown[];
    };

    expect(printed.DEMO_ACCOUNTS).toEqual(
      DEMO_USERS.map(({ role, phone, email, password }) => ({ role, phone, email, password })),
    );
  });

  it('have one account of each kind, a B2B client among them, with valid phones and passwords', () => {
    expect(new Set(DEMO_USERS.map((user) => user.role))).toEqual(
      new Set(['admin', 'client', 'driver', 'store_owner']),
    );
    expect(DEMO_USERS.some((user) => user.role === 'client' && user.company_name)).toBe(true);
    for (const user of DEMO_USERS) {
      expect(normalizePhone(user.phone)).toBe(user.phone);
      expect(passwordProblems(user.password, user)).toEqual([]);
    }
  });
});
