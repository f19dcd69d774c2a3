import { randomBytes } from 'node:crypto';

import { SEALED_BOX_KEY_PATTERN, SealedBox } from './sealed-box';

describe('SealedBox', () => {
  const keyText = randomBytes(32).toString('base64');
  const box = new SealedBox(keyText);

  it('opens what it sealed, with the same context', () => {
    const sealed = box.seal('482913', 'otp-1');

    expect(box.open(sealed, 'otp-1')).toBe('482913');
  });

  it('never shows the plaintext and seals the same text differently each time', () => {
    const first = box.seal('482913');
    const second = box.seal('482913');

    expect(first).not.toContain('482913');
    expect(first).not.toBe(second);
    expect(first).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('refuses another context, another key and an altered box', () => {
    const sealed = box.seal('482913', 'otp-1');
    const [version, iv, ciphertext, tag] = sealed.split('.');
    const altered = Buffer.from(Buffer.from(ciphertext!, 'base64url').map((byte) => byte ^ 1));
    const flipped = `${version}.${iv}.${altered.toString('base64url')}.${tag}`;

    expect(() => box.open(sealed, 'otp-2')).toThrow();
    expect(() => new SealedBox(randomBytes(32).toString('base64')).open(sealed, 'otp-1')).toThrow();
    expect(() => box.open(flipped, 'otp-1')).toThrow();
    expect(() => box.open('not-a-box')).toThrow('Not a sealed box');
  });

  it('takes only a 32-byte key, the shape its setting checks', () => {
    expect(() => new SealedBox(randomBytes(16).toString('base64'))).toThrow('32 bytes');
    expect(SEALED_BOX_KEY_PATTERN.test(keyText)).toBe(true);
    expect(SEALED_BOX_KEY_PATTERN.test(randomBytes(16).toString('base64'))).toBe(false);
  });
});
