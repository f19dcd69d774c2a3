import { migrationSource, registerMigration } from './migration-file';

describe('generated migrations', () => {
  it('runs the up queries in order and undoes them in reverse', () => {
    const source = migrationSource(
      'AddWalletLimits1764200000000',
      [
        { query: 'CREATE TABLE "limits" ("id" uuid NOT NULL)' },
        { query: 'CREATE INDEX "limits_idx" ON "limits" ("id")' },
      ],
      [{ query: 'DROP TABLE "limits"' }, { query: 'DROP INDEX "limits_idx"' }],
    );

    expect(source).toContain('export class AddWalletLimits1764200000000 implements MigrationInterface');
    const down = source.slice(source.indexOf('async down'));
    expect(down.indexOf('DROP INDEX')).toBeLessThan(down.indexOf('DROP TABLE'));
  });

  it('registers the migration after the existing ones in database.ts', () => {
    const before = `import type { ServiceDatabase } from '@ecom/platform';

import { CreateWalletMessaging1 } from './migrations/1-CreateWalletMessaging';

export const walletDatabase: ServiceDatabase = {
  schema: 'wallet',
  entities: [],
  migrations: [CreateWalletMessaging1],
};
`;

    const after = registerMigration(before, 'AddWalletLimits2', '2-AddWalletLimits');

    expect(after).toContain("import { AddWalletLimits2 } from './migrations/2-AddWalletLimits';");
    expect(after).toContain('migrations: [CreateWalletMessaging1, AddWalletLimits2]');
  });
});
