import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AdminListMessagesRequest,
  DEVICE_PLATFORMS,
  MESSAGE_STATUSES,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_LOCALES,
  NOTIFICATION_TOPICS,
  NotificationPageRequest,
  QuietHours,
  RegisterDeviceRequest,
  UnregisterDeviceRequest,
  UpdateNotificationPreferencesRequest,
  type DevicePlatform,
  type DeviceView,
  type NotificationLocale,
  type NotificationPreferencesView,
  type NotificationTopic,
  type UnreadCountView,
  type AdminMessagePage,
  type AdminMessageView,
  type InAppNotificationPage,
  type InAppNotificationView,
  type MessageStatus,
  type NotificationChannel,
} from '@ecom/contracts';

export class NotificationPageQueryDto extends NotificationPageRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  declare limit?: number;

  @ApiPropertyOptional({ description: 'The previous page’s `next_cursor`' })
  declare cursor?: string;
}

export class AdminMessagesQueryDto extends AdminListMessagesRequest {
  @ApiPropertyOptional({ enum: NOTIFICATION_CHANNELS })
  declare channel?: NotificationChannel;

  @ApiPropertyOptional({ enum: MESSAGE_STATUSES })
  declare status?: MessageStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  declare limit?: number;

  @ApiPropertyOptional({ description: 'The previous page’s `next_cursor`' })
  declare cursor?: string;
}

export class InAppNotificationDto implements InAppNotificationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'welcome' })
  template!: string;

  @ApiProperty({ example: 'Bienvenue sur Ecom, Afi ! Votre compte est prêt : …' })
  body!: string;

  @ApiProperty({ format: 'date-time', nullable: true })
  read_at!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class InAppNotificationPageDto implements InAppNotificationPage {
  @ApiProperty({ type: [InAppNotificationDto] })
  items!: InAppNotificationDto[];

  @ApiProperty({ nullable: true, type: String })
  next_cursor!: string | null;
}

export class AdminMessageDto implements AdminMessageView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  event_id!: string;

  @ApiProperty({ example: 'auth.otp.requested' })
  event_type!: string;

  @ApiProperty({ enum: NOTIFICATION_CHANNELS })
  channel!: NotificationChannel;

  @ApiProperty({ format: 'uuid', nullable: true })
  recipient_user_id!: string | null;

  @ApiProperty({ example: '+22890123456', description: 'Masked in production (`+22890****56`)' })
  recipient!: string;

  @ApiProperty({ example: 'otp.login' })
  template!: string;

  @ApiProperty({ example: 'fr' })
  locale!: string;

  @ApiProperty({ example: 'sandbox', nullable: true })
  provider!: string | null;

  @ApiProperty({
    enum: MESSAGE_STATUSES,
    description:
      '`queued`: waiting for a try (first, retry or end of quiet hours); `sending`: accepted by the provider, ' +
      'awaiting its receipt; `delivered`; `failed`: refused for good or out of tries (see `last_error`)',
  })
  status!: MessageStatus;

  @ApiProperty({ enum: NOTIFICATION_TOPICS, description: 'security messages fail over to the next channel' })
  topic!: NotificationTopic;

  @ApiProperty({ example: 1, description: 'Tries so far (each one recorded)' })
  attempts!: number;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    description: 'Next try of a queued message (retry backoff, end of quiet hours)',
  })
  next_attempt_at!: string | null;

  @ApiProperty({ nullable: true, type: String })
  last_error!: string | null;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    description: 'The failed security message this one re-sends on another channel',
  })
  failover_of!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'What the sandbox recorded (how a developer reads an OTP) and in-app notes; always null in production',
  })
  body!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;

  @ApiProperty({ format: 'date-time', nullable: true })
  delivered_at!: string | null;
}

export class AdminMessagePageDto implements AdminMessagePage {
  @ApiProperty({ type: [AdminMessageDto] })
  items!: AdminMessageDto[];

  @ApiProperty({ nullable: true, type: String })
  next_cursor!: string | null;
}

export class UnreadCountDto implements UnreadCountView {
  @ApiProperty({ example: 3, description: 'In-app notifications the caller has not marked read' })
  unread!: number;
}

export class QuietHoursDto extends QuietHours {
  @ApiProperty({ example: '22:00', description: 'HH:MM, Lomé time (UTC)' })
  declare start: string;

  @ApiProperty({ example: '07:00', description: 'HH:MM, Lomé time (UTC); before start spans midnight' })
  declare end: string;
}

class TopicSwitchesDto {
  @ApiProperty({ example: true, description: 'Always true: one-time codes and security alerts' })
  security!: boolean;

  @ApiProperty({ example: true, description: 'Always true: orders, payments, rides, transfers' })
  transactional!: boolean;

  @ApiProperty({ example: false, description: 'Opt-in, per channel' })
  marketing!: boolean;
}

class ChannelPreferencesDto implements Record<NotificationChannel, TopicSwitchesDto> {
  @ApiProperty({ type: TopicSwitchesDto })
  sms!: TopicSwitchesDto;

  @ApiProperty({ type: TopicSwitchesDto })
  whatsapp!: TopicSwitchesDto;

  @ApiProperty({ type: TopicSwitchesDto })
  email!: TopicSwitchesDto;

  @ApiProperty({ type: TopicSwitchesDto })
  push!: TopicSwitchesDto;

  @ApiProperty({ type: TopicSwitchesDto })
  in_app!: TopicSwitchesDto;
}

export class NotificationPreferencesDto implements NotificationPreferencesView {
  @ApiProperty({ enum: NOTIFICATION_LOCALES, example: 'fr' })
  locale!: NotificationLocale;

  @ApiProperty({
    type: QuietHoursDto,
    nullable: true,
    description: 'Non-security messages wait for its end',
  })
  quiet_hours!: QuietHoursDto | null;

  @ApiProperty({ type: ChannelPreferencesDto, description: 'Per channel and topic' })
  channels!: ChannelPreferencesDto;
}

export class UpdateNotificationPreferencesDto extends UpdateNotificationPreferencesRequest {
  @ApiPropertyOptional({ enum: NOTIFICATION_LOCALES })
  declare locale?: NotificationLocale;

  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true, description: 'null removes quiet hours' })
  declare quiet_hours?: QuietHoursDto | null;

  @ApiPropertyOptional({
    enum: NOTIFICATION_CHANNELS,
    isArray: true,
    example: ['push', 'in_app'],
    description: 'Channels accepting marketing; the others get none',
  })
  declare marketing_channels?: NotificationChannel[];
}

export class RegisterDeviceDto extends RegisterDeviceRequest {
  @ApiProperty({ description: 'FCM registration token of the app install', minLength: 16, maxLength: 512 })
  declare token: string;

  @ApiProperty({ enum: DEVICE_PLATFORMS })
  declare platform: DevicePlatform;
}

export class UnregisterDeviceDto extends UnregisterDeviceRequest {
  @ApiProperty({ maxLength: 512 })
  declare token: string;
}

export class DeviceDto implements DeviceView {
  @ApiProperty({ enum: DEVICE_PLATFORMS })
  platform!: DevicePlatform;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}
