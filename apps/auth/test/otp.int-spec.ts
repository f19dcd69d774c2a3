import type { OtpRequestedEvent, SendOtpReply, SessionReply, VerificationReply } from '@ecom/contracts';

import { AuthKit, newPhone } from './auth-kit';

describe('auth: one-time codes', () => {
  let kit: AuthKit;

  beforeAll(async () => {
    kit = await AuthKit.start();
  });

  afterAll(async () => {
    await kit.stop();
  });

  const send = (phone: string, purpose = 'registration', clientIp?: string): Promise<SendOtpReply> =>
    kit.call('auth.otp.send', { phone, purpose }, { clientIp });
  const verify = (phone: string, code: string, purpose = 'registration'): Promise<VerificationReply> =>
    kit.call('auth.otp.verify', { phone, code, purpose });
  const wrong = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('refuses a malformed phone with AUTH_PHONE_INVALID', async () => {
    expect(await kit.codeOf(send('12 34'))).toBe('AUTH_PHONE_INVALID');
    expect(await kit.codeOf(send('+228 00 00 00 00'))).toBe('AUTH_PHONE_INVALID');
  });

  it('refuses a malformed code or purpose with VALIDATION_FAILED', async () => {
    expect(await kit.codeOf(verify(newPhone(), '12ab56'))).toBe('VALIDATION_FAILED');
    expect(await kit.codeOf(send(newPhone(), 'anything'))).toBe('VALIDATION_FAILED');
  });

  it('treats 90 12 34 56 and +22890123456 as one phone', async () => {
    await send('90 12 34 56');
    const code = await kit.sms.nextCode('+22890123456');

    await expect(verify('+228 90 12 34 56', code)).resolves.toHaveProperty('verification_token');
  });

  it('exchanges the right code once for a verification token, and refuses it reused', async () => {
    const phone = newPhone();
    const code = await kit.codeFor(phone, 'registration');

    const reply = await verify(phone, code);

    expect(reply.verification_token.length).toBeGreaterThanOrEqual(40);
    expect(reply.expires_in).toBe(900);
    expect(await kit.codeOf(verify(phone, code))).toBe('AUTH_OTP_INVALID');
  });

  it('refuses a wrong code, then still takes the right one', async () => {
    const phone = newPhone();
    const code = await kit.codeFor(phone, 'registration');

    expect(await kit.codeOf(verify(phone, wrong(code)))).toBe('AUTH_OTP_INVALID');
    await expect(verify(phone, code)).resolves.toHaveProperty('verification_token');
  });

  it('burns the code at the 5th wrong try: the right code is refused on the 6th', async () => {
    const phone = newPhone();
    const code = await kit.codeFor(phone, 'registration');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(await kit.codeOf(verify(phone, wrong(code)))).toBe('AUTH_OTP_INVALID');
    }

    expect(await kit.codeOf(verify(phone, code))).toBe('AUTH_OTP_INVALID');
  });

  it('refuses an expired code with AUTH_OTP_EXPIRED', async () => {
    const phone = newPhone();
    const code = await kit.codeFor(phone, 'registration');
    await kit.db.query("UPDATE otp_codes SET expires_at = now() - interval '1 second' WHERE phone = $1", [
      phone,
    ]);

    expect(await kit.codeOf(verify(phone, code))).toBe('AUTH_OTP_EXPIRED');
  });

  it('binds a code to its purpose', async () => {
    const phone = newPhone();
    const code = await kit.codeFor(phone, 'registration');

    expect(await kit.codeOf(verify(phone, code, 'password_reset'))).toBe('AUTH_OTP_INVALID');
  });

  it('refuses a resend inside the cooldown with AUTH_OTP_COOLDOWN', async () => {
    const phone = newPhone();
    await send(phone);

    expect(await kit.codeOf(send(phone))).toBe('AUTH_OTP_COOLDOWN');
    expect(await kit.codeOf(send(phone, 'login'))).toBe('AUTH_OTP_COOLDOWN');
  });

  it('answers the same for a registered and an unknown phone, and texts only accounts for login and reset', async () => {
    const known = await kit.register();
    const unknown = newPhone();

    for (const purpose of ['login', 'password_reset'] as const) {
      await kit.db.query('DELETE FROM otp_codes WHERE phone IN ($1, $2)', [known.phone, unknown]);
      const [toKnown, toUnknown] = await Promise.all([send(known.phone, purpose), send(unknown, purpose)]);

      expect(toKnown).toEqual(toUnknown);
      expect(toKnown).toEqual({ resend_after: 60, expires_in: 300 });
    }
    // The cooldown, too, treats both alike.
    expect(await kit.codeOf(send(unknown, 'login'))).toBe('AUTH_OTP_COOLDOWN');
    expect(await kit.codeOf(send(known.phone, 'login'))).toBe('AUTH_OTP_COOLDOWN');
    const loginCodes = await kit.outbox<OtpRequestedEvent>('auth.otp.requested');
    expect(
      loginCodes.filter((event) => event.data.phone === known.phone).map((event) => event.data.purpose),
    ).toEqual(['registration', 'login', 'password_reset']);
    expect(loginCodes.some((event) => event.data.phone === unknown)).toBe(false);
  });

  it('signs in with a login code', async () => {
    const account = await kit.register();
    await kit.passTime(account.phone);
    const code = await kit.codeFor(account.phone, 'login');

    const session = await kit.call<SessionReply>('auth.otp.verify', {
      phone: account.phone,
      code,
      purpose: 'login',
    });

    expect(session.user.id).toBe(account.user.id);
    expect(session.access_token.split('.')).toHaveLength(3);
  });

  it('seals the code in the event and never writes it in a log', async () => {
    const phone = newPhone();
    await send(phone);
    const code = await kit.sms.nextCode(phone);
    const [event] = (await kit.outbox<OtpRequestedEvent>('auth.otp.requested')).filter(
      (candidate) => candidate.data.phone === phone,
    );

    expect(event?.data.sealed_code).toMatch(/^v1\./);
    expect(JSON.stringify(event)).not.toContain(code);
    expect(await kit.codeOf(verify(phone, '000000' === code ? '000001' : '000000'))).toBe('AUTH_OTP_INVALID');
    expect(kit.logs.text()).not.toContain(code);
  });
});

