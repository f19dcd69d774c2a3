import { createMessagingTables, dropMessagingTables } from '@ecom/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAnalyticsMessaging1764165600006 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await createMessagingTables(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropMessagingTables(runner);
  }
}
