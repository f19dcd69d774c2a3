import type { ServiceDefinition } from '@ecom/platform';

import { NotificationModule } from './notification.module';
import { NotificationConfig } from './config';
import { notificationDatabase } from './database';

export const notificationService: ServiceDefinition<NotificationConfig> = {
  name: 'notification',
  module: NotificationModule,
  config: NotificationConfig,
  database: notificationDatabase,
};
