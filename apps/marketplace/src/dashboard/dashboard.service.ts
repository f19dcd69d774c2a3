import { Injectable } from '@nestjs/common';
import type { AdminStatsView, OrderStatus, StoreDashboardView } from '@ecom/contracts';
import { DataSource } from 'typeorm';

import { StoresService } from '../stores/stores.service';

/** Midnight today in Lomé, where stores count their days. */
const LOME_TODAY = "(date_trunc('day', now() AT TIME ZONE 'Africa/Lome') AT TIME ZONE 'Africa/Lome')";

function byStatus(rows: { status: OrderStatus; count: number }[]): Partial<Record<OrderStatus, number>> {
  return Object.fromEntries(rows.map((row) => [row.status, row.count]));
}

/** A store owner's dashboard and the platform's marketplace figures. Revenue leaves cancelled orders out. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly stores: StoresService,
  ) {}

  async store(ownerId: string, days = 30): Promise<StoreDashboardView> {
    const store = await this.stores.own(ownerId);
    const since = `${LOME_TODAY} - ($2::int - 1) * interval '1 day'`;
    const [totals] = await this.dataSource.query<
      { today_orders: number; today_revenue: string; period_orders: number; period_revenue: string }[]
    >(
      `SELECT count(*) FILTER (WHERE placed_at >= ${LOME_TODAY})::int AS today_orders,
              coalesce(sum(total_amount) FILTER (WHERE placed_at >= ${LOME_TODAY} AND status <> 'cancelled'), 0) AS today_revenue,
              count(*)::int AS period_orders,
              coalesce(sum(total_amount) FILTER (WHERE status <> 'cancelled'), 0) AS period_revenue
         FROM orders WHERE store_id = $1 AND placed_at >= ${since}`,
      [store.id, days],
    );
    const statuses = await this.dataSource.query<{ status: OrderStatus; count: number }[]>(
      `SELECT status, count(*)::int AS count FROM orders WHERE store_id = $1 AND placed_at >= ${since} GROUP BY status`,
      [store.id, days],
    );
    const lowStock = await this.dataSource.query<StoreDashboardView['low_stock']>(
      `SELECT id, name, stock_quantity, low_stock_threshold FROM products
        WHERE store_id = $1 AND is_active AND deleted_at IS NULL AND stock_quantity <= low_stock_threshold
        ORDER BY stock_quantity, name LIMIT 50`,
      [store.id],
    );

    return {
      currency: 'XOF',
      today: { orders: totals?.today_orders ?? 0, revenue: Number(totals?.today_revenue ?? 0) },
      period: {
        days,
        orders: totals?.period_orders ?? 0,
        revenue: Number(totals?.period_revenue ?? 0),
        by_status: byStatus(statuses),
      },
      low_stock: lowStock,
    };
  }

  async platform(): Promise<AdminStatsView> {
    const [people] = await this.dataSource.query<
      { customers: number; owners: number; active: number; inactive: number }[]
    >(
      `SELECT (SELECT count(DISTINCT customer_id)::int FROM orders) AS customers,
              (SELECT count(*)::int FROM stores) AS owners,
              (SELECT count(*)::int FROM stores WHERE is_active) AS active,
              (SELECT count(*)::int FROM stores WHERE NOT is_active) AS inactive`,
    );
    const statuses = await this.dataSource.query<{ status: OrderStatus; count: number }[]>(
      'SELECT status, count(*)::int AS count FROM orders GROUP BY status',
    );
    const [revenue] = await this.dataSource.query<{ total: string; commission: string }[]>(
      `SELECT coalesce(sum(total_amount), 0) AS total, coalesce(sum(commission_amount), 0) AS commission
         FROM orders WHERE payment_status = 'paid'`,
    );
    const top = await this.dataSource.query<
      { product_id: string; name: string; quantity: number; revenue: string }[]
    >(
      `SELECT i.product_id, max(i.name) AS name, sum(i.quantity)::int AS quantity, sum(i.line_total) AS revenue
         FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.status <> 'cancelled'
        GROUP BY i.product_id ORDER BY quantity DESC, revenue DESC LIMIT 10`,
    );

    return {
      currency: 'XOF',
      users: { customers: people?.customers ?? 0, store_owners: people?.owners ?? 0 },
      stores: { active: people?.active ?? 0, inactive: people?.inactive ?? 0 },
      orders_by_status: byStatus(statuses),
      revenue: { total: Number(revenue?.total ?? 0), commission: Number(revenue?.commission ?? 0) },
      top_products: top.map((row) => ({ ...row, revenue: Number(row.revenue) })),
    };
  }
}
