import { Inject, Injectable } from '@nestjs/common';
import {
  SERVICE_TYPES,
  type Caller,
  type EstimateRequest,
  type FareEstimate,
  type FareRatesView,
  type FareTable,
  type GeoPoint,
  type ServiceType,
  type SetFareRequest,
} from '@ecom/contracts';
import { DomainError } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { TransportConfig } from '../config';
import { FareOverridesRepository, type FareOverrideRow } from './fare-overrides.repository';
import {
  checkCoordinates,
  fareFor,
  fareRates,
  greatCircleM,
  serviceTypeOf,
  type FareRates,
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

function ratesOf(row: FareOverrideRow): FareRates {
  return { base: row.base, perKm: row.per_km, perMinute: row.per_minute, minimum: row.minimum };
}

/**
 * Prices trips: the configured rates of each service type, unless an admin set others (read from the
 * database at each quote, so every replica quotes alike the moment they change).
 */
@Injectable()
export class FaresService {
  private readonly configured: FareSchedule;

  constructor(
    config: TransportConfig,
    private readonly dataSource: DataSource,
    private readonly overrides: FareOverridesRepository,
    @Inject(ROUTE_PLANNER) private readonly routes: RoutePlanner,
  ) {
    this.configured = {
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
    if (greatCircleM(pickup, destination) < SAME_PLACE_M) {
      throw new DomainError('RIDE_SAME_PICKUP_DESTINATION');
    }
    const route = await this.routes.plan(pickup, destination);

    return {
      serviceType,
      pickup,
      destination,
      distanceM: route.distanceM,
      durationS: route.durationS,
      fare: fareFor(await this.ratesFor(serviceType), route.distanceM, route.durationS),
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
  async fareOfTrip(serviceType: ServiceType, distanceM: number, durationS: number): Promise<number> {
    return fareFor(await this.ratesFor(serviceType), distanceM, durationS);
  }

  async table(): Promise<FareTable> {
    const rows = await this.overrides.all(this.dataSource.manager);

    return {
      items: SERVICE_TYPES.map((serviceType) => {
        const row = rows.find((candidate) => candidate.service_type === serviceType);

        return this.view(serviceType, row ? ratesOf(row) : this.configured[serviceType], row ?? null);
      }),
    };
  }

  async set(admin: Caller, request: SetFareRequest): Promise<FareRatesView> {
    const serviceType = serviceTypeOf(request.service_type);
    const row = await this.overrides.upsert(
      this.dataSource.manager,
      serviceType,
      { base: request.base, perKm: request.per_km, perMinute: request.per_minute, minimum: request.minimum },
      admin.user_id,
    );

    return this.view(serviceType, ratesOf(row), row);
  }

  private async ratesFor(serviceType: ServiceType): Promise<FareRates> {
    const row = await this.overrides.find(this.dataSource.manager, serviceType);

    return row ? ratesOf(row) : this.configured[serviceType];
  }

  private view(serviceType: ServiceType, rates: FareRates, row: FareOverrideRow | null): FareRatesView {
    return {
      service_type: serviceType,
      base: rates.base,
      per_km: rates.perKm,
      per_minute: rates.perMinute,
      minimum: rates.minimum,
      currency: 'XOF',
      source: row ? 'admin' : 'config',
      updated_at: row?.updated_at.toISOString() ?? null,
    };
  }
}
