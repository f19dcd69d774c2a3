import type { Currency } from '../money';
import type { PaymentMethod } from '../payment/intents';

/** Domain events of the marketplace service, relayed from its outbox to JetStream. */
export const MARKETPLACE_EVENTS = {
  orderPlaced: 'marketplace.order.placed',
  orderStatusChanged: 'marketplace.order.status_changed',
  catalogueChanged: 'marketplace.catalogue.changed',
} as const;

export const ORDER_STATUSES = [
  'pending',
  'confirmed',
  'preparing',
  'ready',
  'out_for_delivery',
  'delivered',
  'cancelled',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_PAYMENT_STATUSES = ['pending', 'paid', 'refunded'] as const;

export type OrderPaymentStatus = (typeof ORDER_PAYMENT_STATUSES)[number];

export interface OrderPlacedLine {
  product_id: string;
  name: string;
  quantity: number;
  unit_price: number;
  line_total: number;
}

/**
 * `marketplace.order.placed`: notification sends the seller's WhatsApp (seed 000 layout) and the
 * customer's in-app note; analytics counts. Carries what those need so that no one calls back.
 */
export interface OrderPlacedEvent {
  order_id: string;
  order_number: string;
  store: { id: string; name: string; owner_id: string; phone: string };
  customer: { user_id: string; name: string; phone: string };
  items: OrderPlacedLine[];
  subtotal: number;
  delivery_fee: number;
  total_amount: number;
  currency: Currency;
  delivery_address: string;
  special_instructions: string | null;
  payment_method: PaymentMethod;
  /** The store owner's page for this order. */
  manage_url: string;
  placed_at: string;
}

/** `marketplace.order.status_changed`: every lifecycle or payment change, with who made it. */
export interface OrderStatusChangedEvent {
  order_id: string;
  order_number: string;
  store_id: string;
  customer_id: string;
  status: OrderStatus;
  previous_status: OrderStatus;
  payment_status: OrderPaymentStatus;
  total_amount: number;
  currency: Currency;
  actor: { user_id: string | null; role: string };
  reason: string | null;
}

/** `marketplace.catalogue.changed`: lets the gateway drop cached public catalogue reads. */
export interface CatalogueChangedEvent {
  kind: 'product' | 'store' | 'category';
  id: string;
  store_id: string | null;
}
