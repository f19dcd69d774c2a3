import { Inject, Injectable } from '@nestjs/common';
import type { EstimateRequest, FareEstimate, GeoPoint, ServiceType } from '@ecom/contracts';
import { DomainError } from '@ecom/platform';

import { TransportConfig } from '../config';
import {
  checkCoordinates,
  fareFor,
  greatCircleM,
  fareRates,
  serviceTypeOf,
  type FareSchedule,
} from './fare-schedule';
import { ROUTE_PLANNER, type RoutePlanner } from './route-planner';

/** A checked trip with its quote: what a request stores and an estimate answers. */
export interface Quote {
  serviceType: ServiceType;
  pickup: GeoPoint;
  destination: GeoPoint;
  distanceM: number;
  durationS: number;
  fare: number;
}

/** Closer than this, pickup and destination are the same place (a GPS fix wanders about that much). */
const SAME_PLACE_M = 50;

@Injectable()
export class FaresService {
  readonly schedule: FareSchedule;

  constructor(
    config: TransportConfig,
    @Inject(ROUTE_PLANNER) private readonly routes: RoutePlanner,
  ) {
    this.schedule = {
      taxi: fareRates(config.FARE_TAXI),
      moto: fareRates(config.FARE_MOTO),
      lux: fareRates(config.FARE_LUX),
      driver: fareRates(config.FARE_DRIVER),
      delivery: fareRates(config.FARE_DELIVERY),
    };
  }

  async quote(request: EstimateRequest): Promise<Quote> {
    const pickup = checkCoordinates(request.pickup, 'pickup');
    const destination = checkCoordinates(request.destination, 'destination');
    const serviceType = serviceTypeOf(request.service_type);
    if (greatCircleM(pickup, destination) < SAME_PLACE_M)
      throw new DomainError('RIDE_SAME_PICKUP_DESTINATION');
    const route = await this.routes.plan(pickup, destination);

    return {
      serviceType,
      pickup,
      destination,
      distanceM: route.distanceM,
      durationS: route.durationS,
      fare: fareFor(this.schedule[serviceType], route.distanceM, route.durationS),
    };
  }

  async estimate(request: EstimateRequest): Promise<FareEstimate> {
    const quote = await this.quote(request);

    return {
      service_type: quote.serviceType,
      distance_km: Math.round(quote.distanceM / 10) / 100,
      estimated_duration: Math.max(1, Math.round(quote.durationS / 60)),
      fare: quote.fare,
      currency: 'XOF',
    };
  }

  /** Great-circle length of one leg between two positions of a driver. */
  legM(from: GeoPoint, to: GeoPoint): number {
    return greatCircleM(from, to);
  }

  /** The fare of the trip as driven: what completion compares with the quote. */
  fareOfTrip(serviceType: ServiceType, distanceM: number, durationS: number): number {
    return fareFor(this.schedule[serviceType], distanceM, durationS);
  }
}
