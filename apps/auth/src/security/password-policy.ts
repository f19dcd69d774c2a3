import { DomainError } from '@ecom/platform';

export const MIN_PASSWORD_LENGTH = 8;

/**
 * Passwords seen first in leaked lists and guessed first by attackers, in French and English, plus the
 * local ones (country, cities, carriers). Compared lower-cased; a small list by design (issue 4).
 */
const COMMON_PASSWORDS = new Set([
  '12345678',
  '123456789',
  '1234567890',
  '0123456789',
  '87654321',
  '11111111',
  '00000000',
  '12341234',
  '11223344',
  '123123123',
  'password',
  'password1',
  'password123',
  'passw0rd',
  'motdepasse',
  'motdepasse1',
  'motdepasse123',
  'azertyuiop',
  'azerty123',
  'azerty12',
  'qwertyuiop',
  'qwerty123',
  'qwerty12',
  'iloveyou',
  'jetaime123',
  'bonjour123',
  'soleil123',
  'doudou123',
  'princesse',
  'football',
  'baseball',
  'sunshine',
  'superman',
  'batman123',
  'welcome1',
  'welcome123',
  'abcd1234',
  'abc12345',
  'admin123',
  'administrator',
  'letmein1',
  'trustno1',
  'dragon123',
  'monkey123',
  'master123',
  'togo2024',
  'togo2025',
  'togo1234',
  'lome1234',
  'lomelome',
  'kara1234',
  'togocel1',
  'moovafrica',
  'ecom1234',
  'ecom2025',
]);

export interface PasswordContext {
  phone?: string | null;
  email?: string | null;
  first_name?: string | null;
  last_name?: string | null;
}

/** Why a password is refused, or an empty list when it is acceptable. */
export function passwordProblems(password: string, context: PasswordContext = {}): string[] {
  const problems: string[] = [];
  const lower = password.toLowerCase();
  if (password.length < MIN_PASSWORD_LENGTH) {
    problems.push(`must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  }
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password)) {
    problems.push('is too common');
  }
  const personal = [
    context.phone?.replace(/^\+/, ''),
    context.phone?.slice(-8),
    context.email?.split('@')[0]?.toLowerCase(),
  ].filter((value): value is string => typeof value === 'string' && value.length >= 4);
  if (personal.some((value) => lower.includes(value))) {
    problems.push('must not contain the phone number or the email');
  }

  return problems;
}

/** Throws AUTH_WEAK_PASSWORD naming every problem. */
export function assertStrongPassword(password: string, context: PasswordContext = {}): void {
  const problems = passwordProblems(password, context);
  if (problems.length > 0) {
    throw new DomainError(
      'AUTH_WEAK_PASSWORD',
      `The password ${problems.join(', ')}`,
      undefined,
      problems.map((message) => ({ field: 'password', message })),
    );
  }
}
