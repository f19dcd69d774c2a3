import { createHmac, timingSafeEqual } from 'node:crypto';

import { DomainError } from '@ecom/platform';

/**
 * The timestamped HMAC-SHA256 scheme of Stripe (`Stripe-Signature: t=…,v1=…`), which the sandbox and
 * FedaPay (`t=…,s=…`) follow too: the signature covers `<t>.<raw body>`, so neither the body nor the time
 * can be changed, and a captured callback cannot be replayed once `t` is older than the tolerance.
 */
export function signPayload(secret: string, timestamp: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
}

export function signatureHeader(secret: string, rawBody: string, timestamp: number, scheme = 'v1'): string {
  return `t=${timestamp},${scheme}=${signPayload(secret, timestamp, rawBody)}`;
}

export interface VerifyOptions {
  secret: string;
  toleranceSeconds: number;
  /** The key of the signatures in the header: `v1` (Stripe, sandbox), `s` (FedaPay). */
  scheme?: string;
  now?: number;
}

/** Throws PAYMENT_SIGNATURE_INVALID unless one signature of `header` matches and `t` is recent. */
export function verifySignatureHeader(
  header: string | undefined,
  rawBody: string,
  options: VerifyOptions,
): void {
  const scheme = options.scheme ?? 'v1';
  if (!header) throw new DomainError('PAYMENT_SIGNATURE_INVALID', 'The signature header is missing');
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === scheme && value) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) {
    throw new DomainError('PAYMENT_SIGNATURE_INVALID', 'The signature header is malformed');
  }
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > options.toleranceSeconds) {
    throw new DomainError('PAYMENT_SIGNATURE_INVALID', 'The signature timestamp is outside the tolerance');
  }
  const expected = Buffer.from(signPayload(options.secret, timestamp, rawBody), 'hex');
  const matches = signatures.some((signature) => {
    const given = Buffer.from(signature, 'hex');

    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new DomainError('PAYMENT_SIGNATURE_INVALID');
}
