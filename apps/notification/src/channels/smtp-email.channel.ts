import { Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

import type { NotificationConfig } from '../config';
import { clip } from './provider-http';
import type { DeliveryChannel, OutgoingMessage, SendResult } from './delivery-channel';

/** Reply codes a relay gives for a mailbox that does not exist (RFC 5321 §4.2.3): the address is dead. */
const DEAD_MAILBOX_CODES = new Set([550, 551, 553]);

/** What nodemailer puts on a failed send: the SMTP reply code when the relay answered, else a socket code. */
interface SmtpError {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
}

/**
 * Sends email through an SMTP relay with nodemailer, one connection per message. SMTP says
 * which failures are worth a retry: 4xx replies are transient, 5xx permanent; a connection that fails or
 * times out is retried. Logs carry the reply code and the relay's text, never the body or the password.
 */
export class SmtpEmailChannel implements DeliveryChannel {
  readonly channel = 'email';
  readonly provider = 'smtp';
  readonly keepsBody = false;
  private readonly logger = new Logger(SmtpEmailChannel.name);
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;
  private readonly from: string;

  constructor(config: NotificationConfig) {
    if (config.SMTP_HOST === undefined) throw new Error('EMAIL_PROVIDER=smtp needs SMTP_HOST');
    const auth =
      config.SMTP_USER === undefined
        ? undefined
        : { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' };
    this.transport = createTransport({
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: config.SMTP_SECURE,
      requireTLS: !config.SMTP_SECURE && config.SMTP_REQUIRE_TLS,
      auth,
      connectionTimeout: config.SMTP_TIMEOUT_MS,
      greetingTimeout: config.SMTP_TIMEOUT_MS,
      socketTimeout: config.SMTP_TIMEOUT_MS,
    });
    this.from = config.EMAIL_FROM;
  }

  async send(email: OutgoingMessage): Promise<SendResult> {
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: email.to,
        subject: email.title ?? firstLine(email.body),
        text: email.body,
        headers: { 'Content-Language': email.locale },
      });
      if (info.rejected.length > 0) {
        return { outcome: 'permanent', error: 'SMTP_REJECTED: recipient refused', invalidAddress: true };
      }

      return { outcome: 'sent', providerMessageId: info.messageId };
    } catch (error) {
      const { code, responseCode, response } = error as SmtpError;
      if (typeof responseCode === 'number') {
        const detail = `SMTP ${responseCode}${clip(response) === undefined ? '' : `: ${clip(response)}`}`;
        this.logger.warn(`SMTP relay refused ${email.messageId}: ${detail}`);
        if (responseCode >= 400 && responseCode < 500)
          return { outcome: 'retryable', error: `SMTP_DEFERRED: ${detail}` };

        return {
          outcome: 'permanent',
          error: `SMTP_REJECTED: ${detail}`,
          invalidAddress: DEAD_MAILBOX_CODES.has(responseCode),
        };
      }
      const reason = typeof code === 'string' ? code : 'unknown';
      this.logger.warn(`SMTP send of ${email.messageId} failed: ${reason}`);

      return { outcome: 'retryable', error: `SMTP_UNREACHABLE: ${reason}` };
    }
  }
}

function firstLine(body: string): string {
  return (body.split('\n', 1)[0] ?? '').slice(0, 120);
}
