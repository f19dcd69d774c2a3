import { Module } from '@nestjs/common';

import { AdminNotificationsController } from './admin-notifications.controller';
import { NotificationsController } from './notifications.controller';

/** The notification service's routes: `/notifications/...` and `/admin/notifications`. */
@Module({ controllers: [NotificationsController, AdminNotificationsController] })
export class NotificationsRoutesModule {}
