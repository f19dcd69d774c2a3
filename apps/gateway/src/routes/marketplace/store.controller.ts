import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  MARKETPLACE_SUBJECTS,
  type OrderPage,
  type ProductPage,
  type ProductView,
  type StoreDashboardView,
  type StoreView,
} from '@ecom/contracts';
import { Roles, ServiceClient } from '@ecom/platform';

import { ApiProblems } from '../edge';
import {
  CreateProductDto,
  CreateStoreDto,
  OwnProductsQueryDto,
  ProductDto,
  ProductPageDto,
  SetStockDto,
  StoreDto,
  UpdateProductDto,
  UpdateStoreDto,
} from './dto/catalogue.dto';
import { DashboardQueryDto, OrderPageDto, OrdersQueryDto, StoreDashboardDto } from './dto/orders.dto';

/** A store owner's own store, products and orders; the service finds the store from the caller. */
@ApiTags('store')
@ApiBearerAuth()
@Roles('store_owner')
@Controller('store')
export class StoreController {
  constructor(private readonly marketplace: ServiceClient) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Open the caller’s store (one per owner)' })
  @ApiCreatedResponse({ type: StoreDto })
  @ApiProblems(400, 401, 403, 409, 429, 503, 504)
  create(@Body() body: CreateStoreDto): Promise<StoreView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.createOwnStore, body);
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s store' })
  @ApiOkResponse({ type: StoreDto })
  @ApiProblems(401, 403, 404, 429, 503, 504)
  get(): Promise<StoreView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.getOwnStore, {});
  }

  @Put()
  @ApiOperation({ summary: 'Change the caller’s store' })
  @ApiOkResponse({ type: StoreDto })
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  update(@Body() body: UpdateStoreDto): Promise<StoreView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.updateOwnStore, body);
  }

  @Get('dashboard')
  @ApiOperation({ summary: 'Today’s and the period’s orders and revenue, products low on stock' })
  @ApiOkResponse({ type: StoreDashboardDto })
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  dashboard(@Query() query: DashboardQueryDto): Promise<StoreDashboardView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.storeDashboard, query);
  }

  @Get('orders')
  @ApiOperation({ summary: 'Orders received, newest first' })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  orders(@Query() query: OrdersQueryDto): Promise<OrderPage> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.listStoreOrders, query);
  }

  @Get('products')
  @ApiOperation({ summary: 'The store’s products, on sale or not' })
  @ApiOkResponse({ type: ProductPageDto })
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  products(@Query() query: OwnProductsQueryDto): Promise<ProductPage> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.listOwnProducts, query);
  }

  @Post('products')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a product' })
  @ApiCreatedResponse({ type: ProductDto })
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  createProduct(@Body() body: CreateProductDto): Promise<ProductView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.createOwnProduct, body);
  }

  @Put('products/:id')
  @ApiOperation({ summary: 'Change one of the store’s products' })
  @ApiOkResponse({ type: ProductDto })
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  updateProduct(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateProductDto,
  ): Promise<ProductView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.updateOwnProduct, Object.assign({ id }, body));
  }

  @Delete('products/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw a product (kept for the orders that hold it)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  async deleteProduct(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.marketplace.request(MARKETPLACE_SUBJECTS.deleteOwnProduct, { id });
  }

  @Patch('products/:id/stock')
  @ApiOperation({ summary: 'Set the stock, or change it by a delta (never below zero)' })
  @ApiOkResponse({ type: ProductDto })
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  setStock(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: SetStockDto): Promise<ProductView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.setOwnProductStock, Object.assign({ id }, body));
  }
}
