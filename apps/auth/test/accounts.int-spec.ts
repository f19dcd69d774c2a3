import type { AddressView, ConsentsView, SessionReply, UserRegisteredEvent, UserView } from '@ecom/contracts';

import { AuthKit, newPhone, STRONG_PASSWORD } from './auth-kit';

describe('auth: registration, sign-in and profile', () => {
  let kit: AuthKit;

  beforeAll(async () => {
    kit = await AuthKit.start();
  });

  afterAll(async () => {
    await kit.stop();
  });

  const login = (credentials: Record<string, string>): Promise<SessionReply> =>
    kit.call('auth.sessions.login', credentials);
  const registration = async (
    fields: Record<string, unknown>,
    phone = newPhone(),
  ): Promise<Record<string, unknown>> => ({
    verification_token: await kit.verifiedToken(phone),
    first_name: 'Ama',
    last_name: 'Lawson',
    password: STRONG_PASSWORD,
    user_type: 'client',
    ...fields,
  });

  describe('registration', () => {
    it('creates the account from a verified phone, signs it in and announces it without any secret', async () => {
      const account = await kit.register({ email: 'Ama.Lawson@Example.TG', company_name: 'Lomé Cargo SARL' });

      expect(account.user).toMatchObject({
        phone: account.phone,
        email: 'ama.lawson@example.tg',
        user_type: 'client',
        roles: ['client'],
        status: 'active',
        company_name: 'Lomé Cargo SARL',
        phone_verified: true,
        email_verified: false,
      });
      expect(account).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
      const events = await kit.outbox<UserRegisteredEvent>('auth.user.registered');
      const event = events.find((candidate) => candidate.data.user_id === account.user.id);
      expect(event?.data).toEqual({
        user_id: account.user.id,
        user_type: 'client',
        roles: ['client'],
        phone: account.phone,
        email: 'ama.lawson@example.tg',
        first_name: 'Kossi',
        company_name: 'Lomé Cargo SARL',
      });
      expect(JSON.stringify(events)).not.toContain(STRONG_PASSWORD);
    });

    it('refuses a phone that already has an account with AUTH_PHONE_TAKEN', async () => {
      const account = await kit.register();
      await kit.passTime(account.phone);

      expect(await kit.codeOf(kit.call('auth.users.register', await registration({}, account.phone)))).toBe(
        'AUTH_PHONE_TAKEN',
      );
    });

    it('refuses an email that another account uses with AUTH_EMAIL_TAKEN', async () => {
      await kit.register({ email: 'yao@example.tg' });

      expect(
        await kit.codeOf(kit.call('auth.users.register', await registration({ email: 'YAO@example.tg' }))),
      ).toBe('AUTH_EMAIL_TAKEN');
    });

    it.each([
      ['too short', 'Ab1!xyz'],
      ['common', 'motdepasse'],
      ['common in capitals', 'AZERTYUIOP'],
    ])('refuses a weak password (%s) with AUTH_WEAK_PASSWORD', async (_case, password) => {
      expect(await kit.codeOf(kit.call('auth.users.register', await registration({ password })))).toBe(
        'AUTH_WEAK_PASSWORD',
      );
    });

    it('refuses an unknown or already used verification token with AUTH_VERIFICATION_INVALID', async () => {
      const fields = await registration({});
      await kit.call('auth.users.register', fields);

      expect(await kit.codeOf(kit.call('auth.users.register', fields))).toBe('AUTH_VERIFICATION_INVALID');
      expect(
        await kit.codeOf(kit.call('auth.users.register', { ...fields, verification_token: 'x'.repeat(43) })),
      ).toBe('AUTH_VERIFICATION_INVALID');
    });

    it('refuses a company for anyone but a client, and an admin registering', async () => {
      expect(
        await kit.codeOf(
          kit.call('auth.users.register', await registration({ user_type: 'driver', company_name: 'Taxi' })),
        ),
      ).toBe('VALIDATION_FAILED');
      expect(
        await kit.codeOf(kit.call('auth.users.register', await registration({ user_type: 'admin' }))),
      ).toBe('VALIDATION_FAILED');
    });
  });

  describe('sign-in', () => {
    it('signs in by phone, in any written form, or by email, with the password', async () => {
      const account = await kit.register({ email: 'esi@example.tg', user_type: 'driver' });
      const local = account.phone.replace('+228', '').replace(/(\d{2})(?=\d)/g, '$1 ');

      const byPhone = await login({ phone: local, password: STRONG_PASSWORD });
      const byEmail = await login({ email: 'ESI@example.tg', password: STRONG_PASSWORD });

      expect(byPhone.user.id).toBe(account.user.id);
      expect(byEmail.user.roles).toEqual(['driver']);
      expect(byPhone.refresh_token).not.toBe(byEmail.refresh_token);
    });

    it('answers an unknown account and a wrong password alike', async () => {
      const account = await kit.register();

      expect(await kit.codeOf(login({ phone: newPhone(), password: STRONG_PASSWORD }))).toBe(
        'AUTH_INVALID_CREDENTIALS',
      );
      expect(await kit.codeOf(login({ email: 'nobody@example.tg', password: STRONG_PASSWORD }))).toBe(
        'AUTH_INVALID_CREDENTIALS',
      );
      expect(await kit.codeOf(login({ phone: account.phone, password: 'Wrong-Password-1' }))).toBe(
        'AUTH_INVALID_CREDENTIALS',
      );
    });

    it('locks the account at the 5th wrong password: the right one is refused with AUTH_LOCKED', async () => {
      const account = await kit.register();
      const codes: string[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        codes.push(await kit.codeOf(login({ phone: account.phone, password: `Wrong-Password-${attempt}` })));
      }

      expect(codes).toEqual([...Array<string>(4).fill('AUTH_INVALID_CREDENTIALS'), 'AUTH_LOCKED']);
      expect(await kit.codeOf(login({ phone: account.phone, password: STRONG_PASSWORD }))).toBe(
        'AUTH_LOCKED',
      );
    });

    it('counts every one of many simultaneous wrong passwords', async () => {
      const account = await kit.register();

      const codes = await Promise.all(
        Array.from({ length: 5 }, (_, attempt) =>
          kit.codeOf(login({ phone: account.phone, password: `Wrong-Password-${attempt}` })),
        ),
      );

      expect(codes.filter((code) => code === 'AUTH_LOCKED')).toHaveLength(1);
      expect(await kit.codeOf(login({ phone: account.phone, password: STRONG_PASSWORD }))).toBe(
        'AUTH_LOCKED',
      );
    });

    it('refuses a malformed sign-in with VALIDATION_FAILED', async () => {
      expect(await kit.codeOf(login({ password: STRONG_PASSWORD }))).toBe('VALIDATION_FAILED');
    });
  });

  describe('profile', () => {
    it('shows and changes the caller’s own profile only', async () => {
      const account = await kit.register({ email: 'old@example.tg' });

      const updated = await kit.call<UserView>(
        'auth.profile.update',
        { first_name: 'Akosua', email: 'New@Example.tg', date_of_birth: '1994-03-12' },
        { caller: account.caller },
      );

      expect(updated).toMatchObject({
        id: account.user.id,
        first_name: 'Akosua',
        last_name: 'Mensah',
        email: 'new@example.tg',
        email_verified: false,
        date_of_birth: '1994-03-12',
      });
      await expect(kit.call('auth.profile.get', {}, { caller: account.caller })).resolves.toEqual(updated);
      expect(await kit.codeOf(kit.call('auth.profile.get', {}))).toBe('UNAUTHENTICATED');
    });

    it('refuses a date of birth that is not a calendar date YYYY-MM-DD', async () => {
      const account = await kit.register();

      for (const date_of_birth of ['1994-3-12', '1994-03-12T00:00:00Z', '12/03/1994']) {
        expect(
          await kit.codeOf(kit.call('auth.profile.update', { date_of_birth }, { caller: account.caller })),
        ).toBe('VALIDATION_FAILED');
      }
    });

    it('keeps addresses with one default, and lets nobody else delete them', async () => {
      const account = await kit.register();
      const other = await kit.register();
      const add = (fields: Record<string, unknown>): Promise<AddressView> =>
        kit.call(
          'auth.addresses.create',
          { street: 'Rue 12', city: 'Lomé', country: 'TG', ...fields },
          { caller: account.caller },
        );

      const home = await add({ label: 'Maison', location: { lat: 6.1319, lng: 1.2228 } });
      const office = await add({ label: 'Bureau', zip_code: 'BP 1234', is_default: true });

      expect(home).toMatchObject({ is_default: true, location: { lat: 6.1319, lng: 1.2228 } });
      const listed = await kit.call<{ items: AddressView[] }>(
        'auth.addresses.list',
        {},
        { caller: account.caller },
      );
      expect(listed.items.map((address) => [address.label, address.is_default])).toEqual([
        ['Bureau', true],
        ['Maison', false],
      ]);
      expect(
        await kit.codeOf(
          kit.call('auth.addresses.delete', { address_id: office.id }, { caller: other.caller }),
        ),
      ).toBe('NOT_FOUND');
      await kit.call('auth.addresses.delete', { address_id: office.id }, { caller: account.caller });
      const left = await kit.call<{ items: AddressView[] }>(
        'auth.addresses.list',
        {},
        { caller: account.caller },
      );
      expect(left.items).toEqual([{ ...home, is_default: true }]);
      expect(await kit.codeOf(add({ label: 'Nulle part', location: { lat: 120, lng: 0 } }))).toBe(
        'VALIDATION_FAILED',
      );
    });

    it('records consents with the history of each grant and withdrawal', async () => {
      const account = await kit.register();
      const update = (changes: Record<string, boolean>): Promise<ConsentsView> =>
        kit.call('auth.consents.update', changes, { caller: account.caller });

      await update({ marketing: true, analytics: true });
      await update({ marketing: true });
      const consents = await update({ marketing: false });

      expect(consents.analytics).toMatchObject({ granted: true, history: [{ withdrawn_at: null }] });
      expect(consents.marketing.granted).toBe(false);
      expect(consents.marketing.history).toHaveLength(1);
      expect(consents.marketing.history[0]?.withdrawn_at).toEqual(expect.any(String));
    });
  });
});
