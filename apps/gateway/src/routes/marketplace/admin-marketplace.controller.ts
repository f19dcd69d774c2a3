import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
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
  type AdminStatsView,
  type CategoryView,
  type OrderPage,
  type StoreView,
} from '@ecom/contracts';
import { Roles, ServiceClient } from '@ecom/platform';

import { ApiProblems } from '../edge';
import {
  CategoryDto,
  CreateCategoryDto,
  SetStoreActiveDto,
  StoreDto,
  UpdateCategoryDto,
} from './dto/catalogue.dto';
import { AdminOrdersQueryDto, AdminStatsDto, OrderPageDto } from './dto/orders.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin')
export class AdminMarketplaceController {
  constructor(private readonly marketplace: ServiceClient) {}

  @Post('categories')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a product category' })
  @ApiCreatedResponse({ type: CategoryDto })
  @ApiProblems(400, 401, 403, 409, 429, 503, 504)
  createCategory(@Body() body: CreateCategoryDto): Promise<CategoryView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.createCategory, body);
  }

  @Put('categories/:id')
  @ApiOperation({ summary: 'Change a category' })
  @ApiOkResponse({ type: CategoryDto })
  @ApiProblems(400, 401, 403, 404, 409, 429, 503, 504)
  updateCategory(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateCategoryDto,
  ): Promise<CategoryView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.updateCategory, Object.assign({ id }, body));
  }

  @Delete('categories/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a category (its products stay, uncategorised)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  async deleteCategory(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.marketplace.request(MARKETPLACE_SUBJECTS.deleteCategory, { id });
  }

  @Put('stores/:id')
  @ApiOperation({ summary: 'Deactivate or reactivate a store: it leaves or rejoins the public catalogue' })
  @ApiOkResponse({ type: StoreDto })
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  setStoreActive(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: SetStoreActiveDto,
  ): Promise<StoreView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.setStoreActive, { id, is_active: body.is_active });
  }

  @Get('orders')
  @ApiOperation({ summary: 'Every order, newest first, with filters' })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiProblems(400, 401, 403, 429, 503, 504)
  orders(@Query() query: AdminOrdersQueryDto): Promise<OrderPage> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.adminListOrders, query);
  }

  @Get('stats')
  @ApiOperation({ summary: 'Customers, stores, orders by status, revenue and commission, top products' })
  @ApiOkResponse({ type: AdminStatsDto })
  @ApiProblems(401, 403, 429, 503, 504)
  stats(): Promise<AdminStatsView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.adminStats, {});
  }
}
