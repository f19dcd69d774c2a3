import type { ServiceDatabase } from '@ecom/platform';

import { CreatePaymentMessaging1764165600002 } from './migrations/1764165600002-CreatePaymentMessaging';

/** The payment schema: its entities and its migrations, oldest first. */
export const paymentDatabase: ServiceDatabase = {
  schema: 'payment',
  entities: [],
  migrations: [CreatePaymentMessaging1764165600002],
};
