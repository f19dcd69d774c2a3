import { randomInt } from 'node:crypto';

/** Crockford's base 32 without I, L, O, U: nothing to misread when a buyer dictates it on the phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * `EC-DDMM-4F7K`: the day and month it was placed (Lomé is on UTC), then four random characters. Unique by a
 * database constraint; a rare collision draws again, longer after a few tries.
 */
export function orderNumber(placedAt: Date, attempt = 0): string {
  const day = String(placedAt.getUTCDate()).padStart(2, '0');
  const month = String(placedAt.getUTCMonth() + 1).padStart(2, '0');
  const length = attempt < 3 ? 4 : 8;
  let suffix = '';
  for (let index = 0; index < length; index += 1) suffix += ALPHABET.charAt(randomInt(ALPHABET.length));

  return `EC-${day}${month}-${suffix}`;
}
