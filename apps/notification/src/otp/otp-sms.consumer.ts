import { Injectable } from '@nestjs/common';
import { AUTH_EVENTS, OtpRequestedEvent, type EventEnvelope } from '@ecom/contracts';
import { OnEvent, SealedBox } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { NotificationConfig } from '../config';
import { Dispatcher, originOf } from '../delivery/dispatcher.service';
import { RecipientsRepository } from '../recipients/recipients.repository';
import { minutesLeft, otpMessage, toLocale } from '../templates/message-templates';

/**
 * Queues the one-time code auth asked for, as a security SMS (no quiet hours; WhatsApp then push if SMS
 * fails for good). The code arrives sealed (OTP_DELIVERY_KEY, bound to `otp_id`) and is opened only to
 * render the message, which is sealed again at rest until sent: it is never logged.
 */
@Injectable()
export class OtpSmsConsumer {
  private readonly sealer: SealedBox;

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly recipients: RecipientsRepository,
    config: NotificationConfig,
  ) {
    this.sealer = new SealedBox(config.OTP_DELIVERY_KEY);
  }

  @OnEvent(AUTH_EVENTS.otpRequested, { payload: OtpRequestedEvent })
  async onOtpRequested(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const otp = event.data as unknown as OtpRequestedEvent;
    // A box that does not open (wrong key, altered) throws: the event is retried, then dead-lettered.
    const code = this.sealer.open(otp.sealed_code, otp.otp_id);
    const minutes = minutesLeft(new Date(event.occurred_at), new Date(otp.expires_at));
    // A known phone gets the code in its owner's language; a new one (registration) in French.
    const locale = toLocale((await this.recipients.findByPhone(manager, otp.phone))?.locale);
    await this.dispatcher.toAddress(manager, originOf(event, `otp.${otp.purpose}`, 'security'), {
      channel: 'sms',
      address: otp.phone,
      userId: null,
      locale,
      content: otpMessage(code, minutes, locale),
    });
  }
}
