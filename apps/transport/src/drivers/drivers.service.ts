import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import {
  TRANSPORT_EVENTS,
  type AdminDriversRequest,
  type Caller,
  type DriverLocationRequest,
  type DriverLocationView,
  type DriverPage,
  type DriverRegistrationRequest,
  type DriverStatusEvent,
  type DriverStatusRequest,
  type DriverView,
} from '@ecom/contracts';
import { decodeCursor, DomainError, EventPublisher, inTransaction, pageOf } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { TransportConfig } from '../config';
import { checkCoordinates } from '../fares/fare-schedule';
import { LiveUpdates } from '../live/live-updates';
import { toDriverView } from '../rides/ride-views';
import { RidesRepository } from '../rides/rides.repository';
import { DriversRepository, type DriverRow } from './drivers.repository';

const DEFAULT_PAGE = 20;

/** Drivers: registration and approval, online status and positions. */
@Injectable()
export class DriversService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: TransportConfig,
    private readonly drivers: DriversRepository,
    private readonly rides: RidesRepository,
    private readonly events: EventPublisher,
    private readonly live: LiveUpdates,
  ) {}

  /** A new driver waits for an admin's approval before they can go online. */
  async register(caller: Caller, request: DriverRegistrationRequest): Promise<DriverView> {
    const row = await this.drivers.insert(this.dataSource.manager, {
      id: randomUUID(),
      userId: caller.user_id,
      status: 'pending_approval',
      licenseNumber: request.license_number.trim().toUpperCase(),
      vehicleType: request.vehicle_type,
      vehiclePlate: request.vehicle_plate.trim().toUpperCase(),
      documents: request.documents ?? [],
    });
    if (!row) {
      const mine = await this.drivers.findByUser(this.dataSource.manager, caller.user_id);
      throw new DomainError(
        'DRIVER_ALREADY_REGISTERED',
        mine ? 'The user is already registered as a driver' : 'This licence number is already registered',
      );
    }

    return toDriverView(row);
  }

  async setStatus(caller: Caller, request: DriverStatusRequest): Promise<DriverView> {
    const position = request.location ? checkCoordinates(request.location, 'location') : null;
    const row = await this.drivers.setOnline(
      this.dataSource.manager,
      caller.user_id,
      request.is_online,
      position,
    );
    if (!row) throw await this.missing(caller.user_id);

    return toDriverView(row);
  }

  /**
   * Records the driver's position (at most one per DRIVER_LOCATION_MIN_INTERVAL_MS, refused beyond) and,
   * during a ride, adds the leg to the distance driven and shows it on the rider's live stream.
   */
  async updateLocation(caller: Caller, request: DriverLocationRequest): Promise<DriverLocationView> {
    const position = checkCoordinates(request, 'location');
    const manager = this.dataSource.manager;
    const row = await this.drivers.updateLocation(
      manager,
      caller.user_id,
      position,
      this.config.DRIVER_LOCATION_MIN_INTERVAL_MS,
    );
    if (!row) {
      const driver = await this.drivers.findByUser(manager, caller.user_id);
      if (driver?.status === 'approved') {
        throw new DomainError('DRIVER_LOCATION_TOO_FREQUENT', undefined, {
          min_interval_ms: this.config.DRIVER_LOCATION_MIN_INTERVAL_MS,
        });
      }
      throw await this.missing(caller.user_id);
    }
    if (row.current_ride_id) {
      const ride = await this.rides.track(manager, row.current_ride_id, position);
      if (ride) this.live.position(ride.id, ride.status, position);
    }

    return { location: position, recorded_at: (row.last_location_at ?? new Date()).toISOString() };
  }

  async list(request: AdminDriversRequest): Promise<DriverPage> {
    const limit = request.limit ?? DEFAULT_PAGE;
    const after = request.cursor ? decodeCursor(request.cursor) : null;
    const { rows, next } = pageOf(
      await this.drivers.page(this.dataSource.manager, request.status, after, limit),
      limit,
      (row) => row.created_at,
    );

    return { items: rows.map(toDriverView), next_cursor: next };
  }

  approve(driverId: string): Promise<DriverView> {
    return this.decide(driverId, 'approved', null);
  }

  suspend(driverId: string, reason: string | null): Promise<DriverView> {
    return this.decide(driverId, 'suspended', reason);
  }

  private async decide(
    driverId: string,
    status: 'approved' | 'suspended',
    reason: string | null,
  ): Promise<DriverView> {
    const row = await inTransaction(this.dataSource, async (manager) => {
      const changed = await this.drivers.setStatus(manager, driverId, status, reason);
      if (!changed) {
        const current = await this.drivers.findById(manager, driverId);
        if (!current) throw new DomainError('DRIVER_NOT_FOUND');

        return current;
      }
      const event: DriverStatusEvent = { driver_id: changed.id, user_id: changed.user_id, status, reason };
      await this.events.publish(
        manager,
        status === 'approved' ? TRANSPORT_EVENTS.driverApproved : TRANSPORT_EVENTS.driverSuspended,
        event,
        { aggregateId: changed.id },
      );

      return changed;
    });

    return toDriverView(row);
  }

  private async missing(userId: string): Promise<DomainError> {
    const driver: DriverRow | null = await this.drivers.findByUser(this.dataSource.manager, userId);

    return driver ? new DomainError('DRIVER_NOT_APPROVED') : new DomainError('DRIVER_NOT_FOUND');
  }
}
