import { Injectable } from '@nestjs/common';
import type { ServiceType } from '@ecom/contracts';
import type { EntityManager } from 'typeorm';

import type { FareRates } from './fare-schedule';

export interface FareOverrideRow {
  service_type: ServiceType;
  base: number;
  per_km: number;
  per_minute: number;
  minimum: number;
  updated_at: Date;
}

/** Prices admins set in place of the configured ones: SQL only. */
@Injectable()
export class FareOverridesRepository {
  all(manager: EntityManager): Promise<FareOverrideRow[]> {
    return manager.query<FareOverrideRow[]>(
      'SELECT service_type, base, per_km, per_minute, minimum, updated_at FROM fare_overrides',
    );
  }

  async find(manager: EntityManager, serviceType: ServiceType): Promise<FareOverrideRow | null> {
    const rows = await manager.query<FareOverrideRow[]>(
      `SELECT service_type, base, per_km, per_minute, minimum, updated_at FROM fare_overrides
       WHERE service_type = $1`,
      [serviceType],
    );

    return rows[0] ?? null;
  }

  async upsert(
    manager: EntityManager,
    serviceType: ServiceType,
    rates: FareRates,
    adminId: string,
  ): Promise<FareOverrideRow> {
    const rows = await manager.query<FareOverrideRow[]>(
      `INSERT INTO fare_overrides (service_type, base, per_km, per_minute, minimum, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (service_type) DO UPDATE SET base = $2, per_km = $3, per_minute = $4, minimum = $5,
         updated_by = $6, updated_at = now()
       RETURNING service_type, base, per_km, per_minute, minimum, updated_at`,
      [serviceType, rates.base, rates.perKm, rates.perMinute, rates.minimum, adminId],
    );
    const row = rows[0];
    if (!row) throw new Error(`Fare of ${serviceType} was not saved`);

    return row;
  }
}
