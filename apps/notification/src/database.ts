import type { ServiceDatabase } from '@ecom/platform';

import { CreateNotificationMessaging1764165600005 } from './migrations/1764165600005-CreateNotificationMessaging';
import { CreateNotificationMessages1764165700005 } from './migrations/1764165700005-CreateNotificationMessages';
import { CreateNotificationDelivery1764165800005 } from './migrations/1764165800005-CreateNotificationDelivery';

/** The notification schema: its migrations, oldest first. Repositories speak SQL to it; there are no entities. */
export const notificationDatabase: ServiceDatabase = {
  schema: 'notification',
  entities: [],
  migrations: [
    CreateNotificationMessaging1764165600005,
    CreateNotificationMessages1764165700005,
    CreateNotificationDelivery1764165800005,
  ],
};
