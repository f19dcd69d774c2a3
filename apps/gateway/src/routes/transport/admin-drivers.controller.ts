import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TRANSPORT_SUBJECTS, type DriverPage, type DriverView } from '@ecom/contracts';
import { Roles, ServiceClient } from '@ecom/platform';

import { ApiProblems } from '../edge';
import { DriverDto, DriverPageDto } from './dto/transport-replies.dto';
import { AdminDriversQueryDto, SuspendDriverDto } from './dto/transport-requests.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/drivers')
export class AdminDriversController {
  constructor(private readonly transport: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'Drivers, newest first, optionally of one status (e.g. pending_approval)' })
  @ApiOkResponse({ type: DriverPageDto })
  @ApiProblems(400, 401, 403, 429, 503, 504)
  list(@Query() query: AdminDriversQueryDto): Promise<DriverPage> {
    return this.transport.request(TRANSPORT_SUBJECTS.listDrivers, query);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a driver: they may go online and take rides' })
  @ApiOkResponse({ type: DriverDto })
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  approve(@Param('id', new ParseUUIDPipe()) id: string): Promise<DriverView> {
    return this.transport.request(TRANSPORT_SUBJECTS.approveDriver, { driver_id: id });
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend a driver: offline at once, no new rides' })
  @ApiOkResponse({ type: DriverDto })
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  suspend(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: SuspendDriverDto): Promise<DriverView> {
    return this.transport.request(TRANSPORT_SUBJECTS.suspendDriver, { driver_id: id, reason: body.reason });
  }
}
