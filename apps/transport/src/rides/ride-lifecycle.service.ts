import { Injectable } from '@nestjs/common';
import {
  TRANSPORT_EVENTS,
  type Caller,
  type Coordinates,
  type GeoPoint,
  type RideStatus,
  type RideView,
} from '@ecom/contracts';
import { DomainError, EventPublisher, inTransaction } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import { TransportConfig } from '../config';
import { DriversRepository, type DriverRow } from '../drivers/drivers.repository';
import { chargedFare, checkCoordinates, commissionOf } from '../fares/fare-schedule';
import { FaresService } from '../fares/fares.service';
import { LiveUpdates } from '../live/live-updates';
import { rideEvent } from './ride-events';
import { RideMetrics } from './ride-metrics';
import { RideSettlementService } from './ride-settlement.service';
import { driverPosition, toRideView } from './ride-views';
import { RidesRepository, type RideRow } from './rides.repository';

/** Who may cancel from which status: the customer until the trip starts, the driver before it starts. */
const CANCELLABLE_BY: Readonly<Record<'customer' | 'driver', readonly RideStatus[]>> = {
  customer: ['requested', 'accepted', 'driver_arrived'],
  driver: ['accepted', 'driver_arrived'],
};

const EVENT_OF: Readonly<Partial<Record<RideStatus, string>>> = {
  driver_arrived: TRANSPORT_EVENTS.driverArrived,
  in_progress: TRANSPORT_EVENTS.rideStarted,
  completed: TRANSPORT_EVENTS.rideCompleted,
  cancelled: TRANSPORT_EVENTS.rideCancelled,
};

