import { loadConfig } from '@ecom/platform';

import { NotificationConfig } from '../config';
import type { OutgoingMessage } from './delivery-channel';
import { SmtpEmailChannel } from './smtp-email.channel';
import { FakeSmtpServer } from './test/fake-smtp';

const message: OutgoingMessage = {
  messageId: 'msg-1',
  to: 'kossi.mensah@example.tg',
  title: 'Commande enregistrée',
  body: 'Votre commande EC-2611-4F7K est enregistrée.\nMerci !',
  attempt: 1,
  locale: 'fr',
};

describe('SmtpEmailChannel', () => {
  const relay = new FakeSmtpServer();
  let channel: SmtpEmailChannel;

  beforeAll(async () => {
    const port = await relay.start();
    channel = new SmtpEmailChannel(
      loadConfig(NotificationConfig, {
        EMAIL_PROVIDER: 'smtp',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(port),
        SMTP_REQUIRE_TLS: 'false',
        SMTP_USER: 'relay-user',
        SMTP_PASSWORD: 'relay-secret',
        EMAIL_FROM: 'Ecom <no-reply@ecom.tg>',
      }),
    );
  });

  afterAll(async () => {
    await relay.stop();
  });

  beforeEach(() => {
    relay.reset();
  });

  it('authenticates, sends the envelope and a UTF-8 text message with subject, and keeps the Message-ID', async () => {
    const result = await channel.send(message);

    expect(result).toEqual({
      outcome: 'sent',
      providerMessageId: expect.stringMatching(/^<.+@.+>$/) as string,
    });
    expect(relay.received).toHaveLength(1);
    const [mail] = relay.received;
    expect(mail?.auth).toBe('\0relay-user\0relay-secret');
    expect(mail?.from).toBe('no-reply@ecom.tg');
    expect(mail?.to).toEqual(['kossi.mensah@example.tg']);
    expect(mail?.data).toMatch(/^From: Ecom <no-reply@ecom\.tg>$/m);
    expect(mail?.data).toMatch(/^To: kossi\.mensah@example\.tg$/m);
    expect(mail?.data).toMatch(/^Subject: =\?UTF-8\?Q\?Commande_enregistr=C3=A9e\?=$/m);
    expect(mail?.data).toMatch(/^Content-Language: fr$/m);
    expect(mail?.data).toContain('Votre commande EC-2611-4F7K est enregistr');
  });

  it('retries a 4xx reply (mailbox busy, greylisting)', async () => {
    relay.refuseRecipient = '451 4.7.1 Greylisted, try again later';

    const result = await channel.send(message);

    expect(result).toMatchObject({
      outcome: 'retryable',
      error: expect.stringContaining('SMTP 451') as string,
    });
    expect(relay.received).toHaveLength(0);
  });

  it('fails for good on a 5xx reply and reports a mailbox that does not exist as a dead address', async () => {
    relay.refuseRecipient = '550 5.1.1 No such user';

    const result = await channel.send(message);

    expect(result).toMatchObject({ outcome: 'permanent', invalidAddress: true });
  });

  it('fails for good when the relay refuses the content', async () => {
    relay.refuseData = '554 5.7.1 Message rejected as spam';

    const result = await channel.send(message);

    expect(result).toMatchObject({ outcome: 'permanent', invalidAddress: false });
  });

  it('retries when the relay cannot be reached', async () => {
    const unreachable = new SmtpEmailChannel(
      loadConfig(NotificationConfig, {
        EMAIL_PROVIDER: 'smtp',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: '1',
        SMTP_REQUIRE_TLS: 'false',
      }),
    );

    const result = await unreachable.send(message);

    expect(result).toMatchObject({
      outcome: 'retryable',
      error: expect.stringContaining('SMTP_UNREACHABLE') as string,
    });
  });
});
