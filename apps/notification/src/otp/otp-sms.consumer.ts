import { Injectable } from '@nestjs/common';
import { AUTH_EVENTS, OtpRequestedEvent, type EventEnvelope } from '@ecom/contracts';
import { OnEvent, SealedBox } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { NotificationConfig } from '../config';
import { SmsDeliveryService } from '../messages/sms-delivery.service';
import { minutesLeft, otpSms } from '../templates/message-templates';

/**
 * Sends the one-time code auth asked for. The code arrives sealed (OTP_DELIVERY_KEY, bound to `otp_id`)
 * and is opened only to render the SMS: it is never logged, and stored only by the sandbox provider.
 */
@Injectable()
export class OtpSmsConsumer {
  private readonly sealer: SealedBox;

  constructor(
    private readonly sms: SmsDeliveryService,
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
    await this.sms.send(manager, {
      event,
      to: otp.phone,
      recipientUserId: null,
      template: `otp.${otp.purpose}`,
      locale: 'fr',
      body: otpSms(code, minutes, 'fr'),
    });
  }
}
