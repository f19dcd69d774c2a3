import { Injectable } from '@nestjs/common';
import type {
  OrderPaymentStatus,
  OrderStatus,
  OrderTimelineEntry,
  OrderView,
  PaymentMethod,
  PaymentNextAction,
} from '@ecom/contracts';
import { preparedQuery, type PreparedStatement } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

export interface OrderRow {
  id: string;
  order_number: string;
  checkout_id: string | null;
  customer_id: string;
  customer_name: string;
  customer_phone: string;
  store_id: string;
  store_name: string;
  store_phone: string;
  store_owner_id: string;
  status: OrderStatus;
  payment_status: OrderPaymentStatus;
  payment_method: PaymentMethod;
  payment_intent_id: string | null;
  payment_next_action: PaymentNextAction | null;
  payment_due_at: Date | null;
  payer_phone: string | null;
  subtotal: string;
  delivery_fee: string;
  total_amount: string;
  commission_amount: string;
  delivery_address: string;
  delivery_lat: number | null;
  delivery_lng: number | null;
  special_instructions: string | null;
  placed_at: Date;
  placed_key: string;
  updated_at: Date;
  restocked_at: Date | null;
  refund_requested_at: Date | null;
  refunded_at: Date | null;
  cash_recorded_at: Date | null;
}

/** An order line as JSON from the database: amounts are numbers. */
interface ItemRow {
  product_id: string;
  name: string;
  unit_price: number;
  quantity: number;
  line_total: number;
}

/** A timeline step as JSON from the database: `at` is an ISO time with the database's precision. */
interface TimelineRow {
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  payment_status: OrderPaymentStatus;
  actor_id: string | null;
  actor_role: string;
  reason: string | null;
  at: string;
}

export const ORDER_COLUMNS = `o.*, to_json(o.placed_at) #>> '{}' AS placed_key, s.name AS store_name,
  s.phone AS store_phone, s.owner_id AS store_owner_id`;

export interface TimelineChange {
  from: OrderStatus | null;
  to: OrderStatus;
  paymentStatus: OrderPaymentStatus;
  actorId: string | null;
  actorRole: string;
  reason: string | null;
}

const ADD_TIMELINE: PreparedStatement = {
  name: 'marketplace.orders.add-timeline',
  text: `INSERT INTO order_timeline (order_id, from_status, to_status, payment_status, actor_id, actor_role, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
};

/** Orders, their lines and timeline: SQL only. */
@Injectable()
export class OrdersRepository {
  async find(manager: EntityManager, id: string): Promise<OrderRow | undefined> {
    const [row] = await manager.query<OrderRow[]>(
      `SELECT ${ORDER_COLUMNS} FROM orders o JOIN stores s ON s.id = o.store_id WHERE o.id = $1`,
      [id],
    );

    return row;
  }

  async findMany(manager: EntityManager, where: string, params: unknown[], tail = ''): Promise<OrderRow[]> {
    return manager.query<OrderRow[]>(
      `SELECT ${ORDER_COLUMNS} FROM orders o JOIN stores s ON s.id = o.store_id WHERE ${where} ${tail}`,
      params,
    );
  }

  async addTimeline(manager: EntityManager, orderId: string, change: TimelineChange): Promise<void> {
    await preparedQuery(manager, ADD_TIMELINE, [
      orderId,
      change.from,
      change.to,
      change.paymentStatus,
      change.actorId,
      change.actorRole,
      change.reason,
    ]);
  }

  /** Full views of these orders, in the order given: lines and timeline come in one query. */
  async views(manager: EntityManager, rows: OrderRow[]): Promise<OrderView[]> {
    if (rows.length === 0) return [];
    const details = await manager.query<{ id: string; items: ItemRow[]; timeline: TimelineRow[] }[]>(
      `SELECT o.id,
              coalesce((SELECT json_agg(json_build_object('product_id', i.product_id, 'name', i.name,
                                 'unit_price', i.unit_price, 'quantity', i.quantity, 'line_total', i.line_total)
                                 ORDER BY i.name, i.product_id)
                          FROM order_items i WHERE i.order_id = o.id), '[]') AS items,
              coalesce((SELECT json_agg(json_build_object('from_status', t.from_status, 'to_status', t.to_status,
                                 'payment_status', t.payment_status, 'actor_id', t.actor_id, 'actor_role', t.actor_role,
                                 'reason', t.reason, 'at', t.created_at) ORDER BY t.id)
                          FROM order_timeline t WHERE t.order_id = o.id), '[]') AS timeline
         FROM unnest($1::uuid[]) AS o (id)`,
      [rows.map((row) => row.id)],
    );
    const byId = new Map(details.map((detail) => [detail.id, detail]));

    return rows.map((row) =>
      toOrderView(row, byId.get(row.id)?.items ?? [], byId.get(row.id)?.timeline ?? []),
    );
  }
}

function toOrderView(row: OrderRow, items: ItemRow[], timeline: TimelineRow[]): OrderView {
  return {
    id: row.id,
    order_number: row.order_number,
    status: row.status,
    payment_status: row.payment_status,
    payment: {
      method: row.payment_method,
      intent_id: row.payment_intent_id,
      next_action:
        row.payment_status === 'pending' && row.status !== 'cancelled' ? row.payment_next_action : null,
      due_at: row.payment_status === 'pending' ? (row.payment_due_at?.toISOString() ?? null) : null,
    },
    store: { id: row.store_id, name: row.store_name, phone: row.store_phone },
    customer: { user_id: row.customer_id, name: row.customer_name, phone: row.customer_phone },
    items: items.map((item) => ({
      product_id: item.product_id,
      name: item.name,
      unit_price: item.unit_price,
      quantity: item.quantity,
      line_total: item.line_total,
    })),
    subtotal: Number(row.subtotal),
    delivery_fee: Number(row.delivery_fee),
    total_amount: Number(row.total_amount),
    currency: 'XOF',
    delivery_address: row.delivery_address,
    delivery_location:
      row.delivery_lat === null || row.delivery_lng === null
        ? null
        : { lat: row.delivery_lat, lng: row.delivery_lng },
    special_instructions: row.special_instructions,
    timeline: timeline.map((entry): OrderTimelineEntry => ({
      from_status: entry.from_status,
      to_status: entry.to_status,
      payment_status: entry.payment_status,
      actor: { user_id: entry.actor_id, role: entry.actor_role },
      reason: entry.reason,
      at: new Date(entry.at).toISOString(),
    })),
    placed_at: row.placed_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
