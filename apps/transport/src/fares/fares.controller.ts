import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  EstimateRequest,
  NearbyDriversRequest,
  TRANSPORT_SUBJECTS,
  type FareEstimate,
  type NearbyDrivers,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { RideRequestsService } from '../rides/ride-requests.service';
import { ANY_ROLE } from '../security/caller';
import { FaresService } from './fares.service';

@Roles(...ANY_ROLE)
@Controller()
export class FaresController {
  constructor(
    private readonly fares: FaresService,
    private readonly requests: RideRequestsService,
  ) {}

  @MessagePattern(TRANSPORT_SUBJECTS.estimate)
  estimate(@Payload() request: EstimateRequest): Promise<FareEstimate> {
    return this.fares.estimate(request);
  }

  @MessagePattern(TRANSPORT_SUBJECTS.nearbyDrivers)
  nearby(@Payload() request: NearbyDriversRequest): Promise<NearbyDrivers> {
    return this.requests.nearby(request);
  }
}
