import { Module } from '@nestjs/common';

/** Root of the notification service's features. */
@Module({})
export class NotificationModule {}
