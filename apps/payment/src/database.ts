import type { ServiceDatabase } from '@ecom/platform';

import { CreatePaymentMessaging1764165600002 } from './migrations/1764165600002-CreatePaymentMessaging';
import { CreatePaymentIntents1764165700002 } from './migrations/1764165700002-CreatePaymentIntents';

/** The payment schema: its migrations, oldest first. Repositories speak SQL to it; there are no entities. */
export const paymentDatabase: ServiceDatabase = {
  schema: 'payment',
  entities: [],
  migrations: [CreatePaymentMessaging1764165600002, CreatePaymentIntents1764165700002],
};
