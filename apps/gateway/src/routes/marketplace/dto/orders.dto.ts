import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AddCartItemRequest,
  AdminListOrdersRequest,
  DashboardRequest,
  GeoPoint,
  InlineDeliveryAddress,
  ListOrdersRequest,
  MAX_AMOUNT,
  ORDER_ACTIONS,
  ORDER_PAYMENT_STATUSES,
  ORDER_STATUSES,
  OrderLineRequest,
  PAYMENT_METHODS,
  PlaceOrderRequest,
  type AdminStatsView,
  type CartLineView,
  type CartStoreView,
  type CartView,
  type OrderAction,
  type OrderLineView,
  type OrderPage,
  type OrderPaymentStatus,
  type OrderPaymentView,
  type OrderStatus,
  type OrderTimelineEntry,
  type OrderView,
  type PaymentMethod,
  type PlaceOrderReply,
  type StoreDashboardView,
} from '@ecom/contracts';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

// Cart.

export class AddCartItemDto extends AddCartItemRequest {
  @ApiProperty({ format: 'uuid' }) declare product_id: string;
  @ApiProperty({ example: 2, minimum: 1, maximum: 1000 }) declare quantity: number;
}

export class CartQuantityDto {
  @ApiProperty({ example: 3, minimum: 0, maximum: 1000, description: '0 removes the line' })
  @IsInt()
  @Min(0)
  @Max(1000)
  quantity!: number;
}

class CartLineDto implements CartLineView {
  @ApiProperty({ format: 'uuid' }) product_id!: string;
  @ApiProperty({ example: 'Riz parfumé 5 kg' }) name!: string;
  @ApiProperty({ nullable: true, type: String }) image!: string | null;
  @ApiProperty({ example: 4000, description: 'Current price' }) unit_price!: number;
  @ApiProperty({ example: 2 }) quantity!: number;
  @ApiProperty({ example: 8000 }) line_total!: number;
  @ApiProperty({ example: 12 }) stock_quantity!: number;
  @ApiProperty({ example: true }) available!: boolean;
}

class CartStoreRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Boutique Bè' }) name!: string;
  @ApiProperty({ example: true }) is_open_now!: boolean;
  @ApiProperty({ example: 2000 }) min_order_amount!: number;
}

class CartStoreDto implements CartStoreView {
  @ApiProperty({ type: CartStoreRefDto }) store!: CartStoreRefDto;
  @ApiProperty({ type: [CartLineDto] }) items!: CartLineDto[];
  @ApiProperty({ example: 8000 }) subtotal!: number;
  @ApiProperty({ example: 500 }) delivery_fee!: number;
  @ApiProperty({ example: 8500 }) total!: number;
  @ApiProperty({ example: false }) below_minimum!: boolean;
}

export class CartDto implements CartView {
  @ApiProperty({ type: [CartStoreDto] }) stores!: CartStoreDto[];
  @ApiProperty({ example: 3 }) item_count!: number;
  @ApiProperty({ example: 8000 }) subtotal!: number;
  @ApiProperty({ example: 500 }) delivery_fee!: number;
  @ApiProperty({ example: 8500 }) total_amount!: number;
  @ApiProperty({ example: 'XOF', enum: ['XOF'] }) currency!: 'XOF';
}

// Checkout.

class OrderLineBody extends OrderLineRequest {
  @ApiProperty({ format: 'uuid' }) declare product_id: string;
  @ApiProperty({ example: 1, minimum: 1 }) declare quantity: number;
}

class DeliveryPointBody extends GeoPoint {
  @ApiProperty({ example: 6.1319 }) declare lat: number;
  @ApiProperty({ example: 1.2228 }) declare lng: number;
}

class InlineAddressBody extends InlineDeliveryAddress {
  @ApiProperty({ example: 'Rue des Cocotiers 12' }) declare street: string;
  @ApiProperty({ example: 'Lomé' }) declare city: string;
  @ApiPropertyOptional({ example: 'TG' }) declare country?: string;
  @ApiPropertyOptional({ example: 'Derrière la pharmacie du Grand Marché' }) declare details?: string;
  @ApiPropertyOptional({ type: DeliveryPointBody }) declare location?: DeliveryPointBody;
}

