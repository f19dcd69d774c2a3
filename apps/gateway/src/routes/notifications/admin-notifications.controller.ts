import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NOTIFICATION_SUBJECTS, type AdminMessagePage } from '@ecom/contracts';
import { Roles, ServiceClient } from '@ecom/platform';

import { ApiProblems } from '../edge';
import { AdminMessagePageDto, AdminMessagesQueryDto } from './dto/notifications.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/notifications')
export class AdminNotificationsController {
  constructor(private readonly notification: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: 'Every message sent, newest first, with channel, status and attempts',
    description:
      'Outside production the sandbox bodies are shown (how a developer reads the OTP sent to a phone) and ' +
      'recipients are whole; in production bodies are never returned and recipients are masked.',
  })
  @ApiOkResponse({ type: AdminMessagePageDto })
  @ApiProblems(400, 401, 403, 429, 503, 504)
  list(@Query() query: AdminMessagesQueryDto): Promise<AdminMessagePage> {
    return this.notification.request(NOTIFICATION_SUBJECTS.listMessages, query);
  }
}
