import { Logger } from '@nestjs/common';

import { NotificationConfig } from '../config';
import type { DeliveryChannel, OutgoingMessage, SendResult } from './delivery-channel';
import { clip, postToProvider } from './provider-http';

/** Graph API error body (https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes). */
interface GraphError {
  error?: { code?: unknown; message?: unknown; error_data?: { details?: unknown } };
}

/**
 * WhatsApp Cloud API codes that mean "later": throttling (4, 80007, 130429, 131048, 131056), Meta-side
 * trouble (1, 2, 131000, 131016, 133004). Every other error (bad parameter, expired token, template missing
 * or mismatched, recipient not on WhatsApp, outside the 24 h window) will not change by waiting.
 */
const RETRYABLE_CODES = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 133004]);

/**
 * Sends through the WhatsApp Cloud API: `POST {base}/{version}/{phone_number_id}/messages` with a Bearer
 * token. A message with a template goes as a template message (WHATSAPP_USE_TEMPLATES, the only way to
 * open a conversation), otherwise as text. The recipient is the phone in international form without `+`.
 */
export class WhatsappCloudChannel implements DeliveryChannel {
  readonly channel = 'whatsapp';
  readonly provider = 'whatsapp_cloud';
  readonly keepsBody = false;
  private readonly logger = new Logger(WhatsappCloudChannel.name);
  private readonly url: string;
  private readonly authorization: string;
  private readonly useTemplates: boolean;
  private readonly timeoutMs: number;

  constructor(config: NotificationConfig) {
    const { WHATSAPP_ACCESS_TOKEN: token, WHATSAPP_PHONE_NUMBER_ID: phoneNumberId } = config;
    if (token === undefined || phoneNumberId === undefined) {
      throw new Error('WHATSAPP_PROVIDER=cloud_api needs WHATSAPP_ACCESS_TOKEN and WHATSAPP_PHONE_NUMBER_ID');
    }
    const base = config.WHATSAPP_API_BASE_URL.replace(/\/+$/, '');
    this.url = `${base}/${config.WHATSAPP_API_VERSION}/${encodeURIComponent(phoneNumberId)}/messages`;
    this.authorization = `Bearer ${token}`;
    this.useTemplates = config.WHATSAPP_USE_TEMPLATES;
    this.timeoutMs = config.WHATSAPP_TIMEOUT_MS;
  }

  /** The request body the Cloud API documents for a text or a template message. */
  requestBody(message: OutgoingMessage): Record<string, unknown> {
    const common = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: message.to.replace(/^\+/, ''),
    };
    if (this.useTemplates && message.template) {
      return {
        ...common,
        type: 'template',
        template: {
          name: message.template.name,
          language: { code: message.locale },
          components: [
            {
              type: 'body',
              parameters: message.template.parameters.map((text) => ({ type: 'text', text })),
            },
            // Authentication templates repeat the code on their copy-code button (a URL button, index 0).
            ...(message.template.copyCode === undefined
              ? []
              : [
                  {
                    type: 'button',
                    sub_type: 'url',
                    index: '0',
                    parameters: [{ type: 'text', text: message.template.copyCode }],
                  },
                ]),
          ],
        },
      };
    }

    return { ...common, type: 'text', text: { preview_url: false, body: message.body } };
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const answer = await postToProvider(
      this.url,
      {
        headers: { Authorization: this.authorization, 'Content-Type': 'application/json' },
        body: JSON.stringify(this.requestBody(message)),
      },
      this.timeoutMs,
    );
    if ('unreachable' in answer) {
      this.logger.warn(`WhatsApp send of ${message.messageId} failed: ${answer.unreachable}`);

      return { outcome: 'retryable', error: `WHATSAPP_UNREACHABLE: ${answer.unreachable}` };
    }
    if (answer.status === 200) {
      const id = (answer.body as { messages?: { id?: unknown }[] } | undefined)?.messages?.[0]?.id;
      if (typeof id === 'string' && id.length > 0) return { outcome: 'sent', providerMessageId: id };

      // Meta took the request: retrying could send it twice.
      return { outcome: 'permanent', error: 'WHATSAPP_BAD_ANSWER: HTTP 200 without a message id' };
    }
    const error = (answer.body as GraphError | undefined)?.error;
    const code = typeof error?.code === 'number' ? error.code : undefined;
    const retryable =
      answer.status === 429 || answer.status >= 500 || (code !== undefined && RETRYABLE_CODES.has(code));
    const detail = [
      `HTTP ${answer.status}`,
      code === undefined ? undefined : `code ${code}`,
      clip(error?.message),
      clip(error?.error_data?.details),
    ]
      .filter((part) => part !== undefined)
      .join(' ');
    this.logger.warn(`WhatsApp refused ${message.messageId}: ${detail}`);

    return { outcome: retryable ? 'retryable' : 'permanent', error: `WHATSAPP_REJECTED: ${detail}` };
  }
}