export class PlaceOrderDto extends PlaceOrderRequest {
  @ApiPropertyOptional({ type: [OrderLineBody], description: 'The caller’s cart when absent' })
  declare items?: OrderLineBody[];
  @ApiPropertyOptional({ format: 'uuid', description: 'A saved address; or `delivery_address`' })
  declare delivery_address_id?: string;
  @ApiPropertyOptional({ type: InlineAddressBody }) declare delivery_address?: InlineAddressBody;
  @ApiPropertyOptional({ example: 'Appeler en arrivant' }) declare special_instructions?: string;
  @ApiProperty({ enum: PAYMENT_METHODS }) declare payment_method: PaymentMethod;
  @ApiPropertyOptional({ example: '+22890123456', description: 'Mobile money: the phone asked to pay' })
  declare payer_phone?: string;
}

export class UpdateOrderDto {
  @ApiProperty({
    enum: ORDER_ACTIONS,
    description:
      'Customer: `cancel` before it ships. Store owner: `confirm`, `prepare`, `ready`, `out_for_delivery`, ' +
      '`delivered`, `cancel`. Admin: every one of these, and `refund`.',
  })
  @IsIn(ORDER_ACTIONS)
  action!: OrderAction;

  @ApiPropertyOptional({ example: 'Rupture chez le fournisseur' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  reason?: string;
}

export class PayOrderDto {
  @ApiProperty({ enum: PAYMENT_METHODS })
  @IsIn(PAYMENT_METHODS)
  payment_method!: PaymentMethod;

  @ApiPropertyOptional({ example: '+22890123456' })
  @IsOptional()
  @Matches(/^\+\d{8,15}$/)
  payer_phone?: string;
}

export class OrdersQueryDto extends ListOrdersRequest {
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) declare status?: OrderStatus;
  @ApiPropertyOptional({ format: 'date-time' }) declare from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) declare to?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) declare limit?: number;
  @ApiPropertyOptional({ description: 'The previous page’s `next_cursor`' }) declare cursor?: string;
}

export class AdminOrdersQueryDto extends AdminListOrdersRequest {
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) declare status?: OrderStatus;
  @ApiPropertyOptional({ enum: ORDER_PAYMENT_STATUSES }) declare payment_status?: OrderPaymentStatus;
  @ApiPropertyOptional({ format: 'uuid' }) declare store_id?: string;
  @ApiPropertyOptional({ format: 'uuid' }) declare customer_id?: string;
  @ApiPropertyOptional({ format: 'date-time' }) declare from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) declare to?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) declare limit?: number;
  @ApiPropertyOptional({ description: 'The previous page’s `next_cursor`' }) declare cursor?: string;
}

export class DashboardQueryDto extends DashboardRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: 366, default: 30, description: 'Days up to today' })
  declare days?: number;
}

class OrderLineDto implements OrderLineView {
  @ApiProperty({ format: 'uuid' }) product_id!: string;
  @ApiProperty({ example: 'Riz parfumé 5 kg' }) name!: string;
  @ApiProperty({ example: 4000, description: 'Price when ordered' }) unit_price!: number;
  @ApiProperty({ example: 2 }) quantity!: number;
  @ApiProperty({ example: 8000 }) line_total!: number;
}

class ActorDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) user_id!: string | null;
  @ApiProperty({ example: 'store_owner', enum: ['customer', 'store_owner', 'admin', 'system'] })
  role!: string;
}

class TimelineEntryDto implements OrderTimelineEntry {
  @ApiProperty({ enum: ORDER_STATUSES, nullable: true }) from_status!: OrderStatus | null;
  @ApiProperty({ enum: ORDER_STATUSES }) to_status!: OrderStatus;
  @ApiProperty({ enum: ORDER_PAYMENT_STATUSES }) payment_status!: OrderPaymentStatus;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiProperty({ nullable: true, type: String, example: 'confirm' }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class OrderNextActionDto {
  @ApiProperty({ enum: ['confirm_on_phone', 'redirect'] }) type!: 'confirm_on_phone' | 'redirect';
  @ApiPropertyOptional({ example: '+22890123456' }) phone?: string;
  @ApiPropertyOptional() url?: string;
}

class OrderPaymentDto implements OrderPaymentView {
  @ApiProperty({ enum: PAYMENT_METHODS }) method!: PaymentMethod;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) intent_id!: string | null;
  @ApiProperty({ type: OrderNextActionDto, nullable: true }) next_action!: OrderNextActionDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) due_at!: string | null;
}

class OrderStoreDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Boutique Bè' }) name!: string;
  @ApiProperty({ example: '+22890112233' }) phone!: string;
}

