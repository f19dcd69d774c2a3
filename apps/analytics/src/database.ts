import type { ServiceDatabase } from '@ecom/platform';

import { CreateAnalyticsMessaging1764165600006 } from './migrations/1764165600006-CreateAnalyticsMessaging';

/** The analytics schema: its entities and its migrations, oldest first. */
export const analyticsDatabase: ServiceDatabase = {
  schema: 'analytics',
  entities: [],
  migrations: [CreateAnalyticsMessaging1764165600006],
};
