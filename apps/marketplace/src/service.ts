import type { ServiceDefinition } from '@ecom/platform';

import { MarketplaceModule } from './marketplace.module';
import { MarketplaceConfig } from './config';
import { marketplaceDatabase } from './database';
import { loadDemoCategories } from './demo/demo-data';

export const marketplaceService: ServiceDefinition<MarketplaceConfig> = {
  name: 'marketplace',
  module: MarketplaceModule,
  config: MarketplaceConfig,
  database: marketplaceDatabase,
  demoData: loadDemoCategories,
};
