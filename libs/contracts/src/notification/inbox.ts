import { IsIn, IsOptional, IsUUID } from 'class-validator';

import { PageRequest } from '../paging';
import {
  MESSAGE_STATUSES,
  NOTIFICATION_CHANNELS,
  type MessageStatus,
  type NotificationChannel,
} from './events';

/** A page of the caller's notifications. */
export class NotificationPageRequest extends PageRequest {}

/** One note of the caller's in-app inbox. */
export interface InAppNotificationView {
  id: string;
  template: string;
  body: string;
  read_at: string | null;
  created_at: string;
}

export interface InAppNotificationPage {
  items: InAppNotificationView[];
  next_cursor: string | null;
}

export class MarkNotificationReadRequest {
  @IsUUID()
  id!: string;
}

export class AdminListMessagesRequest extends NotificationPageRequest {
  @IsOptional()
  @IsIn(NOTIFICATION_CHANNELS)
  channel?: NotificationChannel;

  @IsOptional()
  @IsIn(MESSAGE_STATUSES)
  status?: MessageStatus;
}

/**
 * A message as an admin sees it. Outside production `body` holds what the sandbox recorded (how a developer
 * reads an OTP) and `recipient` is whole; in production bodies are never shown and recipients are masked.
 */
export interface AdminMessageView {
  id: string;
  event_id: string;
  event_type: string;
  channel: NotificationChannel;
  recipient_user_id: string | null;
  recipient: string;
  template: string;
  locale: string;
  provider: string | null;
  status: MessageStatus;
  topic: 'security' | 'transactional' | 'marketing';
  /** Tries made so far; each is in the message's attempts. */
  attempts: number;
  /** When a queued message is tried next (a retry after backoff, the end of quiet hours). */
  next_attempt_at: string | null;
  last_error: string | null;
  /** The security message this one re-sends on another channel after it failed for good. */
  failover_of: string | null;
  body: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
}

export interface AdminMessagePage {
  items: AdminMessageView[];
  next_cursor: string | null;
}
