import { IsIn, IsString, IsUUID } from 'class-validator';

/** Channels a message can go out on. */
export const NOTIFICATION_CHANNELS = ['sms', 'whatsapp', 'email', 'push', 'in_app'] as const;

export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const MESSAGE_STATUSES = ['queued', 'sending', 'delivered', 'failed'] as const;

export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * `notification.message.sent`: a provider accepted a message. Delivery is confirmed later by the
 * provider (a receipt); the sandbox confirms it by consuming this event.
 */
export class MessageSentEvent {
  @IsUUID()
  message_id!: string;

  @IsIn(NOTIFICATION_CHANNELS)
  channel!: NotificationChannel;

  @IsString()
  provider!: string;

  @IsString()
  provider_message_id!: string;
}
