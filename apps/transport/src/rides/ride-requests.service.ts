import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import {
  SERVICE_VEHICLE_TYPES,
  serviceTypesOf,
  TRANSPORT_EVENTS,
  type Caller,
  type GeoPoint,
  type NearbyDrivers,
  type NearbyDriversRequest,
  type PendingRides,
  type RequestRideRequest,
  type RideView,
  type ServiceType,
} from '@ecom/contracts';
import { DomainError, EventPublisher, inTransaction } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import { TransportConfig } from '../config';
import { DriversRepository, type DriverRow, type NearbyDriverRow } from '../drivers/drivers.repository';
import { checkCoordinates, serviceTypeOf } from '../fares/fare-schedule';
import { FaresService } from '../fares/fares.service';
import { LiveUpdates } from '../live/live-updates';
import { rideEvent } from './ride-events';
import { RideMetrics } from './ride-metrics';
import { isRetryable, RidePayments } from './ride-payments';
import { driverPosition, toPendingRideView, toRideView } from './ride-views';
import { RidesRepository, type RideRow } from './rides.repository';

const PENDING_RIDES_SHOWN = 20;
const NEARBY_DRIVERS_SHOWN = 10;

/** Postgres's unique_violation: a partial unique index refused a second active ride. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

/** Rounds a position to about 100 m: enough for a map, not enough to follow someone. */
function blur(lat: number, lng: number): GeoPoint {
  return { lat: Math.round(lat * 1000) / 1000, lng: Math.round(lng * 1000) / 1000 };
}

