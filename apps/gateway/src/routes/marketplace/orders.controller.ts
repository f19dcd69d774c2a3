import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MARKETPLACE_SUBJECTS, type OrderPage, type OrderView, type PlaceOrderReply } from '@ecom/contracts';
import { ServiceClient } from '@ecom/platform';

import { ApiProblems, Idempotent, Sensitive } from '../edge';
import {
  OrderDto,
  OrderPageDto,
  OrdersQueryDto,
  PayOrderDto,
  PlaceOrderDto,
  PlaceOrderReplyDto,
  UpdateOrderDto,
} from './dto/orders.dto';

/** Checkout and the caller's orders; a store owner and an admin act on orders through PUT as well. */
@ApiTags('marketplace')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(private readonly marketplace: ServiceClient) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Sensitive()
  @ApiOperation({
    summary: 'Check out: one order per store, stock taken atomically',
    description:
      'From `items` or else the cart. Every line’s stock is taken in one transaction: one line short and ' +
      'nothing is created (`ORDER_OUT_OF_STOCK` names the product). A wallet order is paid at once; a ' +
      'mobile-money or card order waits for the payer (`payment.next_action`) and is cancelled if unpaid in ' +
      'time; cash is collected at delivery. Attempts are limited per user.',
  })
  @ApiCreatedResponse({ type: PlaceOrderReplyDto })
  @ApiProblems(400, 401, 402, 404, 409, 422, 423, 429, 502, 503, 504)
  place(@Body() body: PlaceOrderDto): Promise<PlaceOrderReply> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.placeOrder, body, { timeoutMs: 15_000 });
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s orders, newest first' })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiProblems(400, 401, 429, 503, 504)
  list(@Query() query: OrdersQueryDto): Promise<OrderPage> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.listOrders, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One order with its lines and timeline (its customer, its store’s owner, an admin)',
  })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblems(400, 401, 404, 429, 503, 504)
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<OrderView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.getOrder, { id });
  }

  @Put(':id')
  @ApiOperation({
    summary: 'Move an order along its lifecycle',
    description:
      'pending → confirmed → preparing → ready → out_for_delivery → delivered, or cancelled before it ships ' +
      '(stock given back once, what was paid refunded once). Admin `refund` also after delivery.',
  })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblems(400, 401, 403, 404, 409, 429, 503, 504)
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateOrderDto): Promise<OrderView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.updateOrder, Object.assign({ id }, body));
  }

  @Post(':id/pay')
  @HttpCode(200)
  @Idempotent()
  @Sensitive()
  @ApiOperation({ summary: 'Pay a pending order another way' })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblems(400, 401, 402, 404, 409, 422, 423, 429, 502, 503, 504)
  pay(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: PayOrderDto): Promise<OrderView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.payOrder, Object.assign({ id }, body), {
      timeoutMs: 15_000,
    });
  }
}
