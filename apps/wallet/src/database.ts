import type { ServiceDatabase } from '@ecom/platform';

import { CreateWalletMessaging1764165600001 } from './migrations/1764165600001-CreateWalletMessaging';

/** The wallet schema: its entities and its migrations, oldest first. */
export const walletDatabase: ServiceDatabase = {
  schema: 'wallet',
  entities: [],
  migrations: [CreateWalletMessaging1764165600001],
};
