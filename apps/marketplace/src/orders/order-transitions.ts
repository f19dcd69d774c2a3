import type { Caller, OrderAction, OrderPaymentStatus, OrderStatus } from '@ecom/contracts';
import type { PaymentMethod } from '@ecom/contracts';

/** Who acts on an order: its customer, the owner of its store, an admin, or the platform itself. */
export type OrderActor = 'customer' | 'store_owner' | 'admin' | 'system';

export interface Transition {
  from: readonly OrderStatus[];
  to: OrderStatus;
  /** Who may take it. */
  by: readonly OrderActor[];
}

/** Before it leaves the store; the customer may cancel until then (API.md: "before it ships"). */
export const CANCELLABLE: readonly OrderStatus[] = ['pending', 'confirmed', 'preparing', 'ready'];

export const TRANSITIONS: Record<OrderAction, Transition> = {
  confirm: { from: ['pending'], to: 'confirmed', by: ['store_owner', 'admin'] },
  prepare: { from: ['confirmed'], to: 'preparing', by: ['store_owner', 'admin'] },
  ready: { from: ['preparing'], to: 'ready', by: ['store_owner', 'admin'] },
  out_for_delivery: { from: ['ready'], to: 'out_for_delivery', by: ['store_owner', 'admin'] },
  delivered: { from: ['out_for_delivery'], to: 'delivered', by: ['store_owner', 'admin'] },
  cancel: { from: CANCELLABLE, to: 'cancelled', by: ['customer', 'store_owner', 'admin', 'system'] },
  // Seed 004's refund: the goods come back (restocked) and the money goes back, at any stage once paid.
  refund: {
    from: ['pending', 'confirmed', 'preparing', 'ready', 'out_for_delivery', 'delivered'],
    to: 'cancelled',
    by: ['admin'],
  },
};

/** What the caller is to this order; null when it is none of its business (answered as not found). */
export function actorFor(
  who: Caller,
  order: { customer_id: string; store_owner_id: string },
): Exclude<OrderActor, 'system'> | null {
  if (who.roles.includes('admin')) return 'admin';
  if (who.roles.includes('store_owner') && order.store_owner_id === who.user_id) return 'store_owner';
  if (order.customer_id === who.user_id) return 'customer';

  return null;
}

/**
 * Why this action cannot be taken now, or null if it can. A store confirms a provider- or wallet-paid
 * order only once it is paid: it must not prepare goods nobody has paid for. Refunds need money taken.
 */
export function refusal(
  action: OrderAction,
  order: { status: OrderStatus; payment_status: OrderPaymentStatus; payment_method: PaymentMethod },
): string | null {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(order.status)) return `An order ${order.status} cannot ${action}`;
  if (
    action === 'confirm' &&
    order.payment_method !== 'cash_on_delivery' &&
    order.payment_status !== 'paid'
  ) {
    return 'The order is not paid yet';
  }
  if (action === 'refund' && order.payment_status !== 'paid') return 'Only a paid order can be refunded';

  return null;
}
