import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import {
  MARKETPLACE_EVENTS,
  type CatalogueChangedEvent,
  type CreateProductRequest,
  type OwnProductsRequest,
  type ProductPage,
  type ProductView,
  type SearchProductsRequest,
  type SetStockRequest,
  type Specifications,
  type UpdateOwnProductRequest,
} from '@ecom/contracts';
import { DomainError, EventPublisher, inTransaction, ValidationFailedError } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import { decodeCursor, pageOf } from '../paging/page-cursor';
import { StoresService } from '../stores/stores.service';
import { buildSearch, cursorOf, modeOfCursor, PRODUCT_COLUMNS } from './product-search';

export interface ProductRow {
  id: string;
  store_id: string;
  store_name: string;
  category_id: string | null;
  category_name: string | null;
  category_slug: string | null;
  name: string;
  description: string | null;
  price: string;
  stock_quantity: number;
  low_stock_threshold: number;
  is_active: boolean;
  images: string[];
  specifications: Specifications;
  rating: string;
  created_at: Date;
  updated_at: Date;
  created_key: string;
  rank: string | null;
}

export function toProductView(row: ProductRow): ProductView {
  return {
    id: row.id,
    store: { id: row.store_id, name: row.store_name },
    category:
      row.category_id && row.category_name && row.category_slug
        ? { id: row.category_id, name: row.category_name, slug: row.category_slug }
        : null,
    name: row.name,
    description: row.description,
    price: Number(row.price),
    currency: 'XOF',
    stock_quantity: row.stock_quantity,
    low_stock_threshold: row.low_stock_threshold,
    in_stock: row.stock_quantity > 0,
    is_active: row.is_active,
    images: row.images,
    specifications: row.specifications,
    rating: Number(row.rating),
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

const FROM =
  'FROM products p JOIN stores s ON s.id = p.store_id LEFT JOIN categories c ON c.id = p.category_id';

function isForeignKeyViolation(error: unknown): boolean {
  return (error as { driverError?: { code?: string } }).driverError?.code === '23503';
}

/** The public catalogue (search, product page) and a store owner's own products. */
@Injectable()
export class ProductsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly stores: StoresService,
    private readonly events: EventPublisher,
  ) {}

  async search(request: SearchProductsRequest): Promise<ProductPage> {
    const limit = request.limit ?? 20;
    const mode = modeOfCursor(request.cursor);
    const first = await this.page(request, mode, limit);
    // Nothing in full text on a first page: the words may be misspelt, try them by similarity.
    if (first.items.length === 0 && mode === 'fts' && request.search?.trim() && !request.cursor) {
      return this.page(request, 'fuzzy', limit);
    }

    return first;
  }

  async get(id: string): Promise<ProductView> {
    const [row] = await this.dataSource.query<ProductRow[]>(
      `SELECT ${PRODUCT_COLUMNS}, NULL AS rank ${FROM}
        WHERE p.id = $1 AND p.is_active AND p.deleted_at IS NULL AND s.is_active`,
      [id],
    );
    if (!row) throw new DomainError('PRODUCT_NOT_FOUND');

    return toProductView(row);
  }

  async listOwn(ownerId: string, request: OwnProductsRequest): Promise<ProductPage> {
    const store = await this.stores.own(ownerId);
    const limit = request.limit ?? 20;
    const params: unknown[] = [store.id];
    const where = ['p.store_id = $1', 'p.deleted_at IS NULL'];
    if (request.low_stock === true) where.push('p.stock_quantity <= p.low_stock_threshold');
    if (request.cursor) {
      const [createdKey, id] = decodeCursor(request.cursor, 'own', 2);
      params.push(createdKey, id);
      where.push('(p.created_at, p.id) < ($2::timestamptz, $3::uuid)');
    }
    params.push(limit + 1);
    const rows = await this.dataSource.query<ProductRow[]>(
      `SELECT ${PRODUCT_COLUMNS}, NULL AS rank ${FROM} WHERE ${where.join(' AND ')}
        ORDER BY p.created_at DESC, p.id DESC LIMIT $${params.length}`,
      params,
    );

    return pageOf(rows, limit, toProductView, (row) => ({ sort: 'own', values: [row.created_key, row.id] }));
  }

  async create(ownerId: string, request: CreateProductRequest): Promise<ProductView> {
    const store = await this.stores.own(ownerId);
    const id = randomUUID();
    await this.write(store.id, id, (manager) =>
      manager.query(
        `INSERT INTO products (id, store_id, category_id, name, description, price, stock_quantity,
                               low_stock_threshold, is_active, images, specifications)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          id,
          store.id,
          request.category_id,
          request.name,
          request.description ?? null,
          request.price,
          request.stock_quantity,
          request.low_stock_threshold ?? 5,
          request.is_active ?? true,
          JSON.stringify(request.images ?? []),
          JSON.stringify(request.specifications ?? {}),
        ],
      ),
    );

    return this.ownProduct(store.id, id);
  }

  async update(ownerId: string, request: UpdateOwnProductRequest): Promise<ProductView> {
    const store = await this.stores.own(ownerId);
    await this.write(store.id, request.id, async (manager) => {
      const [, count] = await manager.query<[unknown[], number]>(
        `UPDATE products SET category_id = coalesce($3, category_id), name = coalesce($4, name),
                description = coalesce($5, description), price = coalesce($6, price),
                stock_quantity = coalesce($7, stock_quantity), low_stock_threshold = coalesce($8, low_stock_threshold),
                is_active = coalesce($9, is_active), images = coalesce($10, images),
                specifications = coalesce($11, specifications), updated_at = now()
          WHERE id = $1 AND store_id = $2 AND deleted_at IS NULL`,
        [
          request.id,
          store.id,
          request.category_id ?? null,
          request.name ?? null,
          request.description ?? null,
          request.price ?? null,
          request.stock_quantity ?? null,
          request.low_stock_threshold ?? null,
          request.is_active ?? null,
          request.images ? JSON.stringify(request.images) : null,
          request.specifications ? JSON.stringify(request.specifications) : null,
        ],
      );
      if (count === 0) throw new DomainError('PRODUCT_NOT_FOUND');
    });

    return this.ownProduct(store.id, request.id);
  }

  /** Kept (orders point at it) but gone from the catalogue and the owner's list. */
  async delete(ownerId: string, id: string): Promise<void> {
    const store = await this.stores.own(ownerId);
    await this.write(store.id, id, async (manager) => {
      const [, count] = await manager.query<[unknown[], number]>(
        `UPDATE products SET deleted_at = now(), is_active = false, updated_at = now()
          WHERE id = $1 AND store_id = $2 AND deleted_at IS NULL`,
        [id, store.id],
      );
      if (count === 0) throw new DomainError('PRODUCT_NOT_FOUND');
    });
  }

  /** A new stock, or a change applied in the database so that concurrent sales are not overwritten. */
  async setStock(ownerId: string, request: SetStockRequest): Promise<ProductView> {
    if ((request.stock_quantity === undefined) === (request.delta === undefined)) {
      throw new ValidationFailedError([
        { field: 'stock_quantity', message: 'give either stock_quantity or delta' },
      ]);
    }
    const store = await this.stores.own(ownerId);
    await this.write(store.id, request.id, async (manager) => {
      const [, count] = await manager.query<[unknown[], number]>(
        `UPDATE products SET stock_quantity = coalesce($3, stock_quantity + $4), updated_at = now()
          WHERE id = $1 AND store_id = $2 AND deleted_at IS NULL AND coalesce($3, stock_quantity + $4) >= 0`,
        [request.id, store.id, request.stock_quantity ?? null, request.delta ?? 0],
      );
      if (count > 0) return;
      const exists = await manager.query<unknown[]>(
        'SELECT 1 FROM products WHERE id = $1 AND store_id = $2 AND deleted_at IS NULL',
        [request.id, store.id],
      );
      if (exists.length === 0) throw new DomainError('PRODUCT_NOT_FOUND');
      throw new ValidationFailedError([{ field: 'delta', message: 'the stock cannot go below zero' }]);
    });

    return this.ownProduct(store.id, request.id);
  }

  private async ownProduct(storeId: string, id: string): Promise<ProductView> {
    const [row] = await this.dataSource.query<ProductRow[]>(
      `SELECT ${PRODUCT_COLUMNS}, NULL AS rank ${FROM} WHERE p.id = $1 AND p.store_id = $2 AND p.deleted_at IS NULL`,
      [id, storeId],
    );
    if (!row) throw new DomainError('PRODUCT_NOT_FOUND');

    return toProductView(row);
  }

  /** A change to one of the store's products and its catalogue event, in one transaction. */
  private async write(
    storeId: string,
    productId: string,
    change: (manager: EntityManager) => Promise<unknown>,
  ): Promise<void> {
    try {
      await inTransaction(this.dataSource, async (manager) => {
        await change(manager);
        const event: CatalogueChangedEvent = { kind: 'product', id: productId, store_id: storeId };
        await this.events.publish(manager, MARKETPLACE_EVENTS.catalogueChanged, event, {
          aggregateId: productId,
        });
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new DomainError('CATEGORY_NOT_FOUND');
      throw error;
    }
  }

  private async page(
    request: SearchProductsRequest,
    mode: 'fts' | 'fuzzy',
    limit: number,
  ): Promise<ProductPage> {
    const query = buildSearch(request, mode, limit);
    const rows = request.search?.trim()
      ? await this.dataSource.transaction(async (manager) => {
          // The planner prices `@@` as a cheap operator and scans the whole table once a word matches a
          // few percent of products; reading only the rows the GIN index names is twice as fast there.
          await manager.query('SET LOCAL enable_seqscan = off');

          return manager.query<ProductRow[]>(query.sql, query.params);
        })
      : await this.dataSource.query<ProductRow[]>(query.sql, query.params);

    return pageOf(rows, limit, toProductView, (row) => cursorOf(row, query.sort, query.cursorSort));
  }
}
