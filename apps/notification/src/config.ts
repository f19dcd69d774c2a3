import { ServiceConfig } from '@ecom/platform';

/** Settings of the notification service; every one is an environment variable of the same name. */
export class NotificationConfig extends ServiceConfig {}
