import {
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

import { NestedInstance } from '../nested';
import { NOTIFICATION_CHANNELS, type NotificationChannel } from './events';

export const NOTIFICATION_LOCALES = ['fr', 'en'] as const;

export type NotificationLocale = (typeof NOTIFICATION_LOCALES)[number];

/**
 * Topics of messages: `transactional` (orders, payments, rides, transfers) and `security` (codes) are always
 * sent; `marketing` only on the channels the user opted into.
 */
export const NOTIFICATION_TOPICS = ['security', 'transactional', 'marketing'] as const;

export type NotificationTopic = (typeof NOTIFICATION_TOPICS)[number];

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A daily window, Lomé time (UTC), in which only security messages go out; may span midnight. */
export class QuietHours {
  @Matches(TIME_OF_DAY, { message: 'start must be HH:MM' })
  start!: string;

  @Matches(TIME_OF_DAY, { message: 'end must be HH:MM' })
  end!: string;
}

export interface NotificationPreferencesView {
  locale: NotificationLocale;
  quiet_hours: { start: string; end: string } | null;
  /** Per channel and topic: whether such messages reach the caller there. */
  channels: Record<NotificationChannel, Record<NotificationTopic, boolean>>;
}

/** Fields left out stay as they are; `quiet_hours: null` removes quiet hours. */
export class UpdateNotificationPreferencesRequest {
  @IsOptional()
  @IsIn(NOTIFICATION_LOCALES)
  locale?: NotificationLocale;

  @IsOptional()
  @ValidateNested()
  @NestedInstance(QuietHours)
  quiet_hours?: QuietHours | null;

  /** The channels on which the caller accepts marketing; the others get none. */
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(NOTIFICATION_CHANNELS, { each: true })
  marketing_channels?: NotificationChannel[];
}

export const DEVICE_PLATFORMS = ['android', 'ios', 'web'] as const;

export type DevicePlatform = (typeof DEVICE_PLATFORMS)[number];

export class RegisterDeviceRequest {
  @IsString()
  @MinLength(16)
  @MaxLength(512)
  token!: string;

  @IsIn(DEVICE_PLATFORMS)
  platform!: DevicePlatform;
}

export class UnregisterDeviceRequest {
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  token!: string;
}

export interface DeviceView {
  platform: DevicePlatform;
  created_at: string;
}

export interface UnreadCountView {
  unread: number;
}
