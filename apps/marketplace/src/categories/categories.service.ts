import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import {
  MARKETPLACE_EVENTS,
  type CatalogueChangedEvent,
  type CategoryView,
  type CreateCategoryRequest,
  type UpdateCategoryRequest,
} from '@ecom/contracts';
import { DomainError, EventPublisher, inTransaction } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

interface CategoryRow {
  id: string;
  name: string;
  slug: string;
  icon: string;
  position: number;
}

function toView(row: CategoryRow): CategoryView {
  return { id: row.id, name: row.name, slug: row.slug, icon: row.icon, position: row.position };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { driverError?: { code?: string } }).driverError?.code === '23505';
}

/** Product categories (seed 000: a slug and an icon each); admins edit them, everyone reads them. */
@Injectable()
export class CategoriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventPublisher,
  ) {}

  async list(): Promise<{ items: CategoryView[] }> {
    const rows = await this.dataSource.query<CategoryRow[]>(
      'SELECT id, name, slug, icon, position FROM categories ORDER BY position, name',
    );

    return { items: rows.map(toView) };
  }

  async create(request: CreateCategoryRequest): Promise<CategoryView> {
    return this.write(async (manager) => {
      const [row] = await manager.query<CategoryRow[]>(
        `INSERT INTO categories (id, name, slug, icon, position) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, name, slug, icon, position`,
        [randomUUID(), request.name, request.slug, request.icon, request.position ?? 0],
      );

      return row;
    });
  }

  async update(request: UpdateCategoryRequest): Promise<CategoryView> {
    return this.write(async (manager) => {
      const [rows] = await manager.query<[CategoryRow[], number]>(
        `UPDATE categories SET name = coalesce($2, name), slug = coalesce($3, slug), icon = coalesce($4, icon),
                position = coalesce($5, position), updated_at = now()
          WHERE id = $1 RETURNING id, name, slug, icon, position`,
        [
          request.id,
          request.name ?? null,
          request.slug ?? null,
          request.icon ?? null,
          request.position ?? null,
        ],
      );

      return rows[0];
    });
  }

  /** Products of a deleted category stay for sale, uncategorised. */
  async delete(id: string): Promise<void> {
    await this.write(async (manager) => {
      await manager.query(
        'UPDATE products SET category_id = NULL, updated_at = now() WHERE category_id = $1',
        [id],
      );
      const [rows] = await manager.query<[CategoryRow[], number]>(
        'DELETE FROM categories WHERE id = $1 RETURNING id, name, slug, icon, position',
        [id],
      );

      return rows[0];
    });
  }

  private async write(
    change: (manager: EntityManager) => Promise<CategoryRow | undefined>,
  ): Promise<CategoryView> {
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const row = await change(manager);
        if (!row) throw new DomainError('CATEGORY_NOT_FOUND');
        const event: CatalogueChangedEvent = { kind: 'category', id: row.id, store_id: null };
        await this.events.publish(manager, MARKETPLACE_EVENTS.catalogueChanged, event, {
          aggregateId: row.id,
        });

        return toView(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('CATEGORY_SLUG_TAKEN');
      throw error;
    }
  }
}
