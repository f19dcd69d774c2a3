import type { ServiceDatabase } from '@ecom/platform';

import { CreateAuthMessaging1764165600000 } from './migrations/1764165600000-CreateAuthMessaging';

/** The auth schema: its entities and its migrations, oldest first. */
export const authDatabase: ServiceDatabase = {
  schema: 'auth',
  entities: [],
  migrations: [CreateAuthMessaging1764165600000],
};
