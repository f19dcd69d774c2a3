import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import type { AddressView, ConsentPurpose, CreateAddressRequest } from '@ecom/contracts';
import { DataSource, type EntityManager } from 'typeorm';

interface AddressRow {
  id: string;
  label: string;
  street: string;
  city: string;
  zip_code: string | null;
  country: string;
  latitude: number | null;
  longitude: number | null;
  is_default: boolean;
  created_at: Date;
}

export interface ConsentRow {
  purpose: ConsentPurpose;
  granted_at: Date;
  withdrawn_at: Date | null;
}

function toAddressView(row: AddressRow): AddressView {
  return {
    id: row.id,
    label: row.label,
    street: row.street,
    city: row.city,
    zip_code: row.zip_code,
    country: row.country,
    location:
      row.latitude === null || row.longitude === null ? null : { lat: row.latitude, lng: row.longitude },
    is_default: row.is_default,
    created_at: row.created_at.toISOString(),
  };
}

/** Addresses and consents: SQL only. */
@Injectable()
export class ProfileRepository {
  constructor(private readonly dataSource: DataSource) {}

  async addresses(userId: string, manager: EntityManager = this.dataSource.manager): Promise<AddressView[]> {
    const rows = await manager.query<AddressRow[]>(
      `SELECT id, label, street, city, zip_code, country, latitude, longitude, is_default, created_at
         FROM addresses WHERE user_id = $1 ORDER BY is_default DESC, created_at`,
      [userId],
    );

    return rows.map(toAddressView);
  }

  /** Adds an address; the first one, or one marked default, becomes the only default. */
  async addAddress(manager: EntityManager, userId: string, address: CreateAddressRequest): Promise<string> {
    // Serialises a user's address changes, so "the first one" and "the only default" hold under concurrency.
    await manager.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [userId]);
    const [{ count } = { count: 0 }] = await manager.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM addresses WHERE user_id = $1',
      [userId],
    );
    const isDefault = count === 0 || address.is_default === true;
    if (isDefault)
      await manager.query('UPDATE addresses SET is_default = false WHERE user_id = $1 AND is_default', [
        userId,
      ]);
    const id = randomUUID();
    await manager.query(
      `INSERT INTO addresses (id, user_id, label, street, city, zip_code, country, latitude, longitude, is_default)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        userId,
        address.label,
        address.street,
        address.city,
        address.zip_code ?? null,
        address.country.toUpperCase(),
        address.location?.lat ?? null,
        address.location?.lng ?? null,
        isDefault,
      ],
    );

    return id;
  }

  /** Deletes one of the user's addresses; the oldest remaining one becomes the default if it was. */
  async deleteAddress(manager: EntityManager, userId: string, addressId: string): Promise<boolean> {
    await manager.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [userId]);
    const [deleted] = await manager.query<[{ is_default: boolean }[], number]>(
      'DELETE FROM addresses WHERE id = $1 AND user_id = $2 RETURNING is_default',
      [addressId, userId],
    );
    if (deleted.length === 0) return false;
    if (deleted[0]?.is_default) {
      await manager.query(
        `UPDATE addresses SET is_default = true
          WHERE id = (SELECT id FROM addresses WHERE user_id = $1 ORDER BY created_at LIMIT 1)`,
        [userId],
      );
    }

    return true;
  }

  consents(userId: string, manager: EntityManager = this.dataSource.manager): Promise<ConsentRow[]> {
    return manager.query<ConsentRow[]>(
      'SELECT purpose, granted_at, withdrawn_at FROM consents WHERE user_id = $1 ORDER BY granted_at DESC',
      [userId],
    );
  }

  /** Opens a consent period unless one is open (the partial unique index makes it idempotent). */
  async grant(manager: EntityManager, userId: string, purpose: ConsentPurpose): Promise<void> {
    await manager.query(
      `INSERT INTO consents (id, user_id, purpose) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, purpose) WHERE withdrawn_at IS NULL DO NOTHING`,
      [randomUUID(), userId, purpose],
    );
  }

  async withdraw(manager: EntityManager, userId: string, purpose: ConsentPurpose): Promise<void> {
    await manager.query(
      'UPDATE consents SET withdrawn_at = now() WHERE user_id = $1 AND purpose = $2 AND withdrawn_at IS NULL',
      [userId, purpose],
    );
  }
}
