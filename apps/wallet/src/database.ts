import type { ServiceDatabase } from '@ecom/platform';

import { CreateWalletMessaging1764165600001 } from './migrations/1764165600001-CreateWalletMessaging';
import { CreateWalletLedger1764165700001 } from './migrations/1764165700001-CreateWalletLedger';

/** The wallet schema: its migrations (no entities: SQL only), oldest first. */
export const walletDatabase: ServiceDatabase = {
  schema: 'wallet',
  entities: [],
  migrations: [CreateWalletMessaging1764165600001, CreateWalletLedger1764165700001],
};
