import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';

import { NOTIFICATION_CHANNELS, type NotificationChannel } from './events';

/**
 * `notification.messages.send` (service-only, never routed by the gateway): another service asks for a
 * message of its own wording to one user, e.g. a promotion. `request_id` makes it once-only: the same id
 * sent again adds nothing. Marketing reaches only the channels the user opted into.
 */
export class SendNotificationRequest {
  @IsUUID()
  request_id!: string;

  @IsUUID()
  user_id!: string;

  @IsIn(['transactional', 'marketing'])
  topic!: 'transactional' | 'marketing';

  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(NOTIFICATION_CHANNELS, { each: true })
  channels!: NotificationChannel[];

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  template!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  title!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  body!: string;
}

export interface SendNotificationReply {
  /** Messages recorded for delivery (0 when the user takes none of them, or on a repeat). */
  queued: number;
}
