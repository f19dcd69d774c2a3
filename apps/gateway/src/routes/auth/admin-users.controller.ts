import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AUTH_SUBJECTS, type UserPage, type UserView } from '@ecom/contracts';
import { Roles, ServiceClient } from '@ecom/platform';

import { ApiProblems } from '../edge';
import { UserDto, UserPageDto } from './dto/auth-replies.dto';
import { ListUsersQueryDto, SetUserStatusDto } from './dto/me-requests.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly auth: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'Users, newest first, filtered by type, status and text' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblems(400, 401, 403, 429, 503, 504)
  list(@Query() query: ListUsersQueryDto): Promise<UserPage> {
    return this.auth.request(AUTH_SUBJECTS.listUsers, query);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Suspend or reactivate an account',
    description:
      'Suspension ends every session at once: refresh tokens are revoked and access tokens refused.',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  setStatus(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: SetUserStatusDto): Promise<UserView> {
    return this.auth.request(AUTH_SUBJECTS.setUserStatus, { user_id: id, status: body.status });
  }
}
