import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Prices an admin set for a service type, in place of the configured ones (integer XOF). */
export class CreateTransportFareOverrides1764165800003 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE fare_overrides (
        service_type varchar(16) PRIMARY KEY
          CHECK (service_type IN ('taxi', 'moto', 'lux', 'driver', 'delivery')),
        base integer NOT NULL CHECK (base >= 0),
        per_km integer NOT NULL CHECK (per_km >= 0),
        per_minute integer NOT NULL CHECK (per_minute >= 0),
        minimum integer NOT NULL CHECK (minimum >= 0),
        updated_by uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE fare_overrides');
  }
}
