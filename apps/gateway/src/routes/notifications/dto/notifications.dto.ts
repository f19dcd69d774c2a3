import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AdminListMessagesRequest,
  MESSAGE_STATUSES,
  NOTIFICATION_CHANNELS,
  NotificationPageRequest,
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

  @ApiProperty({ enum: MESSAGE_STATUSES })
  status!: MessageStatus;

  @ApiProperty({ example: 1 })
  attempts!: number;

  @ApiProperty({ nullable: true, type: String })
  last_error!: string | null;

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
