import { Module } from '@nestjs/common';
import type { NotificationChannel } from '@ecom/contracts';

import { AdminMessagesController } from './admin/admin-messages.controller';
import { DELIVERY_CHANNELS, type DeliveryChannel, type DeliveryChannels } from './channels/delivery-channel';
import { FcmPushChannel } from './channels/fcm-push.channel';
import { SandboxChannel } from './channels/sandbox.channel';
import { SandboxReceiptsConsumer } from './channels/sandbox-receipts.consumer';
import { SmtpEmailChannel } from './channels/smtp-email.channel';
import { TwilioSmsChannel } from './channels/twilio-sms.channel';
import { WhatsappCloudChannel } from './channels/whatsapp-cloud.channel';
import { NotificationConfig } from './config';
import { DeliveryMetrics } from './delivery/delivery-metrics';
import { DeliveryWorker } from './delivery/delivery-worker';
import { Dispatcher } from './delivery/dispatcher.service';
import { MessageSealer } from './delivery/message-sealer';
import { SendController } from './delivery/send.controller';
import { SendService } from './delivery/send.service';
import { InboxController } from './inbox/inbox.controller';
import { InboxService } from './inbox/inbox.service';
import { MessagesRepository } from './messages/messages.repository';
import { OtpSmsConsumer } from './otp/otp-sms.consumer';
import { PreferencesController } from './preferences/preferences.controller';
import { PreferencesService } from './preferences/preferences.service';
import { PrivacyController } from './privacy/privacy.controller';
import { PrivacyService } from './privacy/privacy.service';
import { UserErasedConsumer } from './privacy/user-erased.consumer';
import { RecipientsRepository } from './recipients/recipients.repository';
import { OrderConsumer } from './triggers/order.consumer';
import { PaymentConsumer } from './triggers/payment.consumer';
import { RideConsumer } from './triggers/ride.consumer';
import { TransferConsumer } from './triggers/transfer.consumer';
import { WelcomeConsumer } from './welcome/welcome.consumer';

/** The adapter each `<CHANNEL>_PROVIDER` names; in_app needs none (stored is delivered). */
function deliveryChannels(config: NotificationConfig): DeliveryChannels {
  const adapters: DeliveryChannel[] = [
    config.SMS_PROVIDER === 'twilio' ? new TwilioSmsChannel(config) : new SandboxChannel('sms', config),
    config.WHATSAPP_PROVIDER === 'cloud_api'
      ? new WhatsappCloudChannel(config)
      : new SandboxChannel('whatsapp', config),
    config.PUSH_PROVIDER === 'fcm' ? new FcmPushChannel(config) : new SandboxChannel('push', config),
    config.EMAIL_PROVIDER === 'smtp' ? new SmtpEmailChannel(config) : new SandboxChannel('email', config),
  ];

  return new Map<NotificationChannel, DeliveryChannel>(adapters.map((adapter) => [adapter.channel, adapter]));
}

/** Root of the notification service's features. */
@Module({
  controllers: [
    PrivacyController,
    InboxController,
    AdminMessagesController,
    PreferencesController,
    SendController,
  ],
  providers: [
    { provide: DELIVERY_CHANNELS, useFactory: deliveryChannels, inject: [NotificationConfig] },
    MessagesRepository,
    RecipientsRepository,
    MessageSealer,
    DeliveryMetrics,
    Dispatcher,
    SendService,
    DeliveryWorker,
    InboxService,
    PreferencesService,
    PrivacyService,
    OtpSmsConsumer,
    WelcomeConsumer,
    OrderConsumer,
    PaymentConsumer,
    TransferConsumer,
    RideConsumer,
    UserErasedConsumer,
    SandboxReceiptsConsumer,
  ],
})
export class NotificationModule {}
