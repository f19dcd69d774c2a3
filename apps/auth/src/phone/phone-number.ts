import { DomainError } from '@ecom/platform';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Numbers written without a country code are Togolese. */
export const DEFAULT_REGION = 'TG';

/**
 * The E.164 form of a phone number (`90 12 34 56` → `+22890123456`), the one identity of a phone
 * across the platform (and the form WhatsApp and SMS gateways want). Invalid numbers: AUTH_PHONE_INVALID.
 */
export function normalizePhone(input: string): string {
  const parsed = parsePhoneNumberFromString(input.trim(), DEFAULT_REGION);
  if (!parsed?.isValid()) {
    throw new DomainError(
      'AUTH_PHONE_INVALID',
      'The phone number is not a valid number (e.g. +228 90 12 34 56)',
    );
  }

  return parsed.number;
}

/** For logs and admin screens that need no more: country code and last two digits. */
export function maskPhone(phone: string): string {
  return phone.length > 6 ? `${phone.slice(0, 4)}****${phone.slice(-2)}` : '****';
}
