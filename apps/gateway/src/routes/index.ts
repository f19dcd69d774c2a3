import type { Type } from '@nestjs/common';

import { AuthRoutesModule } from './auth/auth-routes.module';
import { MarketplaceRoutesModule } from './marketplace/marketplace-routes.module';
import { NotificationsRoutesModule } from './notifications/notifications-routes.module';
import { PaymentsRoutesModule } from './payments/payments-routes.module';
import { TransportRoutesModule } from './transport/transport-routes.module';
import { WalletRoutesModule } from './wallet/wallet-routes.module';

/** Every service's routes, in the order Swagger lists them. Each service's issue adds its module here. */
export const ROUTE_MODULES: Type<unknown>[] = [
  AuthRoutesModule,
  NotificationsRoutesModule,
  WalletRoutesModule,
  PaymentsRoutesModule,
  TransportRoutesModule,
  MarketplaceRoutesModule,
];
