import { randomUUID } from 'node:crypto';

import {
  WALLET_SUBJECTS,
  type DriverEarnings,
  type DriverView,
  type RideLiveUpdate,
  type RideView,
} from '@ecom/contracts';
import type { RequestContext } from '@ecom/platform';
import {
  apiClient,
  DEMO_ADMIN,
  JOURNEY_SETTINGS,
  PlatformProcesses,
  randomPhone,
  responseBody,
  signUp,
  SmsSandbox,
  TestBus,
  TestEnvironment,
  waitFor,
  type SignedUpSession,
} from '@ecom/testing';

interface Problem {
  code: string;
  status: number;
}

const DEMO_CLIENT = { phone: '+22890000002', password: 'Kpalime-Market-25!' };
const DEMO_DRIVER = { phone: '+22890000004', password: 'Moto-Zemidjan-25!' };
const LOME = { lat: 6.1319, lng: 1.2228 };

function north(metres: number, east = 0): { lat: number; lng: number } {
  return { lat: LOME.lat + metres / 111_320, lng: LOME.lng + east / 110_700 };
}

/**
 * Rides through the gateway only, the platform running as processes from dist/: payment holds, captures
 * and releases on the wallet's ledger. Funds come in as the payment service brings them after a confirmed
 * recharge: a `wallet.ops.credit` on the bus.
 */
