import { Inject, Injectable } from '@nestjs/common';
import {
  MARKETPLACE_EVENTS,
  type Caller,
  type OrderAction,
  type OrderStatusChangedEvent,
  type OrderView,
  type UpdateOrderRequest,
} from '@ecom/contracts';
import {
  DomainError,
  EventPublisher,
  ForbiddenError,
  inTransaction,
  LOGGER,
  type Logger,
} from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import { PaymentClient } from '../payments/payment-client';
import { actorFor, refusal, TRANSITIONS, type OrderActor } from './order-transitions';
import { OrdersRepository, type OrderRow } from './orders.repository';

export interface Actor {
  userId: string | null;
  role: OrderActor;
}

export const SYSTEM: Actor = { userId: null, role: 'system' };

/** What a change records of the order: its timeline entry and its event. */
type ChangedOrder = Pick<
  OrderRow,
  'id' | 'order_number' | 'store_id' | 'customer_id' | 'status' | 'payment_status' | 'total_amount'
>;

const CHANGED_COLUMNS = 'id, order_number, store_id, customer_id, status, payment_status, total_amount';

/**
 * The order lifecycle. Every change locks the order row and checks its current status before moving it
 * (first wins: two cancels sent together change the order once), with its timeline entry and its event in the same
 * transaction. `cancelled` is terminal and only reachable from live states, so the one transaction that
 * cancels is the one that gives the stock back: it happens exactly once. Money moves after the commit,
 * through payment, with keys derived from the order so that a retry never refunds or collects twice.
 */
