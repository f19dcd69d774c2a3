import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drivers, rides, their timeline and ratings. Positions are kept as degrees (what clients read) and as
 * an `earth` point (`cube`/`earthdistance`) under GiST indexes for "nearest first" searches. Two partial
 * unique indexes are the last word on concurrency: a driver holds at most one active ride, a customer has
 * at most one ride open at a time.
 */
export class CreateTransportRides1764165700003 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    // In `public`, which every schema's search path reaches; a no-op where another schema made them.
    await runner.query('CREATE EXTENSION IF NOT EXISTS cube SCHEMA public');
    await runner.query('CREATE EXTENSION IF NOT EXISTS earthdistance SCHEMA public');
    await runner.query(`
      CREATE TABLE drivers (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL UNIQUE,
        status varchar(20) NOT NULL DEFAULT 'pending_approval'
          CHECK (status IN ('pending_approval', 'approved', 'suspended')),
        license_number varchar(50),
        vehicle_type varchar(8) NOT NULL CHECK (vehicle_type IN ('taxi', 'moto', 'car', 'van')),
        vehicle_plate varchar(20),
        documents jsonb NOT NULL DEFAULT '[]',
        is_online boolean NOT NULL DEFAULT false,
        lat double precision,
        lng double precision,
        location public.earth,
        last_location_at timestamptz,
        current_ride_id uuid,
        rating_sum integer NOT NULL DEFAULT 0,
        rating_count integer NOT NULL DEFAULT 0,
        total_rides integer NOT NULL DEFAULT 0,
        approved_at timestamptz,
        suspended_reason varchar(200),
        erased_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((lat IS NULL) = (location IS NULL))
      )`);
    await runner.query('CREATE UNIQUE INDEX drivers_license_key ON drivers (license_number)');
    // Only drivers who can be offered a ride are in the index: the search never wades through the rest.
    await runner.query(
      `CREATE INDEX drivers_available_location_idx ON drivers USING gist (location)
       WHERE is_online AND status = 'approved' AND current_ride_id IS NULL`,
    );
    await runner.query('CREATE INDEX drivers_listing_idx ON drivers (created_at DESC, id DESC)');
    await runner.query(`
      CREATE TABLE riders (
        user_id uuid PRIMARY KEY,
        rating_sum integer NOT NULL DEFAULT 0,
        rating_count integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE rides (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        driver_id uuid REFERENCES drivers (id),
        service_type varchar(16) NOT NULL CHECK (service_type IN ('taxi', 'moto', 'lux', 'driver', 'delivery')),
        status varchar(16) NOT NULL DEFAULT 'requested'
          CHECK (status IN ('requested', 'accepted', 'driver_arrived', 'in_progress', 'completed', 'cancelled')),
        pickup_lat double precision,
        pickup_lng double precision,
        pickup_address varchar(300),
        destination_lat double precision,
        destination_lng double precision,
        destination_address varchar(300),
        distance_m integer NOT NULL,
        duration_s integer NOT NULL,
        search_radius_m integer NOT NULL,
        quoted_fare integer NOT NULL CHECK (quoted_fare > 0),
        final_fare integer CHECK (final_fare > 0),
        travelled_m double precision NOT NULL DEFAULT 0,
        last_lat double precision,
        last_lng double precision,
        commission_amount integer,
        cancellation_fee integer NOT NULL DEFAULT 0,
        currency varchar(3) NOT NULL DEFAULT 'XOF',
        payment_method varchar(8) NOT NULL CHECK (payment_method IN ('wallet', 'cash')),
        payment_status varchar(16) NOT NULL
          CHECK (payment_status IN ('authorized', 'awaiting_cash', 'pending', 'paid', 'failed', 'releasing', 'released')),
        payment_intent_id uuid,
        payment_error varchar(300),
        payment_attempts integer NOT NULL DEFAULT 0,
        cancelled_by varchar(8) CHECK (cancelled_by IN ('customer', 'driver', 'system')),
        cancel_reason varchar(200),
        requested_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        arrived_at timestamptz,
        started_at timestamptz,
        completed_at timestamptz,
        cancelled_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX rides_one_active_per_driver ON rides (driver_id)
       WHERE status IN ('accepted', 'driver_arrived', 'in_progress')`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX rides_one_open_per_customer ON rides (customer_id)
       WHERE status IN ('requested', 'accepted', 'driver_arrived', 'in_progress')`,
    );
    await runner.query(
      `CREATE INDEX rides_requested_pickup_idx ON rides
       USING gist (public.ll_to_earth(pickup_lat, pickup_lng)) WHERE status = 'requested'`,
    );
    await runner.query("CREATE INDEX rides_expiry_idx ON rides (expires_at) WHERE status = 'requested'");
    await runner.query(
      "CREATE INDEX rides_unsettled_idx ON rides (updated_at) WHERE payment_status IN ('pending', 'releasing')",
    );
    await runner.query('CREATE INDEX rides_customer_idx ON rides (customer_id, requested_at DESC, id DESC)');
    await runner.query('CREATE INDEX rides_driver_idx ON rides (driver_id, requested_at DESC, id DESC)');
    await runner.query(`
      CREATE TABLE ride_timeline (
        id bigserial PRIMARY KEY,
        ride_id uuid NOT NULL REFERENCES rides (id),
        status varchar(16) NOT NULL,
        actor varchar(8) NOT NULL CHECK (actor IN ('customer', 'driver', 'system')),
        lat double precision,
        lng double precision,
        note varchar(200),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX ride_timeline_ride_idx ON ride_timeline (ride_id, id)');
    await runner.query(`
      CREATE TABLE ride_ratings (
        ride_id uuid NOT NULL REFERENCES rides (id),
        rater varchar(8) NOT NULL CHECK (rater IN ('customer', 'driver')),
        rater_user_id uuid NOT NULL,
        ratee_user_id uuid NOT NULL,
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        comment varchar(1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ride_id, rater)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE ride_ratings');
    await runner.query('DROP TABLE ride_timeline');
    await runner.query('DROP TABLE rides');
    await runner.query('DROP TABLE riders');
    await runner.query('DROP TABLE drivers');
  }
}
