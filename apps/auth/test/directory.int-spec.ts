import type { UserSummary } from '@ecom/contracts';

import { AuthKit } from './auth-kit';

const ADMIN = { user_id: '00000000-0000-4000-8000-0000000000ad', roles: ['admin' as const] };

describe('auth: lookups for other services', () => {
  let kit: AuthKit;

  beforeAll(async () => {
    kit = await AuthKit.start();
  });

  afterAll(async () => {
    await kit.stop();
  });

  it('finds an active user by phone, written as Togolese users write it', async () => {
    const account = await kit.register();
    const national = `${account.phone.slice(4, 6)} ${account.phone.slice(6, 8)} ${account.phone.slice(8, 10)} ${account.phone.slice(10)}`;

    const found = await kit.call<UserSummary>('auth.users.find-by-phone', { phone: national });

    expect(found).toEqual({
      user_id: account.user.id,
      first_name: 'Kossi',
      last_name: 'Mensah',
      phone: account.phone,
      roles: ['client'],
      status: 'active',
    });
  });

  it('answers NOT_FOUND for an unknown phone and for a suspended account', async () => {
    const account = await kit.register();
    await kit.call(
      'auth.users.set-status',
      { user_id: account.user.id, status: 'suspended' },
      { caller: ADMIN },
    );

    expect(await kit.codeOf(kit.call('auth.users.find-by-phone', { phone: '+22899999998' }))).toBe(
      'NOT_FOUND',
    );
    expect(await kit.codeOf(kit.call('auth.users.find-by-phone', { phone: account.phone }))).toBe(
      'NOT_FOUND',
    );
    expect(await kit.codeOf(kit.call('auth.users.find-by-phone', { phone: 'not a phone' }))).toBe(
      'AUTH_PHONE_INVALID',
    );
  });

  it('summarises a user by id, and an erased one no longer', async () => {
    const account = await kit.register({ user_type: 'driver' });

    const summary = await kit.call<UserSummary>('auth.users.summary', { user_id: account.user.id });
    await kit.call('auth.account.erase', {}, { caller: account.caller });

    expect(summary).toMatchObject({ user_id: account.user.id, phone: account.phone, roles: ['driver'] });
    expect(await kit.codeOf(kit.call('auth.users.summary', { user_id: account.user.id }))).toBe('NOT_FOUND');
  });
});
