import { Injectable, Logger } from '@nestjs/common';

import { NotificationConfig } from '../config';
import { errorName, readJson } from './provider-http';
import type { DeliveryChannel, OutgoingMessage, SendResult } from './delivery-channel';

/** The parts of a Twilio error body we read (https://www.twilio.com/docs/api/errors). */
interface TwilioErrorBody {
  code?: unknown;
  message?: unknown;
}

/**
 * Sends SMS through Twilio's Messages API (`POST /2010-04-01/Accounts/{sid}/Messages.json`). Twilio keeps
 * the message; we keep only its SID, so OTP bodies never rest in our database. Error texts and logs carry
 * status and Twilio's error code, never the body or the auth token.
 */
@Injectable()
export class TwilioSmsChannel implements DeliveryChannel {
  readonly channel = 'sms';
  readonly provider = 'twilio';
  readonly keepsBody = false;
  private readonly logger = new Logger(TwilioSmsChannel.name);
  private readonly url: string;
  private readonly authorization: string;
  private readonly sender: { name: 'MessagingServiceSid' | 'From'; value: string };
  private readonly statusCallback: string | undefined;
  private readonly timeoutMs: number;

  constructor(config: NotificationConfig) {
    const { TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: token } = config;
    const sender = config.TWILIO_MESSAGING_SERVICE_SID ?? config.TWILIO_FROM;
    // Config validation already refuses these; the check narrows the types and guards direct construction.
    if (sid === undefined || token === undefined || sender === undefined) {
      throw new Error(
        'SMS_PROVIDER=twilio needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID',
      );
    }
    const base = config.TWILIO_API_BASE_URL.replace(/\/+$/, '');
    this.url = `${base}/2010-04-01/Accounts/${encodeURIComponent(sid)}/Messages.json`;
    this.authorization = `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;
    this.sender =
      config.TWILIO_MESSAGING_SERVICE_SID === undefined
        ? { name: 'From', value: sender }
        : { name: 'MessagingServiceSid', value: sender };
    this.statusCallback = config.TWILIO_STATUS_CALLBACK_URL;
    this.timeoutMs = config.TWILIO_TIMEOUT_MS;
  }

  async send(sms: OutgoingMessage): Promise<SendResult> {
    const form = new URLSearchParams({ To: sms.to, Body: sms.body, [this.sender.name]: this.sender.value });
    if (this.statusCallback !== undefined) form.set('StatusCallback', this.statusCallback);

    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: {
          Authorization: this.authorization,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: form.toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      // Only the error's name: a network error's message could echo the request.
      const name = errorName(error);
      const reason =
        name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : `network error (${name})`;
      this.logger.warn(`Twilio send of ${sms.messageId} failed: ${reason}`);

      return { outcome: 'retryable', error: `TWILIO_UNREACHABLE: ${reason}` };
    }

    const answer = await readJson(response);
    if (response.status === 201 || response.status === 200) {
      const sid = (answer as { sid?: unknown } | undefined)?.sid;
      if (typeof sid === 'string' && sid.length > 0) return { outcome: 'sent', providerMessageId: sid };

      // Twilio accepted the message: retrying would send it twice, so a missing SID is not retried.
      return {
        outcome: 'permanent',
        error: `TWILIO_BAD_ANSWER: HTTP ${response.status} without a message sid`,
      };
    }

    const detail = describeError(response.status, answer as TwilioErrorBody | undefined);
    this.logger.warn(`Twilio refused ${sms.messageId}: ${detail}`);
    // 429 and 5xx are Twilio's "try again later"; other 4xx (bad number, blocked, auth) will not change.
    const retryable = response.status === 429 || response.status >= 500;

    return { outcome: retryable ? 'retryable' : 'permanent', error: `TWILIO_REJECTED: ${detail}` };
  }
}

/** Status plus Twilio's numeric code and message; the message is Twilio's own, never ours. */
function describeError(status: number, body: TwilioErrorBody | undefined): string {
  const code = typeof body?.code === 'number' || typeof body?.code === 'string' ? ` code ${body.code}` : '';
  const message = typeof body?.message === 'string' ? `: ${body.message.slice(0, 300)}` : '';

  return `HTTP ${status}${code}${message}`;
}
