import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AUTH_SUBJECTS,
  ListUsersRequest,
  SetUserStatusRequest,
  type UserPage,
  type UserView,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { callerId } from '../security/caller';
import { AdminUsersService } from './admin-users.service';

@Roles('admin')
@Controller()
export class AdminUsersController {
  constructor(private readonly users: AdminUsersService) {}

  @MessagePattern(AUTH_SUBJECTS.listUsers)
  list(@Payload() request: ListUsersRequest): Promise<UserPage> {
    return this.users.list(request);
  }

  @MessagePattern(AUTH_SUBJECTS.setUserStatus)
  setStatus(@Payload() request: SetUserStatusRequest): Promise<UserView> {
    return this.users.setStatus(callerId(), request);
  }
}
