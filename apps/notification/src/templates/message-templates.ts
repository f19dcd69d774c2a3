/** Locales templates are written in; French first. */
export type Locale = 'fr' | 'en';

/** Whole minutes a code stays valid, from when it was issued (at least 1). */
export function minutesLeft(issuedAt: Date, expiresAt: Date): number {
  return Math.max(1, Math.round((expiresAt.getTime() - issuedAt.getTime()) / 60_000));
}

/** The one-time code SMS. Plain text: SMS bodies are not markup, so there is nothing to escape. */
export function otpSms(code: string, minutes: number, locale: Locale = 'fr'): string {
  switch (locale) {
    case 'fr':
      return `Votre code Ecom : ${code}. Il expire dans ${minutes} minute${minutes > 1 ? 's' : ''}. Ne le partagez avec personne.`;
    case 'en':
      return `Your Ecom code: ${code}. It expires in ${minutes} minute${minutes > 1 ? 's' : ''}. Do not share it with anyone.`;
  }
}

/** The welcome note in a new user's inbox. */
export function welcomeInApp(firstName: string, locale: Locale = 'fr'): string {
  const name = firstName.trim();
  switch (locale) {
    case 'fr':
      return `Bienvenue sur Ecom${name ? `, ${name}` : ''} ! Votre compte est prêt : commandez, payez et déplacez-vous en toute simplicité.`;
    case 'en':
      return `Welcome to Ecom${name ? `, ${name}` : ''}! Your account is ready: shop, pay and get around with ease.`;
  }
}

/** A phone or address as logs and admin listings may show it: `+22890****67`. */
export function maskAddress(address: string): string {
  if (address.length <= 6) return '*'.repeat(address.length);

  return `${address.slice(0, 6)}${'*'.repeat(Math.max(4, address.length - 8))}${address.slice(-2)}`;
}