describe('rides through the gateway', () => {
  let environment: TestEnvironment;
  let platform: PlatformProcesses;
  let sms: SmsSandbox;
  let bus: TestBus;
  let admin: SignedUpSession;

  const call = apiClient(() => `${platform.url}/api/v1`);
  const problem = async (response: Response): Promise<string> => ((await response.json()) as Problem).code;

  const register = (userType: 'client' | 'driver'): Promise<SignedUpSession> =>
    signUp(call, sms, {
      phone: randomPhone('+22891'),
      user_type: userType,
      first_name: 'Kodjo',
      last_name: 'Ayivi',
      password: 'Route-Aneho-Est-7',
    });
  let plates = 0;
  /** A driver account, registered, approved by the admin and online at `at`. */
  const onlineDriver = async (at: {
    lat: number;
    lng: number;
  }): Promise<{ token: string; driver: DriverView }> => {
    const session = await register('driver');
    plates += 1;
    const applied = await responseBody<DriverView>(
      await call('/driver/register', {
        token: session.access_token,
        json: {
          license_number: `TG-E2E-${session.user.id.slice(0, 8)}`,
          vehicle_type: 'taxi',
          vehicle_plate: `TG ${plates} EE`,
        },
      }),
      201,
    );
    expect(applied.status).toBe('pending_approval');
    await responseBody(
      await call(`/admin/drivers/${applied.id}/approve`, { method: 'POST', token: admin.access_token }),
      200,
    );
    const driver = await responseBody<DriverView>(
      await call('/driver/status', {
        method: 'PUT',
        token: session.access_token,
        json: { is_online: true, location: at },
      }),
      200,
    );

    return { token: session.access_token, driver };
  };
  const fund = async (user: SignedUpSession, amount: number): Promise<void> => {
    const requestId = randomUUID();
    const context: RequestContext = { requestId, correlationId: requestId };
    await bus.client.request(
      WALLET_SUBJECTS.credit,
      {
        user_id: user.user.id,
        amount,
        category: 'recharge',
        funding_provider: 'yas',
        idempotency_key: randomUUID(),
      },
      { context },
    );
  };
  const balance = async (user: SignedUpSession): Promise<{ balance: number; available_balance: number }> =>
    responseBody(await call('/wallet/balance', { token: user.access_token }), 200);
  const login = (credentials: { phone: string; password: string }): Promise<SignedUpSession> =>
    call('/auth/login', { json: credentials }).then((response) =>
      responseBody<SignedUpSession>(response, 200),
    );
  const trip = (from: { lat: number; lng: number }, to: { lat: number; lng: number }, method = 'wallet') => ({
    pickup: { ...from, address: 'Marché de Bè' },
    destination: { ...to, address: 'Port autonome de Lomé' },
    service_type: 'taxi',
    payment_method: method,
  });

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    platform = await PlatformProcesses.start(environment, {
      ...JOURNEY_SETTINGS,
      OTP_MAX_PER_IP_PER_HOUR: '1000',
    });
    sms = await SmsSandbox.open(environment);
    bus = await TestBus.connect(environment);
    admin = await login(DEMO_ADMIN);
  });

  afterAll(async () => {
    await bus.close();
    await sms.close();
    await platform.close();
    await environment.destroy();
  });

  it('answers each bad input with its own problem code', async () => {
    const client = await login(DEMO_CLIENT);
    const estimate = (body: unknown): Promise<Response> =>
      call('/transport/estimate', { token: client.access_token, json: body });

    expect(
      await problem(
        await estimate({ pickup: { lat: 91, lng: 1.2 }, destination: LOME, service_type: 'taxi' }),
      ),
    ).toBe('COORDINATES_INVALID');
    expect(await problem(await estimate({ pickup: LOME, destination: LOME, service_type: 'taxi' }))).toBe(
      'RIDE_SAME_PICKUP_DESTINATION',
    );
    expect(
      await problem(await estimate({ pickup: LOME, destination: north(3000), service_type: 'bateau' })),
    ).toBe('RIDE_SERVICE_TYPE_UNKNOWN');
    const quote = await responseBody<{ fare: number; currency: string }>(
      await estimate({ pickup: LOME, destination: north(3000), service_type: 'moto' }),
      200,
    );
    expect(quote.currency).toBe('XOF');

    // Prices are the admins' to change.
    const fares = await responseBody<{ items: { service_type: string }[] }>(
      await call('/admin/fares', { token: admin.access_token }),
      200,
    );
    expect(fares.items.map((item) => item.service_type)).toEqual([
      'taxi',
      'moto',
      'lux',
      'driver',
      'delivery',
    ]);
    const notAdmin = await call('/admin/fares/lux', {
      method: 'PUT',
      token: client.access_token,
      json: { base: 1, per_km: 1, per_minute: 1, minimum: 1 },
    });
    expect(notAdmin.status).toBe(403);

    // A client is no driver.
    const refused = await call('/driver/pending-rides', { token: client.access_token });
    expect({ status: refused.status, code: await problem(refused) }).toEqual({
      status: 403,
      code: 'FORBIDDEN',
    });

    // The demo driver is approved and placed in Lomé; one position every 2 s at most.
    const demo = await login(DEMO_DRIVER);
    // Its profile comes from auth's registration event: wait for transport to have it.
    await waitFor(
      async () =>
        (
          await call('/driver/status', {
            method: 'PUT',
            token: demo.access_token,
            json: { is_online: true, location: LOME },
          })
        ).status === 200,
      { what: 'the demo driver profile', intervalMs: 200 },
    );
    // A rider's map shows the demo moto, without saying who it is.
    const map = await responseBody<{ items: { vehicle_type: string; distance_m: number }[] }>(
      await call(`/transport/nearby-drivers?lat=${LOME.lat}&lng=${LOME.lng + 0.001}&service_type=moto`, {
        token: client.access_token,
      }),
      200,
    );
    // Rounded to about 100 m: enough for a map, not enough to follow someone.
    expect(map.items).toEqual([
      { vehicle_type: 'moto', distance_m: 110, position: { lat: 6.132, lng: 1.223 } },
    ]);
    await waitFor(
      async () =>
        (await call('/driver/location', { method: 'PUT', token: demo.access_token, json: north(-20_000) }))
          .status === 200,
      { what: 'a first position', intervalMs: 500 },
    );
    const spam = await call('/driver/location', {
      method: 'PUT',
      token: demo.access_token,
      json: north(-20_010),
    });
    expect(spam.status).toBe(429);
    expect(await problem(spam)).toBe('DRIVER_LOCATION_TOO_FREQUENT');
  });

  it('a wallet ride: one of 10 drivers wins, the rider watches it live, the fare is captured once', async () => {
    const pickup = north(0, 500);
    const drivers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => onlineDriver(north(200 + i * 40, 500))),
    );
    const rider = await register('client');
    await fund(rider, 20_000);

    const ride = await responseBody<RideView>(
      await call('/transport/request-ride', {
        token: rider.access_token,
        json: trip(pickup, north(4000, 500)),
      }),
      201,
    );
    expect(ride).toMatchObject({ status: 'requested', payment_status: 'authorized' });
    // The quoted fare is held: still in the wallet, no longer spendable.
    expect(await balance(rider)).toMatchObject({ balance: 20_000, available_balance: 20_000 - ride.fare });

    // Ten drivers see it and accept at once: exactly one wins.
    const answers = await Promise.all(
      drivers.map(({ token }) => call('/driver/accept-ride', { token, json: { ride_id: ride.id } })),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(9);
    const losers = await Promise.all(answers.filter((answer) => answer.status === 409).map(problem));
    expect(new Set(losers)).toEqual(new Set(['RIDE_ALREADY_TAKEN']));
    const winner = drivers[statuses.indexOf(200)]!;

    // The winner cannot take a second ride while on this one.
    const other = await responseBody<RideView>(
      await call('/transport/request-ride', {
        token: (await register('client')).access_token,
        json: trip(pickup, north(2500), 'cash'),
      }),
      201,
    );
    const busy = await call('/driver/accept-ride', { token: winner.token, json: { ride_id: other.id } });
    expect({ status: busy.status, code: await problem(busy) }).toEqual({ status: 409, code: 'DRIVER_BUSY' });

    // Only the rider may watch the ride.
    expect((await call(`/transport/rides/${ride.id}/stream`, { token: winner.token })).status).toBe(404);
    const stream = await call(`/transport/rides/${ride.id}/stream`, { token: rider.access_token });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const updates: RideLiveUpdate[] = [];
    const reading = (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of stream.body as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .find((line) => line.startsWith('data: '));
          buffer = buffer.slice(end + 2);
          if (data) updates.push(JSON.parse(data.slice('data: '.length)) as RideLiveUpdate);
        }
      }
    })();
    await waitFor(() => updates.length > 0, { what: 'the current status on the stream' });

    await responseBody(
      await call(`/driver/rides/${ride.id}/start`, { token: winner.token, json: { position: pickup } }),
      200,
    );
    await waitFor(
      async () =>
        (await call('/driver/location', { method: 'PUT', token: winner.token, json: north(1000, 500) }))
          .status === 200,
      { what: 'a position during the trip', intervalMs: 500 },
    );
    const completed = await responseBody<RideView>(
      await call(`/driver/rides/${ride.id}/complete`, {
        token: winner.token,
        json: { position: north(4000, 500) },
      }),
      200,
    );
    await reading;

    expect(updates.map((update) => `${update.kind}:${update.status}`)).toEqual([
      'status:accepted',
      'status:in_progress',
      'position:in_progress',
      'status:completed',
    ]);
    expect(completed).toMatchObject({ status: 'completed', payment_status: 'paid' });
    // Captured once: the rider paid the fare, the hold is gone.
    expect(await balance(rider)).toMatchObject({
      balance: 20_000 - completed.fare,
      available_balance: 20_000 - completed.fare,
    });

    // The driver's earnings are the ledger's lines: net + commission = fare.
    const earnings = await responseBody<DriverEarnings>(
      await call('/driver/earnings', { token: winner.token }),
      200,
    );
    expect(earnings.lines).toEqual([
      expect.objectContaining({
        ride_id: ride.id,
        fare: completed.fare,
        commission: completed.commission_amount,
      }),
    ]);
    expect(earnings.lines[0]!.net + earnings.lines[0]!.commission).toBe(completed.fare);
    expect(earnings).toMatchObject({ rides: 1, gross: completed.fare, balance: earnings.net });
    expect(earnings.commission).toBe(completed.commission_amount);

    // Rated once by each side.
    expect(
      (await call('/transport/rating', { token: rider.access_token, json: { ride_id: ride.id, rating: 5 } }))
        .status,
    ).toBe(201);
    const again = await call('/transport/rating', {
      token: rider.access_token,
      json: { ride_id: ride.id, rating: 1 },
    });
    expect({ status: again.status, code: await problem(again) }).toEqual({
      status: 409,
      code: 'RIDE_ALREADY_RATED',
    });
  });

  it('releases the hold once when the rider cancels a request', async () => {
    const rider = await register('client');
    await fund(rider, 10_000);
    const ride = await responseBody<RideView>(
      await call('/transport/request-ride', {
        token: rider.access_token,
        json: trip(north(-5000), north(-8000)),
      }),
      201,
    );

    const cancelled = await responseBody<RideView>(
      await call(`/transport/rides/${ride.id}`, {
        method: 'PUT',
        token: rider.access_token,
        json: { action: 'cancel' },
      }),
      200,
    );
    const twice = await call(`/transport/rides/${ride.id}`, {
      method: 'PUT',
      token: rider.access_token,
      json: { action: 'cancel' },
    });

    expect(cancelled).toMatchObject({ status: 'cancelled', payment_status: 'released' });
    expect({ status: twice.status, code: await problem(twice) }).toEqual({
      status: 409,
      code: 'RIDE_INVALID_TRANSITION',
    });
    expect(await balance(rider)).toEqual(
      expect.objectContaining({ balance: 10_000, available_balance: 10_000 }),
    );
    const transactions = await responseBody<{ items: { type: string }[] }>(
      await call('/wallet/transactions', { token: rider.access_token }),
      200,
    );
    expect(transactions.items.filter((item) => item.type === 'debit')).toEqual([]);
    const listed = await responseBody<{ items: RideView[] }>(
      await call('/transport/rides', { token: rider.access_token }),
      200,
    );
    expect(listed.items.map((item) => item.id)).toEqual([ride.id]);
  });
});