/** A customer's request, the matching of drivers around it, and the first driver to accept it. */
@Injectable()
export class RideRequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: TransportConfig,
    private readonly fares: FaresService,
    private readonly drivers: DriversRepository,
    private readonly rides: RidesRepository,
    private readonly payments: RidePayments,
    private readonly events: EventPublisher,
    private readonly live: LiveUpdates,
    private readonly metrics: RideMetrics,
  ) {}

  /**
   * Available drivers of the right vehicles nearest to `point`, within the smallest of the search radii
   * that holds one: one nearest-first query up to the widest radius, cut at that step.
   */
  async nearestDrivers(
    point: GeoPoint,
    serviceType: ServiceType,
    limit: number,
  ): Promise<{ radiusM: number; drivers: NearbyDriverRow[] }> {
    const radii = [...this.config.SEARCH_RADII_M].sort((a, b) => a - b);
    const widest = radii.at(-1) ?? 0;
    const drivers = await this.drivers.nearby(
      this.dataSource.manager,
      point,
      {
        vehicleTypes: SERVICE_VEHICLE_TYPES[serviceType],
        radiusM: widest,
        staleSeconds: this.config.DRIVER_LOCATION_STALE_SECONDS,
      },
      limit,
    );
    const nearest = drivers[0];
    if (!nearest) return { radiusM: widest, drivers: [] };
    const radiusM = radii.find((radius) => radius >= nearest.distance_m) ?? widest;

    return { radiusM, drivers: drivers.filter((driver) => driver.distance_m <= radiusM) };
  }

  async nearby(request: NearbyDriversRequest): Promise<NearbyDrivers> {
    const point = checkCoordinates(request, 'position');
    const { drivers } = await this.nearestDrivers(
      point,
      serviceTypeOf(request.service_type),
      NEARBY_DRIVERS_SHOWN,
    );

    return {
      items: drivers.map((driver) => ({
        vehicle_type: driver.vehicle_type,
        distance_m: Math.round(driver.distance_m / 10) * 10,
        position: blur(driver.lat, driver.lng),
      })),
    };
  }

  /**
   * Quotes the trip, places the payment (a hold of the quoted fare for a wallet ride), then records the
   * request with its search radius: the smallest circle holding an available driver, the widest if none.
   */
  async request(caller: Caller, request: RequestRideRequest): Promise<RideView> {
    const quote = await this.fares.quote(request);
    if (await this.rides.findOpenByCustomer(this.dataSource.manager, caller.user_id)) {
      throw new DomainError('RIDE_ACTIVE_EXISTS');
    }
    const { radiusM } = await this.nearestDrivers(quote.pickup, quote.serviceType, 1);
    const rideId = randomUUID();
    const open = (): ReturnType<RidePayments['open']> =>
      this.payments.open(
        rideId,
        caller.user_id,
        request.payment_method,
        quote.fare,
        `Course ${quote.serviceType}`,
      );
    const intent = await open().catch(async (error: unknown) => {
      // No answer may still mean a hold was placed: the same key finds that intent, which is then dropped.
      if (isRetryable(error)) {
        await open()
          .then((placed) => this.payments.cancel(placed.id, 'ride_not_created'))
          .catch(() => undefined);
      }
      throw error;
    });
    try {
      const ride = await inTransaction(this.dataSource, async (manager) => {
        const row = await this.rides.insert(manager, {
          id: rideId,
          customerId: caller.user_id,
          serviceType: quote.serviceType,
          pickup: { lat: quote.pickup.lat, lng: quote.pickup.lng, address: request.pickup.address ?? null },
          destination: {
            lat: quote.destination.lat,
            lng: quote.destination.lng,
            address: request.destination.address ?? null,
          },
          distanceM: quote.distanceM,
          durationS: quote.durationS,
          searchRadiusM: radiusM,
          quotedFare: quote.fare,
          paymentMethod: request.payment_method,
          paymentStatus: request.payment_method === 'wallet' ? 'authorized' : 'awaiting_cash',
          paymentIntentId: intent.id,
          timeoutSeconds: this.config.RIDE_REQUEST_TIMEOUT_SECONDS,
        });
        if (!row) throw new DomainError('RIDE_ACTIVE_EXISTS');
        await this.rides.addTimeline(manager, row.id, 'requested', 'customer', quote.pickup);
        await this.events.publish(manager, TRANSPORT_EVENTS.rideRequested, rideEvent(row, null), {
          aggregateId: row.id,
        });

        return row;
      });
      this.metrics.entered('requested');

      return toRideView(ride, null);
    } catch (error) {
      // The ride does not exist: its hold must not outlive it.
      await this.payments.cancel(intent.id, 'ride_not_created').catch(() => undefined);
      throw error;
    }
  }

  /**
   * First wins. The driver row is claimed (approved, online, free) and the ride taken (still requested)
   * by two conditional updates in one transaction: a loser changes nothing and learns why.
   */
  async accept(caller: Caller, rideId: string): Promise<RideView> {
    const { ride, driver } = await inTransaction(this.dataSource, async (manager) => {
      const driverRow = await this.drivers.claim(manager, caller.user_id, rideId);
      if (!driverRow) throw await this.driverRefusal(manager, caller.user_id);
      const position = driverPosition(driverRow);
      let row: RideRow | null;
      try {
        row = await this.rides.accept(
          manager,
          rideId,
          driverRow.id,
          serviceTypesOf(driverRow.vehicle_type),
          position,
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw new DomainError('DRIVER_BUSY');
        throw error;
      }
      if (!row) throw await this.rideRefusal(manager, rideId, driverRow);
      await this.rides.addTimeline(manager, row.id, 'accepted', 'driver', position);
      await this.events.publish(manager, TRANSPORT_EVENTS.rideAccepted, rideEvent(row, driverRow.user_id), {
        aggregateId: row.id,
      });

      return { ride: row, driver: driverRow };
    });
    this.metrics.entered('accepted');
    this.live.status(ride.id, ride.status, driverPosition(driver));

    return toRideView(ride, driver);
  }

  async pendingRides(caller: Caller): Promise<PendingRides> {
    const driver = await this.drivers.findByUser(this.dataSource.manager, caller.user_id);
    if (!driver) throw new DomainError('DRIVER_NOT_FOUND');
    if (driver.status !== 'approved') throw new DomainError('DRIVER_NOT_APPROVED');
    const position = driverPosition(driver);
    // A driver who never sent a position is near nothing yet.
    if (!position) return { items: [] };
    const rows = await this.rides.pendingNear(
      this.dataSource.manager,
      position,
      serviceTypesOf(driver.vehicle_type),
      Math.max(...this.config.SEARCH_RADII_M),
      PENDING_RIDES_SHOWN,
    );

    return { items: rows.map(toPendingRideView) };
  }

  /** Why a driver could not be claimed for a ride. */
  private async driverRefusal(manager: EntityManager, userId: string): Promise<DomainError> {
    const driver = await this.drivers.findByUser(manager, userId);
    if (!driver) return new DomainError('DRIVER_NOT_FOUND');
    if (driver.status !== 'approved') return new DomainError('DRIVER_NOT_APPROVED');
    if (driver.current_ride_id) {
      return new DomainError('DRIVER_BUSY', undefined, { current_ride_id: driver.current_ride_id });
    }

    return new DomainError('CONFLICT', 'Go online before accepting rides');
  }

  /** Why a ride could not be taken: gone, not for this vehicle, no longer open, or someone was first. */
  private async rideRefusal(manager: EntityManager, rideId: string, driver: DriverRow): Promise<DomainError> {
    const ride = await this.rides.findById(manager, rideId);
    if (!ride) return new DomainError('RIDE_NOT_FOUND');
    if (ride.status === 'requested' && !serviceTypesOf(driver.vehicle_type).includes(ride.service_type)) {
      return new DomainError(
        'FORBIDDEN',
        `A ${driver.vehicle_type} cannot serve a ${ride.service_type} ride`,
      );
    }
    if (ride.status === 'requested' || ride.status === 'cancelled') {
      return new DomainError('RIDE_INVALID_TRANSITION', 'The request is no longer open');
    }
    this.metrics.lostRace();

    return new DomainError('RIDE_ALREADY_TAKEN');
  }
}
