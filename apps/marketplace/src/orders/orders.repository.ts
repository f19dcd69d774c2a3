import { Injectable } from '@nestjs/common';
import type {
  OrderPaymentStatus,
  OrderStatus,
  OrderTimelineEntry,
  OrderView,
  PaymentMethod,
  PaymentNextAction,
} from '@ecom/contracts';
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

interface ItemRow {
  order_id: string;
  product_id: string;
  name: string;
  unit_price: string;
  quantity: number;
  line_total: string;
}

interface TimelineRow {
  order_id: string;
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  payment_status: OrderPaymentStatus;
  actor_id: string | null;
  actor_role: string;
  reason: string | null;
  created_at: Date;
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

/** Orders, their lines and timeline: SQL only. */
@Injectable()
export class OrdersRepository {
  async find(manager: EntityManager, id: string, lock = false): Promise<OrderRow | undefined> {
    const [row] = await manager.query<OrderRow[]>(
      `SELECT ${ORDER_COLUMNS} FROM orders o JOIN stores s ON s.id = o.store_id WHERE o.id = $1
       ${lock ? 'FOR UPDATE OF o' : ''}`,
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
    await manager.query(
      `INSERT INTO order_timeline (order_id, from_status, to_status, payment_status, actor_id, actor_role, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        orderId,
        change.from,
        change.to,
        change.paymentStatus,
        change.actorId,
        change.actorRole,
        change.reason,
      ],
    );
  }

  /** Full views of these orders, in the order given. */
  async views(manager: EntityManager, rows: OrderRow[]): Promise<OrderView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const items = await manager.query<ItemRow[]>(
      `SELECT order_id, product_id, name, unit_price, quantity, line_total FROM order_items
        WHERE order_id = ANY($1) ORDER BY name, product_id`,
      [ids],
    );
    const timeline = await manager.query<TimelineRow[]>(
      `SELECT order_id, from_status, to_status, payment_status, actor_id, actor_role, reason, created_at
         FROM order_timeline WHERE order_id = ANY($1) ORDER BY id`,
      [ids],
    );

    return rows.map((row) => toOrderView(row, items, timeline));
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
    items: items
      .filter((item) => item.order_id === row.id)
      .map((item) => ({
        product_id: item.product_id,
        name: item.name,
        unit_price: Number(item.unit_price),
        quantity: item.quantity,
        line_total: Number(item.line_total),
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
    timeline: timeline
      .filter((entry) => entry.order_id === row.id)
      .map((entry): OrderTimelineEntry => ({
        from_status: entry.from_status,
        to_status: entry.to_status,
        payment_status: entry.payment_status,
        actor: { user_id: entry.actor_id, role: entry.actor_role },
        reason: entry.reason,
        at: entry.created_at.toISOString(),
      })),
    placed_at: row.placed_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
