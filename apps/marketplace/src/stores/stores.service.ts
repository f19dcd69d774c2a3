import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import {
  MARKETPLACE_EVENTS,
  type CatalogueChangedEvent,
  type CreateStoreRequest,
  type ListStoresRequest,
  type StorePage,
  type StoreView,
  type UpdateStoreRequest,
} from '@ecom/contracts';
import { DomainError, EventPublisher, inTransaction } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import { decodeCursor, pageOf } from '../paging/page-cursor';
import { isOpenAt, type OpeningHours } from './business-hours';

export interface StoreRow {
  id: string;
  owner_id: string;
  name: string;
  description: string | null;
  category: string | null;
  address: string;
  lat: number;
  lng: number;
  phone: string;
  logo_url: string | null;
  delivery_fee: string;
  min_order_amount: string;
  delivery_time_min: number;
  delivery_time_max: number;
  rating: string;
  total_orders: number;
  business_hours: OpeningHours;
  is_active: boolean;
  created_at: Date;
  created_key: string;
  distance_m?: string | null;
}

const COLUMNS = `s.id, s.owner_id, s.name, s.description, s.category, s.address, s.lat, s.lng, s.phone, s.logo_url,
  s.delivery_fee, s.min_order_amount, s.delivery_time_min, s.delivery_time_max, s.rating, s.total_orders,
  s.business_hours, s.is_active, s.created_at, to_json(s.created_at) #>> '{}' AS created_key`;

export function toStoreView(row: StoreRow, now = new Date()): StoreView {
  return {
    id: row.id,
    owner_id: row.owner_id,
    name: row.name,
    description: row.description,
    category: row.category,
    address: row.address,
    location: { lat: row.lat, lng: row.lng },
    phone: row.phone,
    logo_url: row.logo_url,
    delivery_fee: Number(row.delivery_fee),
    min_order_amount: Number(row.min_order_amount),
    delivery_time_min: row.delivery_time_min,
    delivery_time_max: row.delivery_time_max,
    currency: 'XOF',
    rating: Number(row.rating),
    total_orders: row.total_orders,
    business_hours: row.business_hours,
    is_open_now: isOpenAt(row.business_hours, now),
    is_active: row.is_active,
    distance_m: row.distance_m === undefined || row.distance_m === null ? null : Number(row.distance_m),
    created_at: row.created_at.toISOString(),
  };
}

/** Sort key of each store listing order, id last; `desc` flips every comparison. */
const STORE_ORDERS = {
  rating: { keys: ['s.rating', 's.id'], casts: ['numeric', 'uuid'], desc: true },
  newest: { keys: ['s.created_at', 's.id'], casts: ['timestamptz', 'uuid'], desc: true },
  name: { keys: ['s.name', 's.id'], casts: ['text', 'uuid'], desc: false },
  distance: { keys: ['distance_m', 's.id'], casts: ['bigint', 'uuid'], desc: false },
} as const;

