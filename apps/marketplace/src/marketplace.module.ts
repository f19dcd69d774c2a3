import { Module } from '@nestjs/common';
import { UserDirectory } from '@ecom/platform';

import { CartController } from './cart/cart.controller';
import { CartService } from './cart/cart.service';
import { CategoriesController } from './categories/categories.controller';
import { CategoriesService } from './categories/categories.service';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardService } from './dashboard/dashboard.service';
import { DemoAccountsConsumer } from './demo/demo-accounts.consumer';
import { CheckoutService } from './orders/checkout.service';
import { OrderLifecycleService } from './orders/order-lifecycle.service';
import { OrdersQueryService } from './orders/orders-query.service';
import { OrdersController } from './orders/orders.controller';
import { OrdersRepository } from './orders/orders.repository';
import { PaymentClient } from './payments/payment-client';
import { PaymentEventsConsumer } from './payments/payment-events.consumer';
import { PaymentFollowUpJob } from './payments/payment-follow-up.job';
import { PrivacyController } from './privacy/privacy.controller';
import { PrivacyService } from './privacy/privacy.service';
import { UserErasedConsumer } from './privacy/user-erased.consumer';
import { ProductsController } from './products/products.controller';
import { ProductsService } from './products/products.service';
import { StoresController } from './stores/stores.controller';
import { StoresService } from './stores/stores.service';

/** Root of the marketplace service's features. */
@Module({
  controllers: [
    CategoriesController,
    StoresController,
    ProductsController,
    CartController,
    OrdersController,
    DashboardController,
    PrivacyController,
  ],
  providers: [
    CategoriesService,
    StoresService,
    ProductsService,
    CartService,
    OrdersRepository,
    OrdersQueryService,
    OrderLifecycleService,
    CheckoutService,
    PaymentClient,
    PaymentEventsConsumer,
    PaymentFollowUpJob,
    DashboardService,
    PrivacyService,
    UserErasedConsumer,
    DemoAccountsConsumer,
    UserDirectory,
  ],
})
export class MarketplaceModule {}
