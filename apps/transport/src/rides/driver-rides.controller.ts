import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DriverLocationRequest,
  DriverStatusRequest,
  EarningsRequest,
  RideIdRequest,
  RideStepRequest,
  TRANSPORT_SUBJECTS,
  type DriverEarnings,
  type DriverLocationView,
  type DriverView,
  type PendingRides,
  type RideView,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { DriversService } from '../drivers/drivers.service';
import { EarningsService } from '../earnings/earnings.service';
import { currentCaller } from '../security/caller';
import { RideLifecycleService } from './ride-lifecycle.service';
import { RideRequestsService } from './ride-requests.service';

/** The driver's side: availability, position, requests around them, their ride's steps, earnings. */
@Roles('driver')
@Controller()
export class DriverRidesController {
  constructor(
    private readonly drivers: DriversService,
    private readonly requests: RideRequestsService,
    private readonly lifecycle: RideLifecycleService,
    private readonly earnings: EarningsService,
  ) {}

  @MessagePattern(TRANSPORT_SUBJECTS.setDriverStatus)
  setStatus(@Payload() request: DriverStatusRequest): Promise<DriverView> {
    return this.drivers.setStatus(currentCaller(), request);
  }

  @MessagePattern(TRANSPORT_SUBJECTS.updateLocation)
  updateLocation(@Payload() request: DriverLocationRequest): Promise<DriverLocationView> {
    return this.drivers.updateLocation(currentCaller(), request);
  }

  @MessagePattern(TRANSPORT_SUBJECTS.pendingRides)
  pending(): Promise<PendingRides> {
    return this.requests.pendingRides(currentCaller());
  }

  @MessagePattern(TRANSPORT_SUBJECTS.acceptRide)
  accept(@Payload() request: RideIdRequest): Promise<RideView> {
    return this.requests.accept(currentCaller(), request.ride_id);
  }

  @MessagePattern(TRANSPORT_SUBJECTS.arrive)
  arrive(@Payload() request: RideStepRequest): Promise<RideView> {
    return this.lifecycle.arrive(currentCaller(), request.ride_id, request.position);
  }

  @MessagePattern(TRANSPORT_SUBJECTS.startRide)
  start(@Payload() request: RideStepRequest): Promise<RideView> {
    return this.lifecycle.start(currentCaller(), request.ride_id, request.position);
  }

  @MessagePattern(TRANSPORT_SUBJECTS.completeRide)
  complete(@Payload() request: RideStepRequest): Promise<RideView> {
    return this.lifecycle.complete(currentCaller(), request.ride_id, request.position);
  }

  @MessagePattern(TRANSPORT_SUBJECTS.earnings)
  earningsOf(@Payload() request: EarningsRequest): Promise<DriverEarnings> {
    return this.earnings.earnings(currentCaller(), request);
  }
}
