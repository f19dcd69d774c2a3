import 'reflect-metadata';

import { dataSourceOptions, loadConfig } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { WalletConfig } from './config';
import { walletDatabase } from './database';
import { ReconciliationService } from './reconciliation/reconciliation.service';

/**
 * `npm run wallet:check`: the reconciliation of the admin route, from a shell. Prints the report as JSON
 * and exits 1 when any balance differs from its postings or the ledger does not sum to zero.
 */
async function main(): Promise<number> {
  const config = loadConfig(WalletConfig, process.env);
  const dataSource = new DataSource(dataSourceOptions(config, walletDatabase));
  await dataSource.initialize();
  try {
    const report = await new ReconciliationService(dataSource).check();
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);

    return report.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
