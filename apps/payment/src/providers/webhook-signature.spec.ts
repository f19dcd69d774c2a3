import { DomainError } from '@ecom/platform';

import { signatureHeader, verifySignatureHeader, type VerifyOptions } from './webhook-signature';

const SECRET = 'whsec_test_0123456789abcdef';
const BODY = '{"id":"evt_1","type":"payment.approved","data":{"amount":10000}}';
const NOW = 1_764_000_000;

function refusal(header: string | undefined, body: string, options: VerifyOptions): string | undefined {
  try {
    verifySignatureHeader(header, body, options);
  } catch (error) {
    return error instanceof DomainError ? error.code : 'OTHER';
  }

  return undefined;
}

describe('timestamped HMAC webhook signatures', () => {
  const options = { secret: SECRET, toleranceSeconds: 300, now: NOW };

  it('accepts the signature of the exact body within the tolerance', () => {
    expect(refusal(signatureHeader(SECRET, BODY, NOW - 299), BODY, options)).toBe(undefined);
  });

  it('refuses a body changed by one byte', () => {
    const header = signatureHeader(SECRET, BODY, NOW);
    expect(refusal(header, BODY.replace('10000', '10001'), options)).toBe('PAYMENT_SIGNATURE_INVALID');
  });

  it('refuses another secret, a stale or future timestamp, and a missing or malformed header', () => {
    const invalid = 'PAYMENT_SIGNATURE_INVALID';
    expect(refusal(signatureHeader('other-secret', BODY, NOW), BODY, options)).toBe(invalid);
    expect(refusal(signatureHeader(SECRET, BODY, NOW - 301), BODY, options)).toBe(invalid);
    expect(refusal(signatureHeader(SECRET, BODY, NOW + 301), BODY, options)).toBe(invalid);
    expect(refusal(undefined, BODY, options)).toBe(invalid);
    expect(refusal('v1=abc', BODY, options)).toBe(invalid);
    expect(refusal(`t=${NOW},v1=zz`, BODY, options)).toBe(invalid);
  });

  it('accepts any one of several signatures (secret rotation) and another scheme key', () => {
    const good = signatureHeader(SECRET, BODY, NOW, 's').split(',')[1];
    const header = `t=${NOW},s=${'0'.repeat(64)},${good}`;
    expect(refusal(header, BODY, { ...options, scheme: 's' })).toBe(undefined);
  });
});
