import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateProductRequest,
  MARKETPLACE_SUBJECTS,
  MarketplaceIdRequest,
  OwnProductsRequest,
  SearchProductsRequest,
  SetStockRequest,
  UpdateOwnProductRequest,
  type ProductPage,
  type ProductView,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { caller } from '../security/caller';
import { ProductsService } from './products.service';

@Controller()
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  /** Public catalogue read. */
  @MessagePattern(MARKETPLACE_SUBJECTS.searchProducts)
  search(@Payload() request: SearchProductsRequest): Promise<ProductPage> {
    return this.products.search(request);
  }

  /** Public catalogue read. */
  @MessagePattern(MARKETPLACE_SUBJECTS.getProduct)
  get(@Payload() request: MarketplaceIdRequest): Promise<ProductView> {
    return this.products.get(request.id);
  }

  @Roles('store_owner')
  @MessagePattern(MARKETPLACE_SUBJECTS.listOwnProducts)
  listOwn(@Payload() request: OwnProductsRequest): Promise<ProductPage> {
    return this.products.listOwn(caller().user_id, request);
  }

  @Roles('store_owner')
  @MessagePattern(MARKETPLACE_SUBJECTS.createOwnProduct)
  create(@Payload() request: CreateProductRequest): Promise<ProductView> {
    return this.products.create(caller().user_id, request);
  }

  @Roles('store_owner')
  @MessagePattern(MARKETPLACE_SUBJECTS.updateOwnProduct)
  update(@Payload() request: UpdateOwnProductRequest): Promise<ProductView> {
    return this.products.update(caller().user_id, request);
  }

  @Roles('store_owner')
  @MessagePattern(MARKETPLACE_SUBJECTS.deleteOwnProduct)
  async delete(@Payload() request: MarketplaceIdRequest): Promise<{ ok: true }> {
    await this.products.delete(caller().user_id, request.id);

    return { ok: true };
  }

  @Roles('store_owner')
  @MessagePattern(MARKETPLACE_SUBJECTS.setOwnProductStock)
  setStock(@Payload() request: SetStockRequest): Promise<ProductView> {
    return this.products.setStock(caller().user_id, request);
  }
}