@Injectable()
export class OrderLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersRepository,
    private readonly payments: PaymentClient,
    private readonly events: EventPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async act(who: Caller, request: UpdateOrderRequest): Promise<OrderView> {
    const order = await this.orders.find(this.dataSource.manager, request.id);
    const role = order ? actorFor(who, order) : null;
    if (!order || !role) throw new DomainError('ORDER_NOT_FOUND');
    if (!TRANSITIONS[request.action].by.includes(role)) {
      throw new ForbiddenError(`A ${role.replace('_', ' ')} cannot ${request.action} an order`);
    }
    const actor = { userId: who.user_id, role };
    // A cancel sent again (a retry, a double tap) answers the cancelled order.
    const repeated = order.status === 'cancelled' && request.action === 'cancel';
    if (!repeated) {
      const why = refusal(request.action, order);
      if (why) throw this.refused(request.action, why);
      const changed = await inTransaction(this.dataSource, (manager) =>
        this.transition(manager, order.id, request.action, actor, request.reason ?? null),
      );
      if (changed) {
        // Only the change that won moves money; the follow-up job retries what it could not finish.
        await this.settle(order.id);
      } else {
        const now = await this.orders.find(this.dataSource.manager, order.id);
        if (now?.status !== 'cancelled' || request.action !== 'cancel') {
          throw this.refused(request.action, `The order is now ${now?.status ?? 'gone'}`);
        }
      }
    }

    return this.view(order.id);
  }

  /**
   * Moves the order if it is still in a state the action starts from; null when another change won.
   * Cancelling gives the stock back and asks for a refund of what was paid.
   */
  async transition(
    manager: EntityManager,
    orderId: string,
    action: OrderAction,
    actor: Actor,
    reason: string | null,
  ): Promise<ChangedOrder | null> {
    const transition = TRANSITIONS[action];
    // Under the row lock the status read is the one this change starts from.
    const [current] = await manager.query<Pick<OrderRow, 'status' | 'payment_status' | 'payment_method'>[]>(
      'SELECT status, payment_status, payment_method FROM orders WHERE id = $1 FOR UPDATE',
      [orderId],
    );
    if (!current || refusal(action, current) !== null) return null;
    const [[order]] = await manager.query<[ChangedOrder[], number]>(
      `UPDATE orders SET status = $2::varchar,
              confirmed_at = CASE WHEN $2::varchar = 'confirmed' THEN now() ELSE confirmed_at END,
              delivered_at = CASE WHEN $2::varchar = 'delivered' THEN now() ELSE delivered_at END,
              cancelled_at = CASE WHEN $2::varchar = 'cancelled' THEN now() ELSE cancelled_at END,
              restocked_at = CASE WHEN $2::varchar = 'cancelled' THEN now() ELSE restocked_at END,
              refund_requested_at = CASE WHEN $2::varchar = 'cancelled' AND payment_status = 'paid'
                                         THEN now() ELSE refund_requested_at END,
              updated_at = now()
        WHERE id = $1 RETURNING ${CHANGED_COLUMNS}`,
      [orderId, transition.to],
    );
    if (!order) return null;
    if (transition.to === 'cancelled') await this.restock(manager, orderId);
    await this.recordChange(manager, order, current.status, actor, reason ?? action);

    return order;
  }

  /** Paid: the order can be prepared. Paid after it was cancelled (a late payment): refunded at once. */
  async markPaid(manager: EntityManager, orderId: string, intentId: string | null): Promise<void> {
    const [[order]] = await manager.query<[ChangedOrder[], number]>(
      `UPDATE orders SET payment_status = 'paid', paid_at = now(), payment_intent_id = coalesce(payment_intent_id, $2),
              refund_requested_at = CASE WHEN status = 'cancelled' THEN now() ELSE refund_requested_at END,
              updated_at = now()
        WHERE id = $1 AND payment_status = 'pending' RETURNING ${CHANGED_COLUMNS}`,
      [orderId, intentId],
    );
    if (order) await this.recordChange(manager, order, order.status, SYSTEM, 'paid');
  }

  /** The payment service confirmed the refund. */
  async markRefunded(manager: EntityManager, orderId: string): Promise<void> {
    const [[order]] = await manager.query<[ChangedOrder[], number]>(
      `UPDATE orders SET payment_status = 'refunded', refunded_at = now(), updated_at = now()
        WHERE id = $1 AND payment_status = 'paid' RETURNING ${CHANGED_COLUMNS}`,
      [orderId],
    );
    if (order) await this.recordChange(manager, order, order.status, SYSTEM, 'refunded');
  }

  /** The platform cancels (payment refused or never made); a no-op once the order moved on. */
  async cancelBySystem(orderId: string, reason: string): Promise<void> {
    await inTransaction(this.dataSource, (manager) =>
      this.transition(manager, orderId, 'cancel', SYSTEM, reason),
    );
    await this.settle(orderId);
  }

  /**
   * What money still has to move for this order, after its change committed: a refund asked for, cash
   * collected at the door to report, an intent to cancel. Failures are left for the follow-up job.
   */
  async settle(orderId: string): Promise<void> {
    const order = await this.orders.find(this.dataSource.manager, orderId);
    if (!order?.payment_intent_id) return;
    const intentId = order.payment_intent_id;
    try {
      if (order.refund_requested_at && !order.refunded_at) {
        await this.payments.refund(
          { ...order, payment_intent_id: intentId },
          `Commande ${order.order_number} annulée`,
        );
        await inTransaction(this.dataSource, (manager) => this.markRefunded(manager, orderId));
      } else if (
        order.status === 'delivered' &&
        order.payment_method === 'cash_on_delivery' &&
        !order.cash_recorded_at
      ) {
        await this.payments.recordCash({ ...order, payment_intent_id: intentId });
        await inTransaction(this.dataSource, async (manager) => {
          await manager.query('UPDATE orders SET cash_recorded_at = now() WHERE id = $1', [orderId]);
          await this.markPaid(manager, orderId, intentId);
        });
      } else if (order.status === 'cancelled' && order.payment_status === 'pending') {
        await this.payments.cancel(intentId, 'order cancelled');
      }
    } catch (error) {
      this.logger.warn('Payment step of an order failed; the follow-up job retries it', {
        order_id: orderId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  async view(orderId: string): Promise<OrderView> {
    const order = await this.orders.find(this.dataSource.manager, orderId);
    if (!order) throw new DomainError('ORDER_NOT_FOUND');
    const [view] = await this.orders.views(this.dataSource.manager, [order]);
    if (!view) throw new DomainError('ORDER_NOT_FOUND');

    return view;
  }

  /** Every change of an order: its timeline entry and `marketplace.order.status_changed`. */
  async recordChange(
    manager: EntityManager,
    order: ChangedOrder,
    previous: OrderRow['status'] | null,
    actor: Actor,
    reason: string | null,
  ): Promise<void> {
    if (previous !== null) {
      const event: OrderStatusChangedEvent = {
        order_id: order.id,
        order_number: order.order_number,
        store_id: order.store_id,
        customer_id: order.customer_id,
        status: order.status,
        previous_status: previous,
        payment_status: order.payment_status,
        total_amount: Number(order.total_amount),
        currency: 'XOF',
        actor: { user_id: actor.userId, role: actor.role },
        reason,
      };
      // Published first: its outbox row goes with the timeline's statement.
      await this.events.publish(manager, MARKETPLACE_EVENTS.orderStatusChanged, event, {
        aggregateId: order.id,
      });
    }
    await this.orders.addTimeline(manager, order.id, {
      from: previous,
      to: order.status,
      paymentStatus: order.payment_status,
      actorId: actor.userId,
      actorRole: actor.role,
      reason,
    });
  }

  /** Gives the order's units back, locking the products in id order like a checkout does. */
  private async restock(manager: EntityManager, orderId: string): Promise<void> {
    const lines = await manager.query<{ product_id: string; quantity: number }[]>(
      `SELECT product_id, sum(quantity)::int AS quantity FROM order_items WHERE order_id = $1
        GROUP BY product_id ORDER BY product_id`,
      [orderId],
    );
    for (const line of lines) {
      await manager.query(
        'UPDATE products SET stock_quantity = stock_quantity + $2, updated_at = now() WHERE id = $1',
        [line.product_id, line.quantity],
      );
    }
  }

  private refused(action: OrderAction, why: string): DomainError {
    return new DomainError(action === 'cancel' ? 'ORDER_NOT_CANCELLABLE' : 'ORDER_INVALID_TRANSITION', why);
  }
}
