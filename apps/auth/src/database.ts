import type { ServiceDatabase } from '@ecom/platform';

import { CreateAuthMessaging1764165600000 } from './migrations/1764165600000-CreateAuthMessaging';
import { CreateAuthAccounts1764165700000 } from './migrations/1764165700000-CreateAuthAccounts';

/** The auth schema: its migrations, oldest first. Repositories speak SQL to it; there are no entities. */
export const authDatabase: ServiceDatabase = {
  schema: 'auth',
  entities: [],
  migrations: [CreateAuthMessaging1764165600000, CreateAuthAccounts1764165700000],
};
