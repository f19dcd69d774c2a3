import { maskAddress, minutesLeft, otpSms, welcomeInApp } from './message-templates';

describe('notification templates', () => {
  it('renders the French OTP SMS word for word', () => {
    expect(otpSms('123456', 5)).toBe(
      'Votre code Ecom : 123456. Il expire dans 5 minutes. Ne le partagez avec personne.',
    );
  });

  it('renders the English OTP SMS and a singular minute', () => {
    expect(otpSms('000111', 1, 'en')).toBe(
      'Your Ecom code: 000111. It expires in 1 minute. Do not share it with anyone.',
    );
  });

  it('counts whole minutes from issue to expiry, never below one', () => {
    const issued = new Date('2026-01-01T10:00:00Z');

    expect(minutesLeft(issued, new Date('2026-01-01T10:05:00.400Z'))).toBe(5);
    expect(minutesLeft(issued, new Date('2026-01-01T10:00:10Z'))).toBe(1);
  });

  it('greets the new user by first name in French', () => {
    expect(welcomeInApp(' Afi ')).toBe(
      'Bienvenue sur Ecom, Afi ! Votre compte est prêt : commandez, payez et déplacez-vous en toute simplicité.',
    );
  });

  it('masks all but the country prefix and last two digits of a phone', () => {
    expect(maskAddress('+22890123467')).toBe('+22890****67');
  });
});
