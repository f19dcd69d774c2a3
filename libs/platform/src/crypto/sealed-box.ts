import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Authenticated symmetric encryption (AES-256-GCM) of short secrets that must cross or rest somewhere
 * untrusted with them: one-time codes on JetStream, private signing keys in a table. The sealed form is
 * `v1.<iv>.<ciphertext>.<tag>` in base64url. `context` is bound as additional data: a box sealed for one
 * record does not open for another.
 */
export class SealedBox {
  private readonly key: Buffer;

  /** `keyBase64`: 32 random bytes in base64 (`openssl rand -base64 32`). */
  constructor(keyBase64: string) {
    const key = Buffer.from(keyBase64, 'base64');
    if (key.length !== 32) throw new Error('A sealed box key must be 32 bytes in base64');
    this.key = key;
  }

  seal(plaintext: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);

    return [VERSION, iv, ciphertext, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** Throws when the box was not sealed with this key and context, or was altered. */
  open(sealed: string, context = ''): string {
    const [version, iv, ciphertext, tag, ...rest] = sealed.split('.');
    if (
      version !== VERSION ||
      iv === undefined ||
      ciphertext === undefined ||
      tag === undefined ||
      rest.length
    ) {
      throw new Error('Not a sealed box');
    }
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, 'base64url'), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));

    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }
}

/** What a setting holding a sealed box key must look like: base64 of exactly 32 bytes. */
export const SEALED_BOX_KEY_PATTERN = /^[A-Za-z0-9+/]{43}=$/;
