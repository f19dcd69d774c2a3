import { Module } from '@nestjs/common';

import { AdminMessagesController } from './admin/admin-messages.controller';
import { SandboxReceiptsConsumer } from './channels/sandbox-receipts.consumer';
import { SandboxSmsChannel } from './channels/sandbox-sms.channel';
import { SMS_CHANNEL, type SmsChannel } from './channels/sms-channel';
import { TwilioSmsChannel } from './channels/twilio-sms.channel';
import { NotificationConfig } from './config';
import { InboxController } from './inbox/inbox.controller';
import { InboxService } from './inbox/inbox.service';
import { MessagesRepository } from './messages/messages.repository';
import { SmsDeliveryService } from './messages/sms-delivery.service';
import { OtpSmsConsumer } from './otp/otp-sms.consumer';
import { PrivacyController } from './privacy/privacy.controller';
import { PrivacyService } from './privacy/privacy.service';
import { UserErasedConsumer } from './privacy/user-erased.consumer';
import { WelcomeConsumer } from './welcome/welcome.consumer';

/** The SMS adapter SMS_PROVIDER names. */
function smsChannel(config: NotificationConfig): SmsChannel {
  switch (config.SMS_PROVIDER) {
    case 'sandbox':
      return new SandboxSmsChannel(config);
    case 'twilio':
      return new TwilioSmsChannel(config);
  }
}

/** Root of the notification service's features. */
@Module({
  controllers: [PrivacyController, InboxController, AdminMessagesController],
  providers: [
    { provide: SMS_CHANNEL, useFactory: smsChannel, inject: [NotificationConfig] },
    MessagesRepository,
    SmsDeliveryService,
    InboxService,
    PrivacyService,
    OtpSmsConsumer,
    WelcomeConsumer,
    UserErasedConsumer,
    SandboxReceiptsConsumer,
  ],
})
export class NotificationModule {}
