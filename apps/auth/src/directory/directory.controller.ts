import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AUTH_SUBJECTS, FindUserByPhoneRequest, UserSummaryRequest, type UserSummary } from '@ecom/contracts';

import { DirectoryService } from './directory.service';

/**
 * Service-only lookups (no `@Roles`: the gateway never routes to them, only services hold NATS
 * credentials): wallet finds a transfer's receiver by phone, marketplace and transport show names.
 */
@Controller()
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @MessagePattern(AUTH_SUBJECTS.findUserByPhone)
  findByPhone(@Payload() request: FindUserByPhoneRequest): Promise<UserSummary> {
    return this.directory.findByPhone(request);
  }

  @MessagePattern(AUTH_SUBJECTS.getUserSummary)
  summary(@Payload() request: UserSummaryRequest): Promise<UserSummary> {
    return this.directory.summary(request);
  }
}
