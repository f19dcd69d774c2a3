interface Query {
  query: string;
  parameters?: unknown[];
}

function statements(queries: Query[]): string {
  return queries
    .map((entry) => {
      const parameters = entry.parameters?.length ? `, ${JSON.stringify(entry.parameters)}` : '';

      return `    await runner.query(${JSON.stringify(entry.query)}${parameters});`;
    })
    .join('\n');
}

/** The TypeScript of a migration class running `up` forwards and `down` in reverse order. */
export function migrationSource(className: string, up: Query[], down: Query[]): string {
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
${statements(up)}
  }

  async down(runner: QueryRunner): Promise<void> {
${statements([...down].reverse())}
  }
}
`;
}

/** Adds the migration's import and appends it to the `migrations: [...]` list of a database.ts. */
export function registerMigration(source: string, className: string, file: string): string {
  const list = /migrations: \[([^\]]*)\]/.exec(source);
  if (!list) throw new Error('database.ts has no `migrations: [...]` list to register the migration in');
  const entries = (list[1] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const withEntry = source.replace(list[0], `migrations: [${[...entries, className].join(', ')}]`);
  const lastImport = withEntry.lastIndexOf('import {');
  const insertAt = withEntry.indexOf('\n', withEntry.indexOf(';', lastImport)) + 1;

  return `${withEntry.slice(0, insertAt)}import { ${className} } from './migrations/${file}';\n${withEntry.slice(insertAt)}`;
}
