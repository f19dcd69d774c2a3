import { Injectable } from '@nestjs/common';
import type {
  AdminListOrdersRequest,
  Caller,
  ListOrdersRequest,
  OrderPage,
  OrderView,
} from '@ecom/contracts';
import { DomainError } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { decodeCursor, encodeCursor } from '../paging/page-cursor';
import { StoresService } from '../stores/stores.service';
import { actorFor } from './order-transitions';
import { OrdersRepository } from './orders.repository';

/** Reading orders: the customer's, a store's (its owner only), every order (admin). Newest first. */
@Injectable()
export class OrdersQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersRepository,
    private readonly stores: StoresService,
  ) {}

  /** One order, to its customer, the owner of its store or an admin; anyone else is told it does not exist. */
  async get(who: Caller, id: string): Promise<OrderView> {
    const row = await this.orders.find(this.dataSource.manager, id);
    if (!row || !actorFor(who, row)) throw new DomainError('ORDER_NOT_FOUND');
    const [view] = await this.orders.views(this.dataSource.manager, [row]);
    if (!view) throw new DomainError('ORDER_NOT_FOUND');

    return view;
  }

  listMine(customerId: string, request: ListOrdersRequest): Promise<OrderPage> {
    return this.page(request, ['o.customer_id = $1'], [customerId]);
  }

  async listStore(ownerId: string, request: ListOrdersRequest): Promise<OrderPage> {
    const store = await this.stores.own(ownerId);

    return this.page(request, ['o.store_id = $1'], [store.id]);
  }

  listAll(request: AdminListOrdersRequest): Promise<OrderPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (request.store_id) where.push(`o.store_id = $${params.push(request.store_id)}`);
    if (request.customer_id) where.push(`o.customer_id = $${params.push(request.customer_id)}`);
    if (request.payment_status) where.push(`o.payment_status = $${params.push(request.payment_status)}`);

    return this.page(request, where, params);
  }

  private async page(request: ListOrdersRequest, where: string[], params: unknown[]): Promise<OrderPage> {
    const limit = request.limit ?? 20;
    const conditions = [...where];
    const values = [...params];
    const param = (value: unknown): string => `$${values.push(value)}`;
    if (request.status) conditions.push(`o.status = ${param(request.status)}`);
    if (request.from) conditions.push(`o.placed_at >= ${param(request.from)}`);
    if (request.to) conditions.push(`o.placed_at < ${param(request.to)}`);
    if (request.cursor) {
      const [placedKey, id] = decodeCursor(request.cursor, 'orders', 2);
      conditions.push(`(o.placed_at, o.id) < (${param(placedKey)}::timestamptz, ${param(id)}::uuid)`);
    }
    const rows = await this.orders.findMany(
      this.dataSource.manager,
      conditions.length > 0 ? conditions.join(' AND ') : 'true',
      values,
      `ORDER BY o.placed_at DESC, o.id DESC LIMIT ${param(limit + 1)}`,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);

    return {
      items: await this.orders.views(this.dataSource.manager, page),
      next_cursor:
        rows.length > limit && last
          ? encodeCursor({ sort: 'orders', values: [last.placed_key, last.id] })
          : null,
    };
  }
}