describe('auth: one-time code limits', () => {
  let kit: AuthKit;

  beforeAll(async () => {
    kit = await AuthKit.start({
      OTP_RESEND_COOLDOWN_SECONDS: '0',
      OTP_MAX_PER_PHONE_PER_HOUR: '5',
      OTP_MAX_PER_IP_PER_HOUR: '8',
    });
  });

  afterAll(async () => {
    await kit.stop();
  });

  const send = (phone: string, clientIp?: string): Promise<unknown> =>
    kit.call('auth.otp.send', { phone, purpose: 'registration' }, { clientIp });

  it('refuses the 6th code for one phone within the hour with AUTH_OTP_LIMIT', async () => {
    const phone = newPhone();
    for (let sent = 0; sent < 5; sent += 1) await send(phone);

    expect(await kit.codeOf(send(phone))).toBe('AUTH_OTP_LIMIT');
  });

  it('closes the previous code when a new one is sent', async () => {
    const phone = newPhone();
    await send(phone);
    const first = await kit.sms.nextCode(phone);
    await send(phone);
    const second = await kit.sms.nextCode(phone);

    if (first !== second) {
      expect(
        await kit.codeOf(kit.call('auth.otp.verify', { phone, code: first, purpose: 'registration' })),
      ).toBe('AUTH_OTP_INVALID');
    }
    await expect(
      kit.call('auth.otp.verify', { phone, code: second, purpose: 'registration' }),
    ).resolves.toBeDefined();
  });

  it('refuses codes past the limit of one client address, whatever the phones, and not other addresses', async () => {
    const address = '203.0.113.50';
    for (let sent = 0; sent < 8; sent += 1) await send(newPhone(), address);

    expect(await kit.codeOf(send(newPhone(), address))).toBe('AUTH_OTP_LIMIT');
    await expect(send(newPhone(), '198.51.100.9')).resolves.toBeDefined();
  });
});
