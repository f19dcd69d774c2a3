import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  NOTIFICATION_SUBJECTS,
  type DeviceView,
  type InAppNotificationPage,
  type InAppNotificationView,
  type NotificationPreferencesView,
  type UnreadCountView,
} from '@ecom/contracts';
import { ServiceClient } from '@ecom/platform';

import { ApiProblems } from '../edge';
import {
  DeviceDto,
  InAppNotificationDto,
  InAppNotificationPageDto,
  NotificationPageQueryDto,
  NotificationPreferencesDto,
  RegisterDeviceDto,
  UnreadCountDto,
  UnregisterDeviceDto,
  UpdateNotificationPreferencesDto,
} from './dto/notifications.dto';

/** The caller's inbox, preferences and devices: notification acts on the verified caller, never on an id from the client. */
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

  @Get('unread-count')
  @ApiOperation({ summary: 'How many of the caller’s in-app notifications are unread (for a badge)' })
  @ApiOkResponse({ type: UnreadCountDto })
  @ApiProblems(401, 403, 429, 503, 504)
  unreadCount(): Promise<UnreadCountView> {
    return this.notification.request(NOTIFICATION_SUBJECTS.unreadCount, {});
  }

  @Get('preferences')
  @ApiOperation({
    summary: 'The caller’s preferences per channel and topic, quiet hours and language',
    description:
      'Security and transactional messages are always sent; marketing only on the channels opted into. ' +
      'Quiet hours hold every message but security ones until they end.',
  })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  @ApiProblems(401, 403, 429, 503, 504)
  preferences(): Promise<NotificationPreferencesView> {
    return this.notification.request(NOTIFICATION_SUBJECTS.getPreferences, {});
  }

  @Put('preferences')
  @ApiOperation({ summary: 'Change the caller’s preferences; fields left out stay as they are' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  @ApiProblems(400, 401, 403, 429, 503, 504)
  updatePreferences(@Body() body: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesView> {
    return this.notification.request(NOTIFICATION_SUBJECTS.updatePreferences, body);
  }

  @Post('devices')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Register this install’s push token for the caller (again is harmless; a token moves to its last user)',
  })
  @ApiOkResponse({ type: DeviceDto })
  @ApiProblems(400, 401, 403, 429, 503, 504)
  registerDevice(@Body() body: RegisterDeviceDto): Promise<DeviceView> {
    return this.notification.request(NOTIFICATION_SUBJECTS.registerDevice, body);
  }

  @Delete('devices')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop pushing to one of the caller’s tokens (on sign-out)' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  async unregisterDevice(@Body() body: UnregisterDeviceDto): Promise<void> {
    await this.notification.request(NOTIFICATION_SUBJECTS.unregisterDevice, body);
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
