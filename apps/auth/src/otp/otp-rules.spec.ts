import { checkCode, sendRefusal, type RecentSends } from './otp-rules';

const limits = { cooldownSeconds: 60, maxPerPhonePerHour: 5, maxPerIpPerHour: 30 };
const now = new Date('2025-11-26T12:00:00Z');
const secondsAgo = (seconds: number): Date => new Date(now.getTime() - seconds * 1000);
const quiet: RecentSends = { lastSentAt: null, sentToPhoneLastHour: 0, sentFromIpLastHour: 0 };

describe('sending a code', () => {
  it('allows the first code of a phone', () => {
    expect(sendRefusal(quiet, limits, now)).toBeUndefined();
  });

  it('refuses a resend inside the cooldown and says how long to wait', () => {
    expect(
      sendRefusal({ ...quiet, lastSentAt: secondsAgo(15), sentToPhoneLastHour: 1 }, limits, now),
    ).toEqual({
      reason: 'cooldown',
      retryAfterSeconds: 45,
    });
    expect(
      sendRefusal({ ...quiet, lastSentAt: secondsAgo(60), sentToPhoneLastHour: 1 }, limits, now),
    ).toBeUndefined();
  });

  it('refuses the 6th code for one phone within the hour', () => {
    expect(
      sendRefusal({ ...quiet, lastSentAt: secondsAgo(300), sentToPhoneLastHour: 5 }, limits, now),
    ).toEqual({
      reason: 'phone_limit',
    });
  });

  it('refuses the 31st code from one address within the hour, and ignores the address of internal calls', () => {
    expect(sendRefusal({ ...quiet, sentFromIpLastHour: 30 }, limits, now)).toEqual({ reason: 'ip_limit' });
    expect(sendRefusal({ ...quiet, sentFromIpLastHour: null }, limits, now)).toBeUndefined();
  });
});

describe('checking a code', () => {
  const open = { attempts: 0, expiresAt: new Date(now.getTime() + 300_000) };

  it('accepts the right code and closes it', () => {
    expect(checkCode(open, true, now, 5)).toEqual({ outcome: 'accepted', attempts: 0, closes: true });
  });

  it('counts a wrong code and keeps it open', () => {
    expect(checkCode(open, false, now, 5)).toEqual({ outcome: 'wrong', attempts: 1, closes: false });
  });

  it('burns the code at the 5th wrong try', () => {
    expect(checkCode({ ...open, attempts: 4 }, false, now, 5)).toEqual({
      outcome: 'burnt',
      attempts: 5,
      closes: true,
    });
  });

  it('refuses even the right code once expired', () => {
    expect(checkCode({ ...open, expiresAt: now }, true, now, 5)).toEqual({
      outcome: 'expired',
      attempts: 0,
      closes: true,
    });
  });
});
