import type { PrivacyExportReply, UserPage, UserStatusEvent, UserView } from '@ecom/contracts';

import { AuthKit, STRONG_PASSWORD } from './auth-kit';

const ADMIN = { user_id: '00000000-0000-4000-8000-0000000000ad', roles: ['admin' as const] };

describe('auth: admin and RGPD rights', () => {
  let kit: AuthKit;

  beforeAll(async () => {
    kit = await AuthKit.start();
  });

  afterAll(async () => {
    await kit.stop();
  });

  const setStatus = (userId: string, status: string): Promise<UserView> =>
    kit.call('auth.users.set-status', { user_id: userId, status }, { caller: ADMIN });

  describe('admin', () => {
    it('lists users filtered by type, status and text, a page at a time', async () => {
      const drivers = [
        await kit.register({ user_type: 'driver' }),
        await kit.register({ user_type: 'driver' }),
      ];
      await kit.register({ user_type: 'client', company_name: 'Zongo Import' });

      const first = await kit.call<UserPage>(
        'auth.users.list',
        { user_type: 'driver', limit: '1' },
        { caller: ADMIN },
      );
      const second = await kit.call<UserPage>(
        'auth.users.list',
        { user_type: 'driver', limit: 1, cursor: first.next_cursor },
        { caller: ADMIN },
      );
      const byText = await kit.call<UserPage>(
        'auth.users.list',
        { q: drivers[0]!.phone.slice(-6) },
        { caller: ADMIN },
      );

      expect([...first.items, ...second.items].map((user) => user.id)).toEqual(
        drivers.map((driver) => driver.user.id).reverse(),
      );
      expect(second.next_cursor).toBeNull();
      expect(byText.items.map((user) => user.id)).toEqual([drivers[0]!.user.id]);
    });

    it('refuses a client calling an admin handler with FORBIDDEN', async () => {
      const client = await kit.register();

      expect(await kit.codeOf(kit.call('auth.users.list', {}, { caller: client.caller }))).toBe('FORBIDDEN');
      expect(
        await kit.codeOf(
          kit.call(
            'auth.users.set-status',
            { user_id: client.user.id, status: 'suspended' },
            { caller: client.caller },
          ),
        ),
      ).toBe('FORBIDDEN');
    });

    it('suspends an account: its sessions end, it cannot sign in, and the platform is told; reactivation undoes it', async () => {
      const account = await kit.register();

      const suspended = await setStatus(account.user.id, 'suspended');
      await setStatus(account.user.id, 'suspended');

      expect(suspended.status).toBe('suspended');
      expect(
        await kit.codeOf(kit.call('auth.sessions.refresh', { refresh_token: account.refresh_token })),
      ).toBe('AUTH_REFRESH_INVALID');
      expect(
        await kit.codeOf(
          kit.call('auth.sessions.login', { phone: account.phone, password: STRONG_PASSWORD }),
        ),
      ).toBe('AUTH_ACCOUNT_SUSPENDED');
      const announced = await kit.outbox<UserStatusEvent>('auth.user.suspended');
      expect(announced.filter((event) => event.data.user_id === account.user.id)).toHaveLength(1);

      await setStatus(account.user.id, 'active');

      await expect(
        kit.call('auth.sessions.login', { phone: account.phone, password: STRONG_PASSWORD }),
      ).resolves.toHaveProperty('access_token');
      expect(
        (await kit.outbox<UserStatusEvent>('auth.user.reactivated')).map((event) => event.data),
      ).toContainEqual({
        user_id: account.user.id,
      });
    });

    it('answers NOT_FOUND for an unknown user', async () => {
      expect(await kit.codeOf(setStatus('00000000-0000-4000-8000-000000000999', 'suspended'))).toBe(
        'NOT_FOUND',
      );
    });
  });

  describe('RGPD', () => {
    it('exports everything auth holds about the user, and no secret', async () => {
      const account = await kit.register({ email: 'export@example.tg', company_name: 'Kara Bois' });
      await kit.call(
        'auth.addresses.create',
        { label: 'Dépôt', street: 'Route de Kpalimé', city: 'Lomé', country: 'TG' },
        {
          caller: account.caller,
        },
      );
      await kit.call('auth.consents.update', { analytics: true }, { caller: account.caller });

      const exported = await kit.call<PrivacyExportReply>('auth.privacy.export', {
        user_id: account.user.id,
      });

      expect(exported).toMatchObject({
        service: 'auth',
        user_id: account.user.id,
        data: {
          profile: { id: account.user.id, email: 'export@example.tg', company_name: 'Kara Bois' },
          addresses: [{ label: 'Dépôt' }],
          consents: { analytics: { granted: true }, marketing: { granted: false } },
          sessions: [{ started_at: expect.any(String) as unknown }],
        },
      });
      const text = JSON.stringify(exported);
      expect(text).not.toMatch(/argon2|hash/);
      expect(text).not.toContain(account.refresh_token);
    });

    it('erases the account in one go: personal data gone, row kept as erased, the platform told', async () => {
      const account = await kit.register({ email: 'erase@example.tg' });
      await kit.call(
        'auth.addresses.create',
        { label: 'Maison', street: 'Rue 1', city: 'Sokodé', country: 'TG' },
        {
          caller: account.caller,
        },
      );

      await kit.call('auth.account.erase', {}, { caller: account.caller });

      const [row] = await kit.db.query<Record<string, unknown>[]>('SELECT * FROM users WHERE id = $1', [
        account.user.id,
      ]);
      expect(row).toMatchObject({
        status: 'erased',
        phone: null,
        email: null,
        first_name: '',
        last_name: '',
      });
      for (const table of ['credentials', 'refresh_tokens', 'addresses', 'consents']) {
        const left = await kit.db.query<unknown[]>(`SELECT 1 FROM ${table} WHERE user_id = $1`, [
          account.user.id,
        ]);
        expect({ table, left: left.length }).toEqual({ table, left: 0 });
      }
      expect(
        await kit.db.query<unknown[]>('SELECT 1 FROM otp_codes WHERE phone = $1', [account.phone]),
      ).toEqual([]);
      expect(
        (await kit.outbox<UserStatusEvent>('auth.user.erased')).map((event) => event.data),
      ).toContainEqual({
        user_id: account.user.id,
      });
      expect(
        await kit.codeOf(
          kit.call('auth.sessions.login', { phone: account.phone, password: STRONG_PASSWORD }),
        ),
      ).toBe('AUTH_INVALID_CREDENTIALS');
      expect(await kit.codeOf(kit.call('auth.profile.get', {}, { caller: account.caller }))).toBe(
        'NOT_FOUND',
      );
      await expect(kit.call('auth.privacy.export', { user_id: account.user.id })).resolves.toEqual({
        service: 'auth',
        user_id: account.user.id,
        data: {},
      });
      // The phone is free again for a new account.
      await expect(kit.register({}, account.phone)).resolves.toHaveProperty('access_token');
    });
  });
});
