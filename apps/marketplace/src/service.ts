import type { ServiceDefinition } from '@ecom/platform';

import { MarketplaceModule } from './marketplace.module';
import { MarketplaceConfig } from './config';
import { marketplaceDatabase } from './database';

export const marketplaceService: ServiceDefinition<MarketplaceConfig> = {
  name: 'marketplace',
  module: MarketplaceModule,
  config: MarketplaceConfig,
  database: marketplaceDatabase,
};
