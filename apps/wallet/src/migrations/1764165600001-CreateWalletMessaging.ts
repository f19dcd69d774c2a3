import { createMessagingTables, dropMessagingTables } from '@ecom/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWalletMessaging1764165600001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await createMessagingTables(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropMessagingTables(runner);
  }
}
