import type { ServiceDefinition } from '@ecom/platform';

import { AnalyticsModule } from './analytics.module';
import { AnalyticsConfig } from './config';
import { analyticsDatabase } from './database';

export const analyticsService: ServiceDefinition<AnalyticsConfig> = {
  name: 'analytics',
  module: AnalyticsModule,
  config: AnalyticsConfig,
  database: analyticsDatabase,
};
