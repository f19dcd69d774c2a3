import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AdminDriversRequest,
  DriverIdRequest,
  DriverRegistrationRequest,
  SuspendDriverRequest,
  TRANSPORT_SUBJECTS,
  type DriverPage,
  type DriverView,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { ANY_ROLE, currentCaller } from '../security/caller';
import { DriversService } from './drivers.service';

/** Registration (any signed-in user applies) and the admins' approval. */
@Controller()
export class DriversController {
  constructor(private readonly drivers: DriversService) {}

  @Roles(...ANY_ROLE)
  @MessagePattern(TRANSPORT_SUBJECTS.registerDriver)
  register(@Payload() request: DriverRegistrationRequest): Promise<DriverView> {
    return this.drivers.register(currentCaller(), request);
  }

  @Roles('admin')
  @MessagePattern(TRANSPORT_SUBJECTS.listDrivers)
  list(@Payload() request: AdminDriversRequest): Promise<DriverPage> {
    return this.drivers.list(request);
  }

  @Roles('admin')
  @MessagePattern(TRANSPORT_SUBJECTS.approveDriver)
  approve(@Payload() request: DriverIdRequest): Promise<DriverView> {
    return this.drivers.approve(request.driver_id);
  }

  @Roles('admin')
  @MessagePattern(TRANSPORT_SUBJECTS.suspendDriver)
  suspend(@Payload() request: SuspendDriverRequest): Promise<DriverView> {
    return this.drivers.suspend(request.driver_id, request.reason ?? null);
  }
}
