import { createPublicKey, createVerify } from 'node:crypto';

import type { JwksReply, RotateKeysReply, SessionReply } from '@ecom/contracts';

import { AuthKit, STRONG_PASSWORD } from './auth-kit';

/** Checks a token against the published keys, as the gateway does: by its kid, RS256. */
function verifiedClaims(token: string, jwks: JwksReply): Record<string, unknown> {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const { kid, alg } = JSON.parse(Buffer.from(header, 'base64url').toString()) as {
    kid: string;
    alg: string;
  };
  const jwk = jwks.keys.find((key) => key.kid === kid);
  if (!jwk || alg !== 'RS256') throw new Error(`No published key ${kid}`);
  const valid = createVerify('RSA-SHA256')
    .update(`${header}.${payload}`)
    .verify(createPublicKey({ key: { ...jwk }, format: 'jwk' }), signature, 'base64url');
  if (!valid) throw new Error('Bad signature');

  return { kid, ...(JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>) };
}

describe('auth: sessions, refresh rotation and signing keys', () => {
  let kit: AuthKit;

  beforeAll(async () => {
    kit = await AuthKit.start();
  });

  afterAll(async () => {
    await kit.stop();
  });

  const refresh = (token: string): Promise<SessionReply> =>
    kit.call('auth.sessions.refresh', { refresh_token: token });
  const jwks = (): Promise<JwksReply> => kit.call('auth.keys.jwks', {});

  it('issues an RS256 access token with kid, iss, aud, sub, roles and a 15-minute life', async () => {
    const account = await kit.register({ user_type: 'store_owner' });

    const claims = verifiedClaims(account.access_token, await jwks());

    expect(claims).toMatchObject({
      sub: account.user.id,
      roles: ['store_owner'],
      iss: 'ecom-auth',
      aud: 'ecom-api',
    });
    expect(Number(claims['exp']) - Number(claims['iat'])).toBe(900);
  });

  it('rotates the refresh token on each use', async () => {
    const account = await kit.register();

    const first = await refresh(account.refresh_token);
    const second = await refresh(first.refresh_token);

    expect(first.refresh_token).not.toBe(account.refresh_token);
    expect(second.user.id).toBe(account.user.id);
  });

  it('revokes the whole family when a spent token is used again: both tokens are dead', async () => {
    const account = await kit.register();
    const rotated = await refresh(account.refresh_token);

    expect(await kit.codeOf(refresh(account.refresh_token))).toBe('AUTH_TOKEN_REUSED');
    expect(await kit.codeOf(refresh(rotated.refresh_token))).toBe('AUTH_REFRESH_INVALID');
  });

  it('lets exactly one of two simultaneous refreshes with one token win; the other revokes the family', async () => {
    const account = await kit.register();

    const outcomes = await Promise.allSettled([
      refresh(account.refresh_token),
      refresh(account.refresh_token),
    ]);

    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((outcome) => (outcome.reason as { code: string }).code)).toEqual(['AUTH_TOKEN_REUSED']);
    expect(await kit.codeOf(refresh(won[0]!.value.refresh_token))).toBe('AUTH_REFRESH_INVALID');
  });

  it('ends the session on logout, and only for its owner', async () => {
    const account = await kit.register();
    const other = await kit.register();

    await kit.call(
      'auth.sessions.logout',
      { refresh_token: account.refresh_token },
      { caller: other.caller },
    );
    const stillAlive = await refresh(account.refresh_token);
    await kit.call(
      'auth.sessions.logout',
      { refresh_token: stillAlive.refresh_token },
      { caller: account.caller },
    );

    expect(await kit.codeOf(refresh(stillAlive.refresh_token))).toBe('AUTH_REFRESH_INVALID');
  });

  it('resets the password from a verified phone and ends every session', async () => {
    const account = await kit.register();
    const second = await kit.call<SessionReply>('auth.sessions.login', {
      phone: account.phone,
      password: STRONG_PASSWORD,
    });
    await kit.passTime(account.phone);
    const token = await kit.verifiedToken(account.phone, 'password_reset');

    expect(
      await kit.codeOf(
        kit.call('auth.password.reset', { verification_token: token, new_password: '12345678' }),
      ),
    ).toBe('AUTH_WEAK_PASSWORD');
    await kit.call('auth.password.reset', { verification_token: token, new_password: 'Nouveau-Depart-77' });

    expect(await kit.codeOf(refresh(account.refresh_token))).toBe('AUTH_REFRESH_INVALID');
    expect(await kit.codeOf(refresh(second.refresh_token))).toBe('AUTH_REFRESH_INVALID');
    expect(
      await kit.codeOf(kit.call('auth.sessions.login', { phone: account.phone, password: STRONG_PASSWORD })),
    ).toBe('AUTH_INVALID_CREDENTIALS');
    await expect(
      kit.call('auth.sessions.login', { phone: account.phone, password: 'Nouveau-Depart-77' }),
    ).resolves.toHaveProperty('access_token');
    expect(
      await kit.codeOf(
        kit.call('auth.password.reset', { verification_token: token, new_password: 'Encore-Autre-88' }),
      ),
    ).toBe('AUTH_VERIFICATION_INVALID');
  });

  it('publishes a new key before it signs, and keeps the old one while its tokens live', async () => {
    const admin = { user_id: '00000000-0000-4000-8000-000000000001', roles: ['admin' as const] };
    const account = await kit.register();
    const before = await jwks();
    const oldKid = verifiedClaims(account.access_token, before)['kid'];

    const scheduled = await kit.call<RotateKeysReply>(
      'auth.keys.rotate',
      { activate_in_seconds: 3600 },
      { caller: admin },
    );
    const announced = await jwks();
    const stillOld = await refresh(account.refresh_token);

    expect(announced.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([oldKid, scheduled.kid]));
    expect(verifiedClaims(stillOld.access_token, announced)['kid']).toBe(oldKid);

    const now = await kit.call<RotateKeysReply>(
      'auth.keys.rotate',
      { activate_in_seconds: 0 },
      { caller: admin },
    );
    const overlap = await jwks();
    const signedByNew = await refresh(stillOld.refresh_token);

    expect(verifiedClaims(signedByNew.access_token, overlap)['kid']).toBe(now.kid);
    expect(verifiedClaims(stillOld.access_token, overlap)['kid']).toBe(oldKid);
    expect(
      await kit.codeOf(
        kit.call('auth.keys.rotate', {}, { caller: { user_id: admin.user_id, roles: ['client'] } }),
      ),
    ).toBe('FORBIDDEN');
  });

  it('drops a retired key from the set once every token it signed has expired', async () => {
    const admin = { user_id: '00000000-0000-4000-8000-000000000001', roles: ['admin' as const] };
    const { kid } = await kit.call<RotateKeysReply>(
      'auth.keys.rotate',
      { activate_in_seconds: 0 },
      { caller: admin },
    );
    await kit.db.query("UPDATE signing_keys SET retired_at = now() - interval '16 minutes' WHERE kid <> $1", [
      kid,
    ]);
    await kit.call<RotateKeysReply>('auth.keys.rotate', { activate_in_seconds: 3600 }, { caller: admin });

    const published = (await jwks()).keys.map((key) => key.kid);

    expect(published).toContain(kid);
    expect(published).toHaveLength(2);
  });
});
