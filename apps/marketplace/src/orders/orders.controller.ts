import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AdminListOrdersRequest,
  ListOrdersRequest,
  MARKETPLACE_SUBJECTS,
  MarketplaceIdRequest,
  PayOrderRequest,
  PlaceOrderRequest,
  UpdateOrderRequest,
  type OrderPage,
  type OrderView,
  type PlaceOrderReply,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { ANY_ROLE, caller } from '../security/caller';
import { CheckoutService } from './checkout.service';
import { OrderLifecycleService } from './order-lifecycle.service';
import { OrdersQueryService } from './orders-query.service';

@Controller()
export class OrdersController {
  constructor(
    private readonly checkout: CheckoutService,
    private readonly lifecycle: OrderLifecycleService,
    private readonly query: OrdersQueryService,
  ) {}

  @Roles(...ANY_ROLE)
  @MessagePattern(MARKETPLACE_SUBJECTS.placeOrder)
  place(@Payload() request: PlaceOrderRequest): Promise<PlaceOrderReply> {
    return this.checkout.place(caller(), request);
  }

  @Roles(...ANY_ROLE)
  @MessagePattern(MARKETPLACE_SUBJECTS.listOrders)
  list(@Payload() request: ListOrdersRequest): Promise<OrderPage> {
    return this.query.listMine(caller().user_id, request);
  }

  @Roles(...ANY_ROLE)
  @MessagePattern(MARKETPLACE_SUBJECTS.getOrder)
  get(@Payload() request: MarketplaceIdRequest): Promise<OrderView> {
    return this.query.get(caller(), request.id);
  }

  @Roles(...ANY_ROLE)
  @MessagePattern(MARKETPLACE_SUBJECTS.updateOrder)
  update(@Payload() request: UpdateOrderRequest): Promise<OrderView> {
    return this.lifecycle.act(caller(), request);
  }

  @Roles(...ANY_ROLE)
  @MessagePattern(MARKETPLACE_SUBJECTS.payOrder)
  pay(@Payload() request: PayOrderRequest): Promise<OrderView> {
    return this.checkout.pay(caller(), request);
  }

  @Roles('store_owner')
  @MessagePattern(MARKETPLACE_SUBJECTS.listStoreOrders)
  listStore(@Payload() request: ListOrdersRequest): Promise<OrderPage> {
    return this.query.listStore(caller().user_id, request);
  }

  @Roles('admin')
  @MessagePattern(MARKETPLACE_SUBJECTS.adminListOrders)
  listAll(@Payload() request: AdminListOrdersRequest): Promise<OrderPage> {
    return this.query.listAll(request);
  }
}
