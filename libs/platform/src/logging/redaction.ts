const REDACTED = '[REDACTED]';

/** Keys whose values are secrets wherever they appear in a log entry, at any depth. */
const SECRET_KEY =
  /pass(word)?|secret|token|authorization|cookie|otp|cvv|cvc|card_?number|^pan$|^pin$|api_?key|private_?key|signature/i;

/** Patterns of secrets that hide inside free text (messages, stacks, URLs). */
const SECRET_TEXT: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  // Card numbers (13-19 digits, spaces or dashes allowed) keep their last four digits.
  [/\b(?:\d[ -]?){9,15}(\d{4})\b/g, '****$1'],
  // Phone numbers in international form keep their country code and last two digits.
  [/\+(\d{3})\d{4,10}(\d{2})\b/g, '+$1****$2'],
  [/\b(code|otp|password)([=:]\s*)\S+/gi, `$1$2${REDACTED}`],
];

export function redactText(text: string): string {
  return SECRET_TEXT.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/**
 * A copy of `value` with secrets replaced: values under secret keys, one-time codes under `code`, and
 * secret-looking text anywhere. Cycles and depth are bounded so that logging never throws.
 */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8 || seen.has(value)) return '[Truncated]';
  seen.add(value);
  if (value instanceof Error) {
    return {
      name: value.name,
      message: redactText(value.message),
      stack: value.stack && redactText(value.stack),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = isSecret(key, item) ? REDACTED : redact(item, depth + 1, seen);
  }

  return result;
}

function isSecret(key: string, value: unknown): boolean {
  if (SECRET_KEY.test(key)) return true;

  // `code` is also the name of stable error codes (WALLET_INSUFFICIENT_FUNDS): only digits are one-time codes.
  return key.toLowerCase() === 'code' && /^\s*\d{4,8}\s*$/.test(String(value));
}
