import type { ServiceDatabase } from '@ecom/platform';

import { CreateNotificationMessaging1764165600005 } from './migrations/1764165600005-CreateNotificationMessaging';

/** The notification schema: its entities and its migrations, oldest first. */
export const notificationDatabase: ServiceDatabase = {
  schema: 'notification',
  entities: [],
  migrations: [CreateNotificationMessaging1764165600005],
};
