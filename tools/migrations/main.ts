import 'reflect-metadata';

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { isServiceName, SERVICE_NAMES, type ServiceName } from '@ecom/contracts';
import { dataSourceOptions, loadConfig, migrate, ServiceConfig, type ServiceDatabase } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { migrationSource, registerMigration } from './migration-file';

const ROOT = join(__dirname, '..', '..', '..');
const USAGE = `usage:
  npm run migration:run [-- <service>]            apply pending migrations (every service by default)
  npm run migration:generate -- <service> <Name>  write the migration that brings the schema to the entities`;

/** The service's data declaration, loaded from its compiled `database.js` (tools see apps only at run time). */
async function databaseOf(service: ServiceName): Promise<ServiceDatabase> {
  const module = (await import(join(ROOT, 'dist', 'apps', service, 'src', 'database.js'))) as Record<
    string,
    unknown
  >;
  const database = module[`${service}Database`];
  if (!database) throw new Error(`apps/${service}/src/database.ts must export ${service}Database`);

  return database as ServiceDatabase;
}

async function withDataSource<T>(
  service: ServiceName,
  work: (dataSource: DataSource, database: ServiceDatabase) => Promise<T>,
): Promise<T> {
  const database = await databaseOf(service);
  const dataSource = await new DataSource(
    dataSourceOptions(loadConfig(ServiceConfig, process.env), database),
  ).initialize();
  try {
    return await work(dataSource, database);
  } finally {
    await dataSource.destroy();
  }
}

async function run(services: ServiceName[]): Promise<void> {
  for (const service of services) {
    await withDataSource(service, async (dataSource, database) => {
      await migrate(dataSource, database.schema);
      process.stdout.write(`${service}: schema ${database.schema} is up to date\n`);
    });
  }
}

/**
 * Brings the service's schema up to date, asks TypeORM what its entities need beyond it, and writes that
 * as a new timestamped migration registered in the service's database.ts. Review it before committing.
 */
async function generate(service: ServiceName, name: string): Promise<void> {
  const sql = await withDataSource(service, async (dataSource, database) => {
    await migrate(dataSource, database.schema);

    return dataSource.driver.createSchemaBuilder().log();
  });
  if (sql.upQueries.length === 0) {
    process.stdout.write(`${service}: the schema already matches the entities; no migration written\n`);

    return;
  }
  const timestamp = Date.now();
  const directory = join(ROOT, 'apps', service, 'src', 'migrations');
  const file = `${timestamp}-${name}`;
  await mkdir(directory, { recursive: true });
  await writeFile(
    join(directory, `${file}.ts`),
    migrationSource(`${name}${timestamp}`, sql.upQueries, sql.downQueries),
  );
  const databaseFile = join(ROOT, 'apps', service, 'src', 'database.ts');
  await writeFile(
    databaseFile,
    registerMigration(await readFile(databaseFile, 'utf8'), `${name}${timestamp}`, file),
  );
  process.stdout.write(
    `${service}: wrote apps/${service}/src/migrations/${file}.ts and registered it in database.ts\n`,
  );
}

async function main(): Promise<void> {
  const [command, service, name] = process.argv.slice(2);
  if (command === 'run') {
    await run(service ? [parseService(service)] : [...SERVICE_NAMES]);
  } else if (command === 'generate' && service && name && /^[A-Z][A-Za-z0-9]+$/.test(name)) {
    await generate(parseService(service), name);
  } else {
    throw new Error(`${USAGE}\n<Name> is PascalCase and says the intent, e.g. AddWalletLimits`);
  }
}

function parseService(service: string): ServiceName {
  if (!isServiceName(service))
    throw new Error(`Unknown service ${service}; one of ${SERVICE_NAMES.join(', ')}`);

  return service;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
