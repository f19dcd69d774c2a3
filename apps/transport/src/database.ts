import type { ServiceDatabase } from '@ecom/platform';

import { CreateTransportMessaging1764165600003 } from './migrations/1764165600003-CreateTransportMessaging';
import { CreateTransportRides1764165700003 } from './migrations/1764165700003-CreateTransportRides';
import { CreateTransportFareOverrides1764165800003 } from './migrations/1764165800003-CreateTransportFareOverrides';

/** The transport schema: its migrations, oldest first. Repositories speak SQL to it; there are no entities. */
export const transportDatabase: ServiceDatabase = {
  schema: 'transport',
  entities: [],
  migrations: [
    CreateTransportMessaging1764165600003,
    CreateTransportRides1764165700003,
    CreateTransportFareOverrides1764165800003,
  ],
};
