import type { ServiceDatabase } from '@ecom/platform';

import { CreateMarketplaceMessaging1764165600004 } from './migrations/1764165600004-CreateMarketplaceMessaging';
import { CreateMarketplaceCatalogueAndOrders1764165700004 } from './migrations/1764165700004-CreateMarketplaceCatalogueAndOrders';

/** The marketplace schema: its entities and its migrations, oldest first. */
export const marketplaceDatabase: ServiceDatabase = {
  schema: 'marketplace',
  entities: [],
  migrations: [CreateMarketplaceMessaging1764165600004, CreateMarketplaceCatalogueAndOrders1764165700004],
};
