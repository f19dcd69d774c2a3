import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateStoreRequest,
  ListStoresRequest,
  MARKETPLACE_SUBJECTS,
  MarketplaceIdRequest,
  SetStoreActiveRequest,
  UpdateStoreRequest,
  type StorePage,
  type StoreView,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { caller } from '../security/caller';
import { StoresService, toStoreView } from './stores.service';

@Controller()
export class StoresController {
  constructor(private readonly stores: StoresService) {}

  /** Public catalogue read. */
  @MessagePattern(MARKETPLACE_SUBJECTS.listStores)
  list(@Payload() request: ListStoresRequest): Promise<StorePage> {
    return this.stores.list(request);
  }

  /** Public catalogue read. */
  @MessagePattern(MARKETPLACE_SUBJECTS.getStore)
  get(@Payload() request: MarketplaceIdRequest): Promise<StoreView> {
    return this.stores.get(request.id);
  }

  @Roles('admin')
  @MessagePattern(MARKETPLACE_SUBJECTS.setStoreActive)
  setActive(@Payload() request: SetStoreActiveRequest): Promise<StoreView> {
    return this.stores.setActive(request.id, request.is_active);
  }

  @Roles('store_owner')
  @MessagePattern(MARKETPLACE_SUBJECTS.createOwnStore)
  create(@Payload() request: CreateStoreRequest): Promise<StoreView> {
    return this.stores.create(caller().user_id, request);
  }

  @Roles('store_owner')
  @MessagePattern(MARKETPLACE_SUBJECTS.getOwnStore)
  async own(): Promise<StoreView> {
    return toStoreView(await this.stores.own(caller().user_id));
  }

  @Roles('store_owner')
  @MessagePattern(MARKETPLACE_SUBJECTS.updateOwnStore)
  update(@Payload() request: UpdateStoreRequest): Promise<StoreView> {
    return this.stores.update(caller().user_id, request);
  }
}
