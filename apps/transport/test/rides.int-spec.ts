import { randomUUID } from 'node:crypto';

import {
  AUTH_EVENTS,
  rideLiveSubject,
  TRANSPORT_SUBJECTS,
  type DriverEarnings,
  type FareEstimate,
  type NearbyDrivers,
  type PendingRides,
  type PrivacyExportReply,
  type RatingView,
  type RideLiveUpdate,
  type RideView,
  type SweepResult,
} from '@ecom/contracts';
import { DomainError, type RunningApp } from '@ecom/platform';
import {
  eventEnvelope,
  LogCapture,
  PaymentStandIn,
  startService,
  TestBus,
  TestEnvironment,
  waitFor,
} from '@ecom/testing';
import { JSONCodec } from 'nats';
import { DataSource } from 'typeorm';

import type { TransportConfig } from '../src/config';
import { RideRequestsService } from '../src/rides/ride-requests.service';
import { transportService } from '../src/service';
import {
  ADMIN,
  caller,
  client,
  driverCaller,
  newTown,
  offset,
  onlineDriver,
  rideRequest,
  type Call,
  type Point,
} from './transport-kit';

const codec = JSONCodec();

/** The error code a call failed with, or `ok`. */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;

    return 'ok';
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

describe('rides on real Postgres and NATS, payment stood in', () => {
  let environment: TestEnvironment;
  let bus: TestBus;
  let service: RunningApp<TransportConfig>;
  let db: DataSource;
  let call: Call;
  let payment: PaymentStandIn;
  const logs = new LogCapture();

  const ride = (id: string): Promise<{ status: string; driver_id: string | null; payment_status: string }> =>
    db
      .query<{ status: string; driver_id: string | null; payment_status: string }[]>(
        'SELECT status, driver_id, payment_status FROM rides WHERE id = $1',
        [id],
      )
      .then((rows) => rows[0]!);

  /** A position from the driver, as their phone sends it every few seconds. */
  const move = async (userId: string, to: Point): Promise<void> => {
    await db.query("UPDATE drivers SET last_location_at = now() - interval '1 minute' WHERE user_id = $1", [
      userId,
    ]);
    await call(TRANSPORT_SUBJECTS.updateLocation, to, { user_id: userId, roles: ['driver'] });
  };

  /** An auth event as auth's outbox relay would publish it. */
  const publishAuthEvent = (type: string, userId: string): Promise<void> =>
    bus.publishEvent(eventEnvelope(type, { user_id: userId }));

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    bus = await TestBus.connect(environment);
    payment = new PaymentStandIn(bus);
    payment.serveStatements(bus);
    service = await startService(
      transportService,
      environment,
      {
        RIDE_SWEEP_INTERVAL_MS: '3600000',
        RPC_TIMEOUT_MS: '1000',
      },
      logs,
    );
    db = service.app.get(DataSource);
    call = caller(bus);
  });

  afterAll(async () => {
    if (process.env['SHOW_LOGS']) process.stdout.write(logs.text());
    await service.close();
    await bus.close();
    await environment.destroy();
  });

  describe('nearest drivers', () => {
    it('answers drivers in distance order within the radius, never offline, busy, unapproved or stale', async () => {
      const town = newTown();
      const near = await onlineDriver(call, offset(town, 300));
      const middle = await onlineDriver(call, offset(town, 0, -800));
      const far = await onlineDriver(call, offset(town, -1500));
      await onlineDriver(call, offset(town, 9000));
      const offline = await onlineDriver(call, offset(town, 100));
      await call(TRANSPORT_SUBJECTS.setDriverStatus, { is_online: false }, offline.caller);
      const stale = await onlineDriver(call, offset(town, 120));
      await db.query("UPDATE drivers SET last_location_at = now() - interval '10 minutes' WHERE id = $1", [
        stale.driver.id,
      ]);
      const unapproved = driverCaller();
      await call(
        TRANSPORT_SUBJECTS.registerDriver,
        {
          license_number: `TG-P-${randomUUID().slice(0, 8)}`,
          vehicle_type: 'taxi',
          vehicle_plate: 'TG 9 ZZ',
        },
        unapproved,
      );
      expect(
        await outcome(
          call(
            TRANSPORT_SUBJECTS.setDriverStatus,
            { is_online: true, location: offset(town, 50) },
            unapproved,
          ),
        ),
      ).toBe('DRIVER_NOT_APPROVED');
      await onlineDriver(call, offset(town, 110), 'moto');
      // A busy driver: the one at 150 m takes another customer's ride.
      const busy = await onlineDriver(call, offset(town, 150));
      const other = await call<RideView>(
        TRANSPORT_SUBJECTS.requestRide,
        rideRequest(offset(town, 150), offset(town, 3000)),
        client(),
      );
      await call(TRANSPORT_SUBJECTS.acceptRide, { ride_id: other.id }, busy.caller);

      const found = await service.app.get(RideRequestsService).nearestDrivers(town, 'taxi', 10);

      expect(found.radiusM).toBe(2000);
      expect(found.drivers.map((driver) => driver.id)).toEqual([
        near.driver.id,
        middle.driver.id,
        far.driver.id,
      ]);
      expect(found.drivers.map((driver) => Math.round(driver.distance_m / 10) * 10)).toEqual([
        300, 800, 1500,
      ]);
      // A rider's map shows the same drivers, without identity; `moto` finds the moto.
      const map = await call<NearbyDrivers>(
        TRANSPORT_SUBJECTS.nearbyDrivers,
        { ...town, service_type: 'taxi' },
        client(),
      );
      expect(map.items.map((item) => item.distance_m)).toEqual([300, 800, 1500]);
      expect(map.items[0]).not.toHaveProperty('id');
      const motos = await call<NearbyDrivers>(
        TRANSPORT_SUBJECTS.nearbyDrivers,
        { ...town, service_type: 'moto' },
        client(),
      );
      expect(motos.items).toHaveLength(1);
    });

    it('widens the search in steps when no driver is close', async () => {
      const town = newTown();
      const distant = await onlineDriver(call, offset(town, 4000));

      const found = await service.app.get(RideRequestsService).nearestDrivers(town, 'taxi', 10);

      expect(found).toMatchObject({ radiusM: 5000, drivers: [{ id: distant.driver.id }] });
    });
  });

  describe('first wins', () => {
    it('gives a ride to exactly one of 10 drivers accepting at once; the others get RIDE_ALREADY_TAKEN', async () => {
      const town = newTown();
      const drivers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => onlineDriver(call, offset(town, 100 + i * 50))),
      );
      const customer = client();
      const requested = await call<RideView>(
        TRANSPORT_SUBJECTS.requestRide,
        rideRequest(town, offset(town, 4000)),
        customer,
      );
      // Every one of them sees the request near them.
      for (const { caller: who } of drivers) {
        const pending = await call<PendingRides>(TRANSPORT_SUBJECTS.pendingRides, {}, who);
        expect(pending.items.map((item) => item.id)).toContain(requested.id);
      }

      const outcomes = await Promise.all(
        drivers.map(({ caller: who }) =>
          outcome(call(TRANSPORT_SUBJECTS.acceptRide, { ride_id: requested.id }, who)),
        ),
      );

      expect(outcomes.filter((result) => result === 'ok')).toHaveLength(1);
      expect(outcomes.filter((result) => result === 'RIDE_ALREADY_TAKEN')).toHaveLength(9);
      const winner = drivers[outcomes.indexOf('ok')]!;
      expect(await (await fetch(`${service.url}/metrics`)).text()).toContain(
        'ecom_transport_accept_lost_total{app="transport"} 9',
      );
      expect(await ride(requested.id)).toMatchObject({ status: 'accepted', driver_id: winner.driver.id });
      const holding = await db.query<{ id: string }[]>('SELECT id FROM drivers WHERE current_ride_id = $1', [
        requested.id,
      ]);
      expect(holding).toEqual([{ id: winner.driver.id }]);
      // The ride left every other driver's list.
      const pending = await call<PendingRides>(TRANSPORT_SUBJECTS.pendingRides, {}, drivers[0]!.caller);
      expect(pending.items.map((item) => item.id)).not.toContain(requested.id);
    });

    it('refuses a driver already on a ride another one (DRIVER_BUSY)', async () => {
      const town = newTown();
      const { caller: who } = await onlineDriver(call, town);
      const first = await call<RideView>(
        TRANSPORT_SUBJECTS.requestRide,
        rideRequest(town, offset(town, 3000)),
        client(),
      );
      const second = await call<RideView>(
        TRANSPORT_SUBJECTS.requestRide,
        rideRequest(town, offset(town, 2500)),
        client(),
      );
      await call(TRANSPORT_SUBJECTS.acceptRide, { ride_id: first.id }, who);

      expect(await outcome(call(TRANSPORT_SUBJECTS.acceptRide, { ride_id: second.id }, who))).toBe(
        'DRIVER_BUSY',
      );
      expect(await ride(second.id)).toMatchObject({ status: 'requested', driver_id: null });
    });
  });

  describe('refusals with a clear code', () => {
    const estimate = (body: Record<string, unknown>): Promise<string> =>
      outcome(call<FareEstimate>(TRANSPORT_SUBJECTS.estimate, body, client()));

    it('quotes a trip and names each bad input', async () => {
      const quote = await call<FareEstimate>(
        TRANSPORT_SUBJECTS.estimate,
        { pickup: LOME_MARKET, destination: offset(LOME_MARKET, 5000), service_type: 'moto' },
        client(),
      );
      expect(quote).toMatchObject({ service_type: 'moto', currency: 'XOF' });
      expect(quote.distance_km).toBeCloseTo(6.5, 1);
      expect(Number.isInteger(quote.fare)).toBe(true);

      expect(
        await estimate({ pickup: { lat: 91, lng: 1 }, destination: LOME_MARKET, service_type: 'taxi' }),
      ).toBe('COORDINATES_INVALID');
      expect(await estimate({ pickup: LOME_MARKET, destination: LOME_MARKET, service_type: 'taxi' })).toBe(
        'RIDE_SAME_PICKUP_DESTINATION',
      );
      expect(
        await estimate({
          pickup: LOME_MARKET,
          destination: offset(LOME_MARKET, 900),
          service_type: 'helicopter',
        }),
      ).toBe('RIDE_SERVICE_TYPE_UNKNOWN');
    });

    it('keeps clients out of driver subjects and refuses location spam', async () => {
      expect(await outcome(call(TRANSPORT_SUBJECTS.pendingRides, {}, client()))).toBe('FORBIDDEN');
      expect(await outcome(call(TRANSPORT_SUBJECTS.acceptRide, { ride_id: randomUUID() }, client()))).toBe(
        'FORBIDDEN',
      );
      const town = newTown();
      const { caller: who } = await onlineDriver(call, town);
      await db.query("UPDATE drivers SET last_location_at = now() - interval '1 minute' WHERE user_id = $1", [
        who.user_id,
      ]);

      expect(await outcome(call(TRANSPORT_SUBJECTS.updateLocation, offset(town, 10), who))).toBe('ok');
      expect(await outcome(call(TRANSPORT_SUBJECTS.updateLocation, offset(town, 20), who))).toBe(
        'DRIVER_LOCATION_TOO_FREQUENT',
      );
    });

    it('refuses a second open ride for one customer and a request the wallet cannot hold', async () => {
      const town = newTown();
      const customer = client();
      await call(TRANSPORT_SUBJECTS.requestRide, rideRequest(town, offset(town, 3000)), customer);
      expect(
        await outcome(call(TRANSPORT_SUBJECTS.requestRide, rideRequest(town, offset(town, 2000)), customer)),
      ).toBe('RIDE_ACTIVE_EXISTS');

      const broke = client();
      payment.brokePayers.add(broke.user_id);
      expect(
        await outcome(call(TRANSPORT_SUBJECTS.requestRide, rideRequest(town, offset(town, 2000)), broke)),
      ).toBe('WALLET_INSUFFICIENT_FUNDS');
      expect(await db.query('SELECT id FROM rides WHERE customer_id = $1', [broke.user_id])).toEqual([]);
    });
  });

  describe('a wallet ride from request to ratings', () => {
    it('holds the quote, captures it at completion with the driver paid net of commission', async () => {
      const town = newTown();
      const driver = await onlineDriver(call, offset(town, 200));
      const customer = client();
      const requested = await call<RideView>(
        TRANSPORT_SUBJECTS.requestRide,
        rideRequest(town, offset(town, 3000)),
        customer,
      );
      const intent = payment.ofRide(requested.id);
      expect(intent.request).toMatchObject({
        purpose: 'ride',
        method: 'wallet',
        capture: 'manual',
        amount: requested.fare,
        payer_id: customer.user_id,
      });
      expect(requested).toMatchObject({ status: 'requested', payment_status: 'authorized' });

      const updates: RideLiveUpdate[] = [];
      const live = bus.connection.subscribe(bus.naming.rpc(rideLiveSubject(requested.id)), {
        callback: (_error, message) => updates.push(codec.decode(message.data) as RideLiveUpdate),
      });
      await call(TRANSPORT_SUBJECTS.acceptRide, { ride_id: requested.id }, driver.caller);
      await call(TRANSPORT_SUBJECTS.arrive, { ride_id: requested.id, position: town }, driver.caller);
      await call(TRANSPORT_SUBJECTS.startRide, { ride_id: requested.id }, driver.caller);
      // The streets of the quote: about 3.9 km for 3 km as the crow flies, in about 11 minutes.
      await db.query("UPDATE rides SET started_at = now() - interval '11 minutes' WHERE id = $1", [
        requested.id,
      ]);
      for (const [north, east] of [
        [0, 450],
        [1500, 450],
        [3000, 450],
      ] as const) {
        await move(driver.caller.user_id, offset(town, north, east));
      }
      const completed = await call<RideView>(
        TRANSPORT_SUBJECTS.completeRide,
        { ride_id: requested.id, position: offset(town, 3000) },
        driver.caller,
      );
      live.unsubscribe();

      // Driven as quoted (3 km north, within the margin): the quote is charged.
      expect(completed).toMatchObject({ status: 'completed', payment_status: 'paid', fare: requested.fare });
      expect(intent.captures).toHaveLength(1);
      const capture = intent.captures[0]!;
      expect(capture.payee).toEqual({ type: 'driver', id: driver.driver.id });
      expect(capture.amount).toBe(requested.fare);
      expect(capture.commission_amount).toBe(Math.floor((requested.fare * 15) / 100));
      expect(completed.commission_amount).toBe(capture.commission_amount);
      await waitFor(() => updates.some((update) => update.kind === 'position') && updates.length >= 5, {
        what: 'the live updates',
      });
      expect(updates.filter((u) => u.kind === 'status').map((u) => u.status)).toEqual([
        'accepted',
        'driver_arrived',
        'in_progress',
        'completed',
      ]);

      const seen = await call<RideView>(TRANSPORT_SUBJECTS.getRide, { ride_id: requested.id }, customer);
      expect(seen.timeline?.map((entry) => entry.status)).toEqual([
        'requested',
        'accepted',
        'driver_arrived',
        'in_progress',
        'completed',
      ]);
      expect(seen.timeline?.every((entry) => entry.position !== null)).toBe(true);
      expect(seen.driver?.position).toBeNull();
      expect(await outcome(call(TRANSPORT_SUBJECTS.getRide, { ride_id: requested.id }, client()))).toBe(
        'RIDE_NOT_FOUND',
      );

      // Events for notification and analytics, in the outbox with the changes.
      const types = await db.query<{ type: string }[]>(
        "SELECT type FROM outbox WHERE envelope->'data'->>'ride_id' = $1 ORDER BY created_at",
        [requested.id],
      );
      expect(types.map((row) => row.type)).toEqual([
        'transport.ride.requested',
        'transport.ride.accepted',
        'transport.ride.driver_arrived',
        'transport.ride.started',
        'transport.ride.completed',
      ]);

      // Earnings from the ledger's lines, joined with the ride.
      const earnings = await call<DriverEarnings>(TRANSPORT_SUBJECTS.earnings, {}, driver.caller);
      expect(earnings).toMatchObject({ rides: 1, gross: requested.fare });
      expect(earnings.net + earnings.commission).toBe(earnings.gross);
      expect(earnings.lines).toEqual([
        expect.objectContaining({
          ride_id: requested.id,
          fare: requested.fare,
          commission: capture.commission_amount,
          net: requested.fare - capture.commission_amount!,
          payment_method: 'wallet',
        }),
      ]);

      // Each side rates the other once; the averages follow.
      const rated = await call<RatingView>(
        TRANSPORT_SUBJECTS.rate,
        { ride_id: requested.id, rating: 4, comment: 'Ponctuel' },
        customer,
      );
      expect(rated).toMatchObject({ rater: 'customer', rating: 4 });
      expect(
        await outcome(call(TRANSPORT_SUBJECTS.rate, { ride_id: requested.id, rating: 1 }, customer)),
      ).toBe('RIDE_ALREADY_RATED');
      await call(TRANSPORT_SUBJECTS.rate, { ride_id: requested.id, rating: 5 }, driver.caller);
      const [driverRow] = await db.query<{ rating_sum: number; rating_count: number; total_rides: number }[]>(
        'SELECT rating_sum, rating_count, total_rides FROM drivers WHERE id = $1',
        [driver.driver.id],
      );
      expect(driverRow).toEqual({ rating_sum: 4, rating_count: 1, total_rides: 1 });
      const [rider] = await db.query<{ rating_sum: number }[]>(
        'SELECT rating_sum FROM riders WHERE user_id = $1',
        [customer.user_id],
      );
      expect(rider).toEqual({ rating_sum: 5 });
    });

    it('charges the trip driven when it is far shorter than quoted: a cash rider getting off early', async () => {
      const town = newTown();
      const driver = await onlineDriver(call, town);
      const requested = await call<RideView>(
        TRANSPORT_SUBJECTS.requestRide,
        rideRequest(town, offset(town, 6000), 'cash'),
        client(),
      );
      expect(payment.ofRide(requested.id).request).toMatchObject({ method: 'cash_on_delivery' });
      await call(TRANSPORT_SUBJECTS.acceptRide, { ride_id: requested.id }, driver.caller);
      await call(TRANSPORT_SUBJECTS.startRide, { ride_id: requested.id, position: town }, driver.caller);
      await move(driver.caller.user_id, offset(town, 800));
      const completed = await call<RideView>(
        TRANSPORT_SUBJECTS.completeRide,
        { ride_id: requested.id, position: offset(town, 1500) },
        driver.caller,
      );

      expect(completed.fare).toBeLessThan(requested.fare * 0.8);
      expect(completed).toMatchObject({ payment_status: 'paid' });
      expect(payment.ofRide(requested.id).cash).toEqual([
        expect.objectContaining({
          amount: completed.fare,
          payee: { type: 'driver', id: driver.driver.id },
          commission_amount: Math.floor((completed.fare * 15) / 100),
        }),
      ]);
    });

    it('never charges more than the quote, even after a long detour', async () => {
      const town = newTown();
      const driver = await onlineDriver(call, town);
      const requested = await call<RideView>(
        TRANSPORT_SUBJECTS.requestRide,
        rideRequest(town, offset(town, 2000)),
        client(),
      );
      await call(TRANSPORT_SUBJECTS.acceptRide, { ride_id: requested.id }, driver.caller);
      await call(TRANSPORT_SUBJECTS.startRide, { ride_id: requested.id, position: town }, driver.caller);
      await move(driver.caller.user_id, offset(town, 0, 4000));
      const completed = await call<RideView>(
        TRANSPORT_SUBJECTS.completeRide,
        { ride_id: requested.id, position: offset(town, 2000) },
        driver.caller,
      );

      expect(completed.fare).toBe(requested.fare);
      expect(payment.ofRide(requested.id).captures).toEqual([
        expect.objectContaining({ amount: requested.fare }),
      ]);
    });

    it('leaves a ride completed with payment pending when the capture gets no answer, and settles it later', async () => {
      const town = newTown();
      const driver = await onlineDriver(call, town);
      const requested = await call<RideView>(
        TRANSPORT_SUBJECTS.requestRide,
        rideRequest(town, offset(town, 2000)),
        client(),
      );
      await call(TRANSPORT_SUBJECTS.acceptRide, { ride_id: requested.id }, driver.caller);
      await call(TRANSPORT_SUBJECTS.startRide, { ride_id: requested.id }, driver.caller);
      payment.captureMode = 'hang';
      try {
        const completed = await call<RideView>(
          TRANSPORT_SUBJECTS.completeRide,
          { ride_id: requested.id },
          driver.caller,
        );
        expect(completed).toMatchObject({ status: 'completed', payment_status: 'pending' });
        expect(completed.payment_error).toContain('did not answer');
      } finally {
        payment.captureMode = 'answer';
      }
      // The driver is free for the next ride all the same.
      expect(await db.query('SELECT current_ride_id FROM drivers WHERE id = $1', [driver.driver.id])).toEqual(
        [{ current_ride_id: null }],
      );

      await call<SweepResult>(TRANSPORT_SUBJECTS.sweep, { now: new Date(Date.now() + 60_000).toISOString() });

      expect(await ride(requested.id)).toMatchObject({ status: 'completed', payment_status: 'paid' });
      expect(payment.ofRide(requested.id).captures).toHaveLength(1);
    });
  });

  describe('cancellation and expiry', () => {
    it('releases the hold once when the customer cancels a request', async () => {
      const town = newTown();
      const customer = client();
      const requested = await call<RideView>(
        TRANSPORT_SUBJECTS.requestRide,
        rideRequest(town, offset(town, 2000)),
        customer,
      );

      const cancelled = await call<RideView>(
        TRANSPORT_SUBJECTS.cancelRide,
        { ride_id: requested.id },
        customer,
      );
      expect(await outcome(call(TRANSPORT_SUBJECTS.cancelRide, { ride_id: requested.id }, customer))).toBe(
        'RIDE_INVALID_TRANSITION',
      );
      await call(TRANSPORT_SUBJECTS.sweep, { now: new Date(Date.now() + 3_600_000).toISOString() });

      expect(cancelled).toMatchObject({
        status: 'cancelled',
        cancelled_by: 'customer',
        payment_status: 'released',
      });
      expect(payment.ofRide(requested.id).cancels).toBe(1);
      expect(payment.ofRide(requested.id).captures).toEqual([]);
    });

    it('charges the cancellation fee once the driver has been on the way long enough, and pays the driver', async () => {
      const town = newTown();
      const driver = await onlineDriver(call, town);
      const customer = client();
      const requested = await call<RideView>(
        TRANSPORT_SUBJECTS.requestRide,
        rideRequest(town, offset(town, 2000)),
        customer,
      );
      await call(TRANSPORT_SUBJECTS.acceptRide, { ride_id: requested.id }, driver.caller);
      await db.query("UPDATE rides SET accepted_at = now() - interval '6 minutes' WHERE id = $1", [
        requested.id,
      ]);

      const cancelled = await call<RideView>(
        TRANSPORT_SUBJECTS.cancelRide,
        { ride_id: requested.id, reason: 'changed my mind' },
        customer,
      );

      expect(cancelled).toMatchObject({ status: 'cancelled', cancellation_fee: 500, payment_status: 'paid' });
      expect(payment.ofRide(requested.id).captures).toEqual([
        expect.objectContaining({
          amount: 500,
          payee: { type: 'driver', id: driver.driver.id },
          commission_amount: 75,
        }),
      ]);
      // The driver is free again, and may not cancel a finished ride.
      expect(
        await outcome(call(TRANSPORT_SUBJECTS.cancelRide, { ride_id: requested.id }, driver.caller)),
      ).toBe('RIDE_INVALID_TRANSITION');
    });

    it('cancels unaccepted requests after the timeout (no_driver) and releases the hold once', async () => {
      const town = newTown();
      const customer = client();
      const requested = await call<RideView>(
        TRANSPORT_SUBJECTS.requestRide,
        rideRequest(town, offset(town, 2000)),
        customer,
      );
      const later = new Date(Date.now() + 3_600_000).toISOString();

      const swept = await call<SweepResult>(TRANSPORT_SUBJECTS.sweep, { now: later });
      await call<SweepResult>(TRANSPORT_SUBJECTS.sweep, { now: later });

      expect(swept.expired).toBeGreaterThanOrEqual(1);
      const seen = await call<RideView>(TRANSPORT_SUBJECTS.getRide, { ride_id: requested.id }, customer);
      expect(seen).toMatchObject({
        status: 'cancelled',
        cancelled_by: 'system',
        cancel_reason: 'no_driver',
        payment_status: 'released',
      });
      expect(payment.ofRide(requested.id).cancels).toBe(1);
    });
  });

  describe('fares', () => {
    it('quotes with the prices an admin sets, which only admins may set', async () => {
      const trip = { pickup: LOME_MARKET, destination: offset(LOME_MARKET, 5000), service_type: 'lux' };
      const before = await call<FareEstimate>(TRANSPORT_SUBJECTS.estimate, trip, client());

      const set = await call<{ source: string; base: number }>(
        TRANSPORT_SUBJECTS.setFare,
        { service_type: 'lux', base: 5000, per_km: 0, per_minute: 0, minimum: 0 },
        ADMIN,
      );
      const after = await call<FareEstimate>(TRANSPORT_SUBJECTS.estimate, trip, client());

      expect(before.fare).not.toBe(5000);
      expect(set).toMatchObject({ source: 'admin', base: 5000 });
      expect(after.fare).toBe(5000);
      const table = await call<{ items: { service_type: string; source: string }[] }>(
        TRANSPORT_SUBJECTS.listFares,
        {},
        ADMIN,
      );
      expect(table.items.map((item) => `${item.service_type}:${item.source}`)).toEqual([
        'taxi:config',
        'moto:config',
        'lux:admin',
        'driver:config',
        'delivery:config',
      ]);
      expect(
        await outcome(
          call(
            TRANSPORT_SUBJECTS.setFare,
            { service_type: 'lux', base: 1, per_km: 0, per_minute: 0, minimum: 0 },
            client(),
          ),
        ),
      ).toBe('FORBIDDEN');
    });
  });

  describe('drivers and privacy', () => {
    it('lets admins list and suspend drivers, each change an event', async () => {
      const { driver } = await onlineDriver(call, newTown());

      const suspended = await call<{ status: string; is_online: boolean }>(
        TRANSPORT_SUBJECTS.suspendDriver,
        { driver_id: driver.id, reason: 'documents expired' },
        ADMIN,
      );
      const page = await call<{ items: { id: string }[] }>(
        TRANSPORT_SUBJECTS.listDrivers,
        { status: 'suspended' },
        ADMIN,
      );

      expect(suspended).toMatchObject({ status: 'suspended', is_online: false });
      expect(page.items.map((item) => item.id)).toContain(driver.id);
      expect(await outcome(call(TRANSPORT_SUBJECTS.listDrivers, {}, driverCaller()))).toBe('FORBIDDEN');
      const events = await db.query<{ type: string }[]>('SELECT type FROM outbox WHERE aggregate_id = $1', [
        driver.id,
      ]);
      expect(events.map((row) => row.type).sort()).toEqual([
        'transport.driver.approved',
        'transport.driver.suspended',
      ]);
    });

    it('takes a driver offline when auth suspends the account', async () => {
      const town = newTown();
      const { caller: who, driver } = await onlineDriver(call, town);

      await publishAuthEvent(AUTH_EVENTS.userSuspended, who.user_id);

      await waitFor(
        async () => {
          const [row] = await db.query<{ is_online: boolean }[]>(
            'SELECT is_online FROM drivers WHERE id = $1',
            [driver.id],
          );

          return row?.is_online === false;
        },
        { what: 'the driver to go offline' },
      );
      const found = await service.app.get(RideRequestsService).nearestDrivers(town, 'taxi', 10);
      expect(found.drivers).toEqual([]);
    });

    it('exports a customer’s rides, and anonymises them when auth erases the account', async () => {
      const town = newTown();
      const customer = client();
      const requested = await call<RideView>(
        TRANSPORT_SUBJECTS.requestRide,
        rideRequest(town, offset(town, 2000)),
        customer,
      );
      await call(TRANSPORT_SUBJECTS.cancelRide, { ride_id: requested.id }, customer);

      const exported = await call<PrivacyExportReply>('transport.privacy.export', {
        user_id: customer.user_id,
      });
      expect(exported.data['rides']).toEqual([expect.objectContaining({ id: requested.id })]);

      await publishAuthEvent(AUTH_EVENTS.userErased, customer.user_id);

      const [row] = await waitFor(
        async () => {
          const rows = await db.query<
            { pickup_lat: number | null; pickup_address: string | null; status: string }[]
          >('SELECT pickup_lat, pickup_address, status FROM rides WHERE id = $1', [requested.id]);

          return rows[0]?.pickup_lat === null ? rows : undefined;
        },
        { what: 'the ride to be anonymised' },
      );
      expect(row).toEqual({ pickup_lat: null, pickup_address: null, status: 'cancelled' });
      const timeline = await db.query<{ lat: number | null }[]>(
        'SELECT lat FROM ride_timeline WHERE ride_id = $1',
        [requested.id],
      );
      expect(timeline.every((entry) => entry.lat === null)).toBe(true);
    });
  });
});

const LOME_MARKET = { lat: 6.1319, lng: 1.2228 };
