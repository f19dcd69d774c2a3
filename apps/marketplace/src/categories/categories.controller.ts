import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateCategoryRequest,
  MARKETPLACE_SUBJECTS,
  MarketplaceIdRequest,
  UpdateCategoryRequest,
  type CategoryView,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { CategoriesService } from './categories.service';

@Controller()
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  /** Public catalogue read: the gateway serves it to anyone. */
  @MessagePattern(MARKETPLACE_SUBJECTS.listCategories)
  list(): Promise<{ items: CategoryView[] }> {
    return this.categories.list();
  }

  @Roles('admin')
  @MessagePattern(MARKETPLACE_SUBJECTS.createCategory)
  create(@Payload() request: CreateCategoryRequest): Promise<CategoryView> {
    return this.categories.create(request);
  }

  @Roles('admin')
  @MessagePattern(MARKETPLACE_SUBJECTS.updateCategory)
  update(@Payload() request: UpdateCategoryRequest): Promise<CategoryView> {
    return this.categories.update(request);
  }

  @Roles('admin')
  @MessagePattern(MARKETPLACE_SUBJECTS.deleteCategory)
  async delete(@Payload() request: MarketplaceIdRequest): Promise<{ ok: true }> {
    await this.categories.delete(request.id);

    return { ok: true };
  }
}
