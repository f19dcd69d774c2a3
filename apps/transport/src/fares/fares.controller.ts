import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  EstimateRequest,
  NearbyDriversRequest,
  SetFareRequest,
  TRANSPORT_SUBJECTS,
  type FareEstimate,
  type FareRatesView,
  type FareTable,
  type NearbyDrivers,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { RideRequestsService } from '../rides/ride-requests.service';
import { ANY_ROLE, currentCaller } from '../security/caller';
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

  @Roles('admin')
  @MessagePattern(TRANSPORT_SUBJECTS.listFares)
  table(): Promise<FareTable> {
    return this.fares.table();
  }

  @Roles('admin')
  @MessagePattern(TRANSPORT_SUBJECTS.setFare)
  set(@Payload() request: SetFareRequest): Promise<FareRatesView> {
    return this.fares.set(currentCaller(), request);
  }
}
