import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MARKETPLACE_SUBJECTS, type CartView } from '@ecom/contracts';
import { ServiceClient } from '@ecom/platform';

import { ApiProblems } from '../edge';
import { AddCartItemDto, CartDto, CartQuantityDto } from './dto/orders.dto';

/** The caller's cart, across stores; it reserves nothing and shows current prices. */
@ApiTags('marketplace')
@ApiBearerAuth()
@Controller('cart')
export class CartController {
  constructor(private readonly marketplace: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s cart, grouped by store, with subtotals, delivery fees and totals' })
  @ApiOkResponse({ type: CartDto })
  @ApiProblems(401, 429, 503, 504)
  get(): Promise<CartView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.getCart, {});
  }

  @Delete()
  @ApiOperation({ summary: 'Empty the cart' })
  @ApiOkResponse({ type: CartDto })
  @ApiProblems(401, 429, 503, 504)
  clear(): Promise<CartView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.clearCart, {});
  }

  @Post('items')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add units of a product (more than its stock is refused)' })
  @ApiCreatedResponse({ type: CartDto })
  @ApiProblems(400, 401, 404, 409, 429, 503, 504)
  add(@Body() body: AddCartItemDto): Promise<CartView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.addCartItem, body);
  }

  @Patch('items/:product_id')
  @ApiOperation({ summary: 'Set a line’s quantity (0 removes it)' })
  @ApiOkResponse({ type: CartDto })
  @ApiProblems(400, 401, 404, 409, 429, 503, 504)
  update(
    @Param('product_id', new ParseUUIDPipe()) productId: string,
    @Body() body: CartQuantityDto,
  ): Promise<CartView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.updateCartItem, {
      product_id: productId,
      quantity: body.quantity,
    });
  }

  @Delete('items/:product_id')
  @ApiOperation({ summary: 'Remove a line' })
  @ApiOkResponse({ type: CartDto })
  @ApiProblems(400, 401, 429, 503, 504)
  remove(@Param('product_id', new ParseUUIDPipe()) productId: string): Promise<CartView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.removeCartItem, { product_id: productId });
  }
}
