import { Module } from '@nestjs/common';

import { AdminMarketplaceController } from './admin-marketplace.controller';
import { CartController } from './cart.controller';
import { CatalogueController } from './catalogue.controller';
import { OrdersController } from './orders.controller';
import { StoreController } from './store.controller';

/** The marketplace service's routes: catalogue, cart, orders, `/store/...` and `/admin/...`. */
@Module({
  controllers: [
    CatalogueController,
    CartController,
    OrdersController,
    StoreController,
    AdminMarketplaceController,
  ],
})
export class MarketplaceRoutesModule {}
