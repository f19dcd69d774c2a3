import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  NOTIFICATION_SUBJECTS,
  type InAppNotificationPage,
  type InAppNotificationView,
} from '@ecom/contracts';
import { ServiceClient } from '@ecom/platform';

import { ApiProblems } from '../edge';
import {
  InAppNotificationDto,
  InAppNotificationPageDto,
  NotificationPageQueryDto,
} from './dto/notifications.dto';

/** The caller's in-app inbox: notification acts on the verified caller, never on an id from the client. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notification: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s in-app notifications, newest first' })
  @ApiOkResponse({ type: InAppNotificationPageDto })
  @ApiProblems(400, 401, 403, 429, 503, 504)
  list(@Query() query: NotificationPageQueryDto): Promise<InAppNotificationPage> {
    return this.notification.request(NOTIFICATION_SUBJECTS.listInbox, query);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of the caller’s notifications read (again is harmless)' })
  @ApiOkResponse({ type: InAppNotificationDto })
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  markRead(@Param('id', new ParseUUIDPipe()) id: string): Promise<InAppNotificationView> {
    return this.notification.request(NOTIFICATION_SUBJECTS.markRead, { id });
  }
}