class OrderCustomerDto {
  @ApiProperty({ format: 'uuid' }) user_id!: string;
  @ApiProperty({ example: 'Kossi Mensah' }) name!: string;
  @ApiProperty({ example: '+22890000002' }) phone!: string;
}

class DeliveryLocationDto {
  @ApiProperty({ example: 6.1319 }) lat!: number;
  @ApiProperty({ example: 1.2228 }) lng!: number;
}

export class OrderDto implements OrderView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'EC-2611-4F7K' }) order_number!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatus;
  @ApiProperty({ enum: ORDER_PAYMENT_STATUSES }) payment_status!: OrderPaymentStatus;
  @ApiProperty({ type: OrderPaymentDto }) payment!: OrderPaymentDto;
  @ApiProperty({ type: OrderStoreDto }) store!: OrderStoreDto;
  @ApiProperty({ type: OrderCustomerDto }) customer!: OrderCustomerDto;
  @ApiProperty({ type: [OrderLineDto] }) items!: OrderLineDto[];
  @ApiProperty({ example: 8000 }) subtotal!: number;
  @ApiProperty({ example: 500 }) delivery_fee!: number;
  @ApiProperty({ example: 8500, maximum: MAX_AMOUNT }) total_amount!: number;
  @ApiProperty({ example: 'XOF', enum: ['XOF'] }) currency!: 'XOF';
  @ApiProperty({ example: 'Rue des Cocotiers 12, Lomé, TG' }) delivery_address!: string;
  @ApiProperty({ type: DeliveryLocationDto, nullable: true }) delivery_location!: DeliveryLocationDto | null;
  @ApiProperty({ nullable: true, type: String }) special_instructions!: string | null;
  @ApiProperty({ type: [TimelineEntryDto] }) timeline!: TimelineEntryDto[];
  @ApiProperty({ format: 'date-time' }) placed_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class OrderPageDto implements OrderPage {
  @ApiProperty({ type: [OrderDto] }) items!: OrderDto[];
  @ApiProperty({ nullable: true, type: String }) next_cursor!: string | null;
}

export class PlaceOrderReplyDto implements PlaceOrderReply {
  @ApiProperty({ type: [OrderDto], description: 'One order per store' }) orders!: OrderDto[];
}

class CountRevenueDto {
  @ApiProperty({ example: 4 }) orders!: number;
  @ApiProperty({ example: 42000 }) revenue!: number;
}

class PeriodDto extends CountRevenueDto {
  @ApiProperty({ example: 30 }) days!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { pending: 1, delivered: 3 },
  })
  by_status!: Partial<Record<OrderStatus, number>>;
}

class LowStockDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Sodabi 1 L' }) name!: string;
  @ApiProperty({ example: 1 }) stock_quantity!: number;
  @ApiProperty({ example: 5 }) low_stock_threshold!: number;
}

export class StoreDashboardDto implements StoreDashboardView {
  @ApiProperty({ example: 'XOF', enum: ['XOF'] }) currency!: 'XOF';
  @ApiProperty({ type: CountRevenueDto }) today!: CountRevenueDto;
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiProperty({ type: [LowStockDto] }) low_stock!: LowStockDto[];
}

class UsersStatsDto {
  @ApiProperty({ example: 120 }) customers!: number;
  @ApiProperty({ example: 3 }) store_owners!: number;
}

class StoresStatsDto {
  @ApiProperty({ example: 3 }) active!: number;
  @ApiProperty({ example: 0 }) inactive!: number;
}

class RevenueDto {
  @ApiProperty({ example: 1250000 }) total!: number;
  @ApiProperty({ example: 62500 }) commission!: number;
}

class TopProductDto {
  @ApiProperty({ format: 'uuid' }) product_id!: string;
  @ApiProperty({ example: 'Riz parfumé 5 kg' }) name!: string;
  @ApiProperty({ example: 42 }) quantity!: number;
  @ApiProperty({ example: 168000 }) revenue!: number;
}

export class AdminStatsDto implements AdminStatsView {
  @ApiProperty({ example: 'XOF', enum: ['XOF'] }) currency!: 'XOF';
  @ApiProperty({ type: UsersStatsDto }) users!: UsersStatsDto;
  @ApiProperty({ type: StoresStatsDto }) stores!: StoresStatsDto;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } })
  orders_by_status!: Partial<Record<OrderStatus, number>>;
  @ApiProperty({ type: RevenueDto }) revenue!: RevenueDto;
  @ApiProperty({ type: [TopProductDto] }) top_products!: TopProductDto[];
}