/** Stores: the public directory, the owner's own store, and admin activation. */
@Injectable()
export class StoresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventPublisher,
  ) {}

  async list(request: ListStoresRequest): Promise<StorePage> {
    const limit = request.limit ?? 20;
    const hasPosition = request.lat !== undefined && request.lng !== undefined;
    if (request.sort === 'distance' && !hasPosition) {
      throw new DomainError('VALIDATION_FAILED', 'sort=distance needs lat and lng', undefined, [
        { field: 'sort', message: 'distance needs lat and lng' },
      ]);
    }
    const sort = request.sort ?? 'rating';
    const order = STORE_ORDERS[sort];
    const params: unknown[] = [];
    const param = (value: unknown): string => `$${params.push(value)}`;
    const distance = hasPosition
      ? `round(earth_distance(ll_to_earth(s.lat, s.lng), ll_to_earth(${param(request.lat)}, ${param(request.lng)})))::bigint`
      : 'NULL::bigint';
    const where = ['s.is_active'];
    if (request.search) {
      where.push(
        `immutable_unaccent(lower(s.name || ' ' || coalesce(s.description, ''))) LIKE '%' || immutable_unaccent(lower(${param(request.search)})) || '%'`,
      );
    }
    if (request.category) where.push(`s.category = ${param(request.category)}`);
    if (request.cursor) {
      const values = decodeCursor(request.cursor, sort, 2);
      const keys = order.keys.map((key) => (key === 'distance_m' ? distance : key));
      const bound = values.map((value, index) => `${param(value)}::${order.casts[index] ?? 'text'}`);
      where.push(`(${keys.join(', ')}) ${order.desc ? '<' : '>'} (${bound.join(', ')})`);
    }
    const direction = order.desc ? 'DESC' : 'ASC';
    const rows = await this.dataSource.query<StoreRow[]>(
      `SELECT ${COLUMNS}, ${distance} AS distance_m FROM stores s WHERE ${where.join(' AND ')}
        ORDER BY ${order.keys.map((key) => `${key} ${direction}`).join(', ')} LIMIT ${param(limit + 1)}`,
      params,
    );
    const now = new Date();

    return pageOf(
      rows,
      limit,
      (row) => toStoreView(row, now),
      (row) => ({ sort, values: [cursorValue(row, sort), row.id] }),
    );
  }

  async get(id: string): Promise<StoreView> {
    const [row] = await this.dataSource.query<StoreRow[]>(
      `SELECT ${COLUMNS} FROM stores s WHERE s.id = $1 AND s.is_active`,
      [id],
    );
    if (!row) throw new DomainError('STORE_NOT_FOUND');

    return toStoreView(row);
  }

  /** The caller's own store, active or not. */
  async own(ownerId: string, manager: EntityManager = this.dataSource.manager): Promise<StoreRow> {
    const [row] = await manager.query<StoreRow[]>(`SELECT ${COLUMNS} FROM stores s WHERE s.owner_id = $1`, [
      ownerId,
    ]);
    if (!row) throw new DomainError('STORE_NOT_FOUND', 'The caller has no store yet');

    return row;
  }

  async create(ownerId: string, request: CreateStoreRequest): Promise<StoreView> {
    return inTransaction(this.dataSource, async (manager) => {
      const [inserted] = await manager.query<{ id: string }[]>(
        `INSERT INTO stores (id, owner_id, name, description, category, address, lat, lng, phone, logo_url,
                             delivery_fee, min_order_amount, delivery_time_min, delivery_time_max, business_hours)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (owner_id) DO NOTHING RETURNING id`,
        [
          randomUUID(),
          ownerId,
          request.name,
          request.description ?? null,
          request.category ?? null,
          request.address,
          request.location.lat,
          request.location.lng,
          request.phone,
          request.logo_url ?? null,
          request.delivery_fee ?? 0,
          request.min_order_amount ?? 0,
          request.delivery_time_min ?? 30,
          request.delivery_time_max ?? 60,
          JSON.stringify(request.business_hours ?? {}),
        ],
      );
      if (!inserted) throw new DomainError('STORE_ALREADY_EXISTS');
      await this.announce(manager, inserted.id);

      return toStoreView(await this.own(ownerId, manager));
    });
  }

  async update(ownerId: string, request: UpdateStoreRequest): Promise<StoreView> {
    return inTransaction(this.dataSource, async (manager) => {
      const [rows] = await manager.query<[{ id: string }[], number]>(
        `UPDATE stores SET name = coalesce($2, name), description = coalesce($3, description),
                category = coalesce($4, category), address = coalesce($5, address), lat = coalesce($6, lat),
                lng = coalesce($7, lng), phone = coalesce($8, phone), logo_url = coalesce($9, logo_url),
                delivery_fee = coalesce($10, delivery_fee), min_order_amount = coalesce($11, min_order_amount),
                delivery_time_min = coalesce($12, delivery_time_min),
                delivery_time_max = coalesce($13, delivery_time_max),
                business_hours = coalesce($14, business_hours), updated_at = now()
          WHERE owner_id = $1 RETURNING id`,
        [
          ownerId,
          request.name ?? null,
          request.description ?? null,
          request.category ?? null,
          request.address ?? null,
          request.location?.lat ?? null,
          request.location?.lng ?? null,
          request.phone ?? null,
          request.logo_url ?? null,
          request.delivery_fee ?? null,
          request.min_order_amount ?? null,
          request.delivery_time_min ?? null,
          request.delivery_time_max ?? null,
          request.business_hours ? JSON.stringify(request.business_hours) : null,
        ],
      );
      const updated = rows[0];
      if (!updated) throw new DomainError('STORE_NOT_FOUND', 'The caller has no store yet');
      await this.announce(manager, updated.id);

      return toStoreView(await this.own(ownerId, manager));
    });
  }

  /** Admin: a deactivated store and its products leave the public catalogue; its orders go on. */
  async setActive(id: string, isActive: boolean): Promise<StoreView> {
    return inTransaction(this.dataSource, async (manager) => {
      const [rows] = await manager.query<[StoreRow[], number]>(
        `UPDATE stores s SET is_active = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, isActive],
      );
      const row = rows[0];
      if (!row) throw new DomainError('STORE_NOT_FOUND');
      await this.announce(manager, id);

      return toStoreView(row);
    });
  }

  private async announce(manager: EntityManager, storeId: string): Promise<void> {
    const event: CatalogueChangedEvent = { kind: 'store', id: storeId, store_id: storeId };
    await this.events.publish(manager, MARKETPLACE_EVENTS.catalogueChanged, event, { aggregateId: storeId });
  }
}

function cursorValue(row: StoreRow, sort: keyof typeof STORE_ORDERS): string | number {
  switch (sort) {
    case 'rating':
      return row.rating;
    case 'newest':
      return row.created_key;
    case 'name':
      return row.name;
    case 'distance':
      return Number(row.distance_m);
  }
}
