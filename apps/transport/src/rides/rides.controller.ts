import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CancelRideRequest,
  RateRideRequest,
  RequestRideRequest,
  RideIdRequest,
  RidePageRequest,
  TRANSPORT_SUBJECTS,
  type RatingView,
  type RidePage,
  type RideView,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { RatingsService } from '../ratings/ratings.service';
import { ANY_ROLE, currentCaller } from '../security/caller';
import { RideLifecycleService } from './ride-lifecycle.service';
import { RideQueriesService } from './ride-queries.service';
import { RideRequestsService } from './ride-requests.service';

/** The customer's side of rides, and what either side of a ride may read or do. */
@Roles(...ANY_ROLE)
@Controller()
export class RidesController {
  constructor(
    private readonly requests: RideRequestsService,
    private readonly lifecycle: RideLifecycleService,
    private readonly queries: RideQueriesService,
    private readonly ratings: RatingsService,
  ) {}

  @Roles('client')
  @MessagePattern(TRANSPORT_SUBJECTS.requestRide)
  request(@Payload() request: RequestRideRequest): Promise<RideView> {
    return this.requests.request(currentCaller(), request);
  }

  @MessagePattern(TRANSPORT_SUBJECTS.listRides)
  list(@Payload() request: RidePageRequest): Promise<RidePage> {
    return this.queries.list(currentCaller(), request);
  }

  @MessagePattern(TRANSPORT_SUBJECTS.getRide)
  get(@Payload() request: RideIdRequest): Promise<RideView> {
    return this.queries.get(currentCaller(), request.ride_id);
  }

  @MessagePattern(TRANSPORT_SUBJECTS.cancelRide)
  cancel(@Payload() request: CancelRideRequest): Promise<RideView> {
    return this.lifecycle.cancel(currentCaller(), request.ride_id, request.reason);
  }

  @MessagePattern(TRANSPORT_SUBJECTS.rate)
  rate(@Payload() request: RateRideRequest): Promise<RatingView> {
    return this.ratings.rate(currentCaller(), request);
  }
}
