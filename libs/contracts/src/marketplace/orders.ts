import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import { GeoPoint } from '../geo';
import type { Currency } from '../money';
import { NestedInstance } from '../nested';
import { PageRequest, type Page } from '../paging';
import { PAYMENT_METHODS, type PaymentMethod, type PaymentNextAction } from '../payment/intents';
import { ORDER_STATUSES, type OrderPaymentStatus, type OrderStatus } from './events';

// Cart.

export class AddCartItemRequest {
  @IsUUID()
  product_id!: string;

  @IsInt()
  @Min(1)
  @Max(1000)
  quantity!: number;
}

/** `quantity: 0` removes the line. */
export class UpdateCartItemRequest {
  @IsUUID()
  product_id!: string;

  @IsInt()
  @Min(0)
  @Max(1000)
  quantity!: number;
}

export class CartProductRequest {
  @IsUUID()
  product_id!: string;
}

export interface CartLineView {
  product_id: string;
  name: string;
  image: string | null;
  /** The current price: a cart does not keep prices, an order does. */
  unit_price: number;
  quantity: number;
  line_total: number;
  stock_quantity: number;
  /** False when the product is off sale or has less stock than the quantity. */
  available: boolean;
}

export interface CartStoreView {
  store: { id: string; name: string; is_open_now: boolean; min_order_amount: number };
  items: CartLineView[];
  subtotal: number;
  delivery_fee: number;
  total: number;
  /** The store's minimum is not reached yet. */
  below_minimum: boolean;
}

export interface CartView {
  stores: CartStoreView[];
  item_count: number;
  subtotal: number;
  delivery_fee: number;
  total_amount: number;
  currency: Currency;
}

// Checkout.

export class OrderLineRequest {
  @IsUUID()
  product_id!: string;

  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity!: number;
}

/** A delivery address typed at checkout instead of a saved one. */
export class InlineDeliveryAddress {
  @IsString()
  @Length(1, 200)
  street!: string;

  @IsString()
  @Length(1, 100)
  city!: string;

  @IsOptional()
  @IsISO31661Alpha2()
  country?: string;

  /** Landmarks, as Lomé addresses often need them ("derrière la pharmacie du Grand Marché"). */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  details?: string;

  @IsOptional()
  @ValidateNested()
  @NestedInstance(GeoPoint)
  location?: GeoPoint;
}

export class PlaceOrderRequest {
  /** The lines to buy; the caller's cart when absent. */
  @IsOptional()
  @ArrayMinSize(1)
  // Past this the body is refused as malformed; the service's own limit (ORDER_TOO_MANY_ITEMS) is lower.
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @NestedInstance(OrderLineRequest)
  items?: OrderLineRequest[];

  /** One of the caller's saved addresses (auth), or `delivery_address`. */
  @IsOptional()
  @IsUUID()
  delivery_address_id?: string;

  @IsOptional()
  @ValidateNested()
  @NestedInstance(InlineDeliveryAddress)
  delivery_address?: InlineDeliveryAddress;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  special_instructions?: string;

  @IsIn(PAYMENT_METHODS)
  payment_method!: PaymentMethod;

  /** Mobile money: the phone the payment request goes to (E.164); the caller's own phone by default. */
  @IsOptional()
  @Matches(/^\+\d{8,15}$/)
  payer_phone?: string;
}

/**
 * Lifecycle actions. Seed 004's admin steps map onto them: validate → `confirm`, ship →
 * `out_for_delivery`, deliver → `delivered`, refund → `refund` (admin only, once paid).
 */
export const ORDER_ACTIONS = [
  'confirm',
  'prepare',
  'ready',
  'out_for_delivery',
  'delivered',
  'cancel',
  'refund',
] as const;

export type OrderAction = (typeof ORDER_ACTIONS)[number];

export class UpdateOrderRequest {
  @IsUUID()
  id!: string;

  @IsIn(ORDER_ACTIONS)
  action!: OrderAction;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  reason?: string;
}

export class PayOrderRequest {
  @IsUUID()
  id!: string;

  @IsIn(PAYMENT_METHODS)
  payment_method!: PaymentMethod;

  @IsOptional()
  @Matches(/^\+\d{8,15}$/)
  payer_phone?: string;
}

export class ListOrdersRequest extends PageRequest {
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  /** Placed at or after (ISO 8601). */
  @IsOptional()
  @IsISO8601()
  from?: string;

  /** Placed before (ISO 8601). */
  @IsOptional()
  @IsISO8601()
  to?: string;
}

export class AdminListOrdersRequest extends ListOrdersRequest {
  @IsOptional()
  @IsUUID()
  store_id?: string;

  @IsOptional()
  @IsUUID()
  customer_id?: string;

  @IsOptional()
  @IsIn(['pending', 'paid', 'refunded'])
  payment_status?: OrderPaymentStatus;
}

export class DashboardRequest {
  /** Length of the period, in days up to today (30 by default). */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(366)
  days?: number;
}

export interface OrderLineView {
  product_id: string;
  name: string;
  unit_price: number;
  quantity: number;
  line_total: number;
}

export interface OrderTimelineEntry {
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  payment_status: OrderPaymentStatus;
  actor: { user_id: string | null; role: string };
  reason: string | null;
  at: string;
}

export interface OrderPaymentView {
  method: PaymentMethod;
  intent_id: string | null;
  /** What the payer must do next (confirm a mobile-money push), while the order waits for payment. */
  next_action: PaymentNextAction | null;
  /** An unpaid provider order is cancelled after this time. */
  due_at: string | null;
}

export interface OrderView {
  id: string;
  order_number: string;
  status: OrderStatus;
  payment_status: OrderPaymentStatus;
  payment: OrderPaymentView;
  store: { id: string; name: string; phone: string };
  customer: { user_id: string; name: string; phone: string };
  items: OrderLineView[];
  subtotal: number;
  delivery_fee: number;
  total_amount: number;
  currency: Currency;
  delivery_address: string;
  delivery_location: { lat: number; lng: number } | null;
  special_instructions: string | null;
  timeline: OrderTimelineEntry[];
  placed_at: string;
  updated_at: string;
}

export type OrderPage = Page<OrderView>;

/** `POST /orders`: one order per store of the lines bought. */
export interface PlaceOrderReply {
  orders: OrderView[];
}

export interface StoreDashboardView {
  currency: Currency;
  today: { orders: number; revenue: number };
  period: { days: number; orders: number; revenue: number; by_status: Partial<Record<OrderStatus, number>> };
  low_stock: { id: string; name: string; stock_quantity: number; low_stock_threshold: number }[];
}

export interface AdminStatsView {
  currency: Currency;
  users: { customers: number; store_owners: number };
  stores: { active: number; inactive: number };
  orders_by_status: Partial<Record<OrderStatus, number>>;
  /** Paid and not refunded, with the platform's commission in it. */
  revenue: { total: number; commission: number };
  top_products: { product_id: string; name: string; quantity: number; revenue: number }[];
}