/** A ride after its acceptance: arrival, start, completion with its charge, cancellation, expiry. */
@Injectable()
export class RideLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: TransportConfig,
    private readonly fares: FaresService,
    private readonly drivers: DriversRepository,
    private readonly rides: RidesRepository,
    private readonly settlement: RideSettlementService,
    private readonly events: EventPublisher,
    private readonly live: LiveUpdates,
    private readonly metrics: RideMetrics,
  ) {}

  arrive(caller: Caller, rideId: string, at?: Coordinates): Promise<RideView> {
    return this.advance(caller, rideId, ['accepted'], 'driver_arrived', at);
  }

  start(caller: Caller, rideId: string, at?: Coordinates): Promise<RideView> {
    return this.advance(caller, rideId, ['accepted', 'driver_arrived'], 'in_progress', at);
  }

  /**
   * Ends the trip and charges it: the quote, unless the distance driven (from the driver's positions)
   * and the time taken price the trip beyond the margin. Never above the quote: it is what the rider
   * agreed to, what the wallet holds and what the cash intent expects.
   * The charge runs after the commit: a payment service away leaves the ride completed, payment `pending`.
   */
  async complete(caller: Caller, rideId: string, at?: Coordinates): Promise<RideView> {
    const position = at ? checkCoordinates(at, 'position') : null;
    const { ride, driver } = await inTransaction(this.dataSource, async (manager) => {
      const driverRow = await this.driverOf(manager, caller);
      const current = await this.rides.findById(manager, rideId);
      if (current?.driver_id !== driverRow.id) throw new DomainError('RIDE_NOT_FOUND');
      const here = position ?? driverPosition(driverRow);
      const fare = await this.fareOf(current, here);
      const row = await this.rides.complete(
        manager,
        rideId,
        driverRow.id,
        fare,
        commissionOf(fare, this.config.COMMISSION_PERCENT),
        here,
      );
      if (!row)
        throw new DomainError('RIDE_INVALID_TRANSITION', `A ${current.status} ride cannot be completed`);
      await this.drivers.release(manager, driverRow.id, row.id, true);
      await this.record(manager, row, driverRow, 'driver', here);

      return { ride: row, driver: driverRow };
    });
    this.live.status(ride.id, ride.status, position ?? driverPosition(driver));
    await this.settlement.settle(ride);

    return this.view(ride.id, driver);
  }

  /**
   * The customer or the driver cancels. A customer whose driver has been on the way longer than the
   * configured time pays the cancellation fee (wallet rides: captured from the hold, the driver paid);
   * otherwise the hold is released. Exactly one cancellation happens: the update is conditional on the
   * status read, and a change in between is read again.
   */
  async cancel(caller: Caller, rideId: string, reason?: string): Promise<RideView> {
    const { ride, driver } = await inTransaction(this.dataSource, async (manager) => {
      for (;;) {
        const current = await this.rides.findById(manager, rideId);
        if (!current) throw new DomainError('RIDE_NOT_FOUND');
        const driverRow = current.driver_id ? await this.drivers.findById(manager, current.driver_id) : null;
        const by = this.sideOf(caller, current, driverRow);
        if (!CANCELLABLE_BY[by].includes(current.status)) {
          throw new DomainError(
            'RIDE_INVALID_TRANSITION',
            `The ${by} cannot cancel a ${current.status} ride`,
          );
        }
        const fee = by === 'customer' ? this.feeFor(current) : 0;
        const row = await this.rides.cancel(manager, rideId, [current.status], by, reason ?? by, {
          amount: fee,
          commission: commissionOf(fee, this.config.COMMISSION_PERCENT),
        });
        if (!row) continue;
        if (driverRow) await this.drivers.release(manager, driverRow.id, row.id, false);
        await this.record(manager, row, driverRow, by, null, reason ?? null);

        return { ride: row, driver: driverRow };
      }
    });
    this.live.status(ride.id, ride.status, null);
    await this.settlement.settle(ride);

    return this.view(ride.id, driver);
  }

  /** Cancels requests nobody accepted in time (`no_driver`) and releases their holds, once each. */
  async expire(now: Date): Promise<number> {
    const expired = await inTransaction(this.dataSource, async (manager) => {
      const due = await this.rides.expiring(manager, now, 100);
      const rows: RideRow[] = [];
      for (const { id } of due) {
        const row = await this.rides.cancel(manager, id, ['requested'], 'system', 'no_driver', {
          amount: 0,
          commission: 0,
        });
        if (!row) continue;
        await this.record(manager, row, null, 'system', null, 'no_driver');
        rows.push(row);
      }

      return rows;
    });
    for (const ride of expired) {
      this.live.status(ride.id, ride.status, null);
      await this.settlement.settle(ride);
    }

    return expired.length;
  }

  private async advance(
    caller: Caller,
    rideId: string,
    from: readonly RideStatus[],
    to: 'driver_arrived' | 'in_progress',
    at?: Coordinates,
  ): Promise<RideView> {
    const position = at ? checkCoordinates(at, 'position') : null;
    const { ride, driver } = await inTransaction(this.dataSource, async (manager) => {
      const driverRow = await this.driverOf(manager, caller);
      const here = position ?? driverPosition(driverRow);
      const row = await this.rides.advance(manager, rideId, driverRow.id, from, to, here);
      if (!row) {
        const current = await this.rides.findById(manager, rideId);
        if (current?.driver_id !== driverRow.id) throw new DomainError('RIDE_NOT_FOUND');
        throw new DomainError('RIDE_INVALID_TRANSITION', `A ${current.status} ride cannot become ${to}`);
      }
      await this.record(manager, row, driverRow, 'driver', here);

      return { ride: row, driver: driverRow };
    });
    this.live.status(ride.id, ride.status, position ?? driverPosition(driver));

    return toRideView(ride, driver);
  }

  /** The timeline entry and the event of a change of status, in the transaction that made it. */
  private async record(
    manager: EntityManager,
    row: RideRow,
    driver: DriverRow | null,
    actor: 'customer' | 'driver' | 'system',
    position: GeoPoint | null,
    note: string | null = null,
  ): Promise<void> {
    await this.rides.addTimeline(manager, row.id, row.status, actor, position, note);
    this.metrics.entered(row.status);
    const type = EVENT_OF[row.status];
    if (type) {
      await this.events.publish(manager, type, rideEvent(row, driver?.user_id ?? null), {
        aggregateId: row.id,
      });
    }
  }

  private async driverOf(manager: EntityManager, caller: Caller): Promise<DriverRow> {
    const driver = await this.drivers.findByUser(manager, caller.user_id);
    if (!driver) throw new DomainError('DRIVER_NOT_FOUND');

    return driver;
  }

  /** Which side of the ride the caller is; anyone else is told the ride does not exist. */
  private sideOf(caller: Caller, ride: RideRow, driver: DriverRow | null): 'customer' | 'driver' {
    if (ride.customer_id === caller.user_id) return 'customer';
    if (driver?.user_id === caller.user_id) return 'driver';
    throw new DomainError('RIDE_NOT_FOUND');
  }

  private feeFor(ride: RideRow): number {
    if (ride.payment_method !== 'wallet' || !ride.accepted_at) return 0;
    const onTheWayS = (Date.now() - ride.accepted_at.getTime()) / 1000;

    return onTheWayS >= this.config.CANCELLATION_FEE_AFTER_SECONDS
      ? Math.min(this.config.CANCELLATION_FEE, ride.quoted_fare)
      : 0;
  }

  /** What the trip costs: the quote unless it was tracked and its own fare is beyond the margin. */
  private async fareOf(ride: RideRow, end: GeoPoint | null): Promise<number> {
    const lastLeg =
      end && ride.last_lat !== null && ride.last_lng !== null
        ? this.fares.legM({ lat: ride.last_lat, lng: ride.last_lng }, end)
        : 0;
    const travelledM = ride.travelled_m + lastLeg;
    // Without positions from the driver the trip is unknown: the quote stands.
    if (travelledM <= 0 || !ride.started_at) return ride.quoted_fare;
    const durationS = Math.round((Date.now() - ride.started_at.getTime()) / 1000);
    const actual = await this.fares.fareOfTrip(ride.service_type, Math.round(travelledM), durationS);
    const fare = chargedFare(ride.quoted_fare, actual, this.config.FARE_REPRICE_MARGIN_PERCENT);

    return Math.min(fare, ride.quoted_fare);
  }

  private async view(rideId: string, driver: DriverRow | null): Promise<RideView> {
    const row = await this.rides.findById(this.dataSource.manager, rideId);
    if (!row) throw new DomainError('RIDE_NOT_FOUND');

    return toRideView(row, driver);
  }
}
