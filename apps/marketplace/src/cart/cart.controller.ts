import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AddCartItemRequest,
  CartProductRequest,
  MARKETPLACE_SUBJECTS,
  UpdateCartItemRequest,
  type CartView,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { ANY_ROLE, caller } from '../security/caller';
import { CartService } from './cart.service';

/** The caller's own cart. */
@Roles(...ANY_ROLE)
@Controller()
export class CartController {
  constructor(private readonly cart: CartService) {}

  @MessagePattern(MARKETPLACE_SUBJECTS.getCart)
  get(): Promise<CartView> {
    return this.cart.get(caller().user_id);
  }

  @MessagePattern(MARKETPLACE_SUBJECTS.clearCart)
  async clear(): Promise<CartView> {
    await this.cart.clear(caller().user_id);

    return this.cart.get(caller().user_id);
  }

  @MessagePattern(MARKETPLACE_SUBJECTS.addCartItem)
  add(@Payload() request: AddCartItemRequest): Promise<CartView> {
    return this.cart.add(caller().user_id, request);
  }

  @MessagePattern(MARKETPLACE_SUBJECTS.updateCartItem)
  update(@Payload() request: UpdateCartItemRequest): Promise<CartView> {
    return this.cart.update(caller().user_id, request);
  }

  @MessagePattern(MARKETPLACE_SUBJECTS.removeCartItem)
  remove(@Payload() request: CartProductRequest): Promise<CartView> {
    return this.cart.remove(caller().user_id, request.product_id);
  }
}
