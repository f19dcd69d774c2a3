import type { ServiceDatabase } from '@ecom/platform';

import { CreateTransportMessaging1764165600003 } from './migrations/1764165600003-CreateTransportMessaging';

/** The transport schema: its entities and its migrations, oldest first. */
export const transportDatabase: ServiceDatabase = {
  schema: 'transport',
  entities: [],
  migrations: [CreateTransportMessaging1764165600003],
};
