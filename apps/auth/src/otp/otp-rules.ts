/**
 * The rules of one-time codes, as pure functions of what the database says (tested without it).
 *
 * A code is `open` from creation until it is accepted, expires, is burnt by too many wrong tries, or is
 * replaced by a newer code for the same phone and purpose; every one of those ends it for good.
 */

export interface SendLimits {
  cooldownSeconds: number;
  maxPerPhonePerHour: number;
  maxPerIpPerHour: number;
}

export interface RecentSends {
  /** When the last code for this phone (any purpose) was made. */
  lastSentAt: Date | null;
  sentToPhoneLastHour: number;
  /** Null when the request came from no client address (another service). */
  sentFromIpLastHour: number | null;
}

export type SendRefusal =
  { reason: 'cooldown'; retryAfterSeconds: number } | { reason: 'phone_limit' | 'ip_limit' };

/** Why a new code may not be sent now, or undefined when it may. Same answer for known and unknown phones. */
export function sendRefusal(recent: RecentSends, limits: SendLimits, now: Date): SendRefusal | undefined {
  if (recent.lastSentAt) {
    const waitedMs = now.getTime() - recent.lastSentAt.getTime();
    const cooldownMs = limits.cooldownSeconds * 1000;
    if (waitedMs < cooldownMs)
      return { reason: 'cooldown', retryAfterSeconds: Math.ceil((cooldownMs - waitedMs) / 1000) };
  }
  if (recent.sentToPhoneLastHour >= limits.maxPerPhonePerHour) return { reason: 'phone_limit' };
  if (recent.sentFromIpLastHour !== null && recent.sentFromIpLastHour >= limits.maxPerIpPerHour) {
    return { reason: 'ip_limit' };
  }

  return undefined;
}

export interface OpenCode {
  attempts: number;
  expiresAt: Date;
}

export type CheckOutcome = 'accepted' | 'expired' | 'wrong' | 'burnt';

export interface CheckResult {
  outcome: CheckOutcome;
  /** Wrong tries after this one. */
  attempts: number;
  /** Whether the code is finished after this check (accepted, expired or burnt). */
  closes: boolean;
}

/** One try of an open code: right, wrong, or too late. The `maxAttempts`-th wrong try burns it. */
export function checkCode(code: OpenCode, matches: boolean, now: Date, maxAttempts: number): CheckResult {
  if (now.getTime() >= code.expiresAt.getTime())
    return { outcome: 'expired', attempts: code.attempts, closes: true };
  if (matches) return { outcome: 'accepted', attempts: code.attempts, closes: true };
  const attempts = code.attempts + 1;

  return attempts >= maxAttempts
    ? { outcome: 'burnt', attempts, closes: true }
    : { outcome: 'wrong', attempts, closes: false };
}
