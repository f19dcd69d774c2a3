import { toAdminView } from './message-views';
import type { MessageRow } from './messages.repository';

const otpSms: MessageRow = {
  id: '0b6a3c8e-7f51-4d2a-9a43-2f7e7c1d5b10',
  event_id: '5f0e1d2c-3b4a-4958-8776-655443322110',
  event_type: 'auth.otp.requested',
  channel: 'sms',
  recipient_user_id: null,
  recipient: '+22890123456',
  template: 'otp.login',
  locale: 'fr',
  body: 'Votre code Ecom : 123456. Il expire dans 5 minutes. Ne le partagez avec personne.',
  provider: 'sandbox',
  status: 'delivered',
  attempts: 1,
  last_error: null,
  provider_message_id: 'sandbox-1',
  read_at: null,
  created_at: new Date('2026-01-01T10:00:00Z'),
  updated_at: new Date('2026-01-01T10:00:01Z'),
  delivered_at: new Date('2026-01-01T10:00:01Z'),
  topic: 'security',
  sealed_content: null,
  next_attempt_at: null,
  failover_of: null,
};

describe('admin view of a message', () => {
  it('shows the sandbox body and the whole phone outside production', () => {
    expect(toAdminView(otpSms, false)).toMatchObject({ body: otpSms.body, recipient: '+22890123456' });
  });

  it('hides the body and masks the phone in production', () => {
    expect(toAdminView(otpSms, true)).toMatchObject({ body: null, recipient: '+22890****56' });
  });
});
