import type { FieldError, PaymentMethodProvider, PaymentMethodType } from '@ecom/contracts';
import { DomainError } from '@ecom/platform';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const BULLETS = '••';

function invalid(message: string): DomainError {
  const errors: FieldError[] = [{ field: 'identifier', message }];

  return new DomainError('VALIDATION_FAILED', `identifier: ${message}`, undefined, errors);
}

/** Numbers written without a country code are Togolese, as everywhere on the platform. */
export function normalizePhone(input: string): string | undefined {
  const parsed = parsePhoneNumberFromString(input.trim(), 'TG');

  return parsed?.isValid() ? parsed.number : undefined;
}

/**
 * The form an identifier is stored in (E.164 phone, card digits or token, IBAN without spaces), or a
 * validation error naming what is expected for the type.
 */
export function normalizeIdentifier(
  type: PaymentMethodType,
  provider: PaymentMethodProvider,
  identifier: string,
): string {
  const cardProvider = provider === 'visa' || provider === 'mastercard';
  if ((type === 'card') !== cardProvider) {
    throw new DomainError('VALIDATION_FAILED', 'provider: does not issue this type of method', undefined, [
      { field: 'provider', message: `${provider} does not issue a ${type.replace('_', ' ')}` },
    ]);
  }
  switch (type) {
    case 'mobile_money': {
      const phone = normalizePhone(identifier);
      if (!phone) throw invalid('must be a valid phone number (e.g. +228 90 12 34 56)');

      return phone;
    }
    case 'card': {
      const compact = identifier.replace(/[\s-]/g, '');
      if (!/^(\d{12,19}|[A-Za-z0-9_]{8,64})$/.test(compact)) {
        throw invalid('must be a card number or the provider’s card token');
      }

      return compact;
    }
    case 'bank_account': {
      const iban = identifier.replace(/\s/g, '').toUpperCase();
      if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) throw invalid('must be an IBAN');

      return iban;
    }
  }
}

/** What a user is shown of an identifier: `+228 90 •• •• 56`, `•••• 4242`, `TG53 •••• 1234`. */
export function maskIdentifier(type: PaymentMethodType, identifier: string): string {
  switch (type) {
    case 'mobile_money': {
      const parsed = parsePhoneNumberFromString(identifier);
      const national = parsed?.nationalNumber ?? identifier.slice(-8);
      const hidden = Math.max(1, Math.ceil((national.length - 4) / 2));

      return [
        `+${parsed?.countryCallingCode ?? ''}`,
        national.slice(0, 2),
        ...Array<string>(hidden).fill(BULLETS),
        national.slice(-2),
      ].join(' ');
    }
    case 'card':
      return `•••• ${identifier.slice(-4)}`;
    case 'bank_account':
      return `${identifier.slice(0, 4)} •••• ${identifier.slice(-4)}`;
  }
}
