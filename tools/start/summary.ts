import type { AppName } from '@ecom/contracts';

import type { DemoAccount } from './demo-accounts';
import type { Infrastructure } from './infra';
import { formatDuration, formatMegabytes, type Palette } from './output';
import { maskPassword } from './settings';

export interface Summary {
  /** From the start of this script to the last app ready. */
  elapsedMs: number;
  /** Of which finding or starting Postgres, NATS and Redis. */
  infraMs: number;
  /** Of which starting the apps until all answered ready. */
  appsMs: number;
  /** Undefined when the gateway was skipped. */
  gatewayPort: number | undefined;
  services: { name: AppName; port: number }[];
  infra: Infrastructure;
  memory: { name: AppName; bytes: number }[];
  demoAccounts: readonly DemoAccount[];
  watch: boolean;
}

/** How each piece of infrastructure was found, in words. */
export const SOURCE_NOTES = {
  env: 'from the environment',
  existing: 'already running',
  embedded: 'embedded, started here',
  started: 'started here',
} as const;

/** The block printed once every app is ready: where to go next. */
export function renderSummary(summary: Summary, palette: Palette): string {
  const label = (text: string): string => palette.paint('bold', text.padEnd(10));
  const dim = (text: string): string => palette.paint('gray', text);
  const lines = [
    '',
    `${palette.paint('green', `Ecom is ready in ${formatDuration(summary.elapsedMs)}`)} ${dim(
      `(infrastructure ${formatDuration(summary.infraMs)}, apps ${formatDuration(summary.appsMs)})`,
    )}`,
    '',
  ];
  if (summary.gatewayPort === undefined) {
    lines.push(`  ${label('Gateway')}${dim('skipped')}`);
  } else {
    const base = `http://localhost:${summary.gatewayPort}`;
    lines.push(
      `  ${label('API')}${base}/api/v1`,
      `  ${label('Status')}GET ${base}/api/v1/status`,
      `  ${label('Swagger')}${base}/docs`,
      `  ${label('Metrics')}${base}/metrics`,
    );
  }
  lines.push(
    `  ${label('Services')}${summary.services.map((service) => `${service.name} :${service.port}`).join('  ')} ${dim('(/health/ready, /metrics)')}`,
    `  ${label('Postgres')}${maskPassword(summary.infra.postgres.url)} ${dim(`(${SOURCE_NOTES[summary.infra.postgres.source]})`)}`,
    `  ${label('NATS')}${maskPassword(summary.infra.nats.url)} ${dim(`(${SOURCE_NOTES[summary.infra.nats.source]}, JetStream on)`)}`,
    `  ${label('Redis')}${
      summary.infra.redis.url === undefined
        ? dim('none: the gateway keeps rate limits in memory')
        : `${maskPassword(summary.infra.redis.url)} ${dim(`(${SOURCE_NOTES[summary.infra.redis.source]})`)}`
    }`,
    `  ${label('Memory')}${renderMemory(summary.memory)}`,
    `  ${label('Logs')}.data/logs/<app>.log ${dim('(every line; add --verbose to see them here)')}`,
    '',
    ...renderDemoAccounts(summary.demoAccounts),
    '',
    summary.watch ? 'Watching apps/ and libs/ for changes. Press Ctrl-C to stop.' : 'Press Ctrl-C to stop.',
    '',
  );

  return lines.join('\n');
}

function renderMemory(memory: Summary['memory']): string {
  if (memory.length === 0) {
    return 'unknown (reads /proc, Linux only)';
  }
  const total = memory.reduce((sum, app) => sum + app.bytes, 0);

  return `${formatMegabytes(total)} RSS across ${memory.length} ${memory.length === 1 ? 'app' : 'apps'}`;
}

export function renderDemoAccounts(accounts: readonly DemoAccount[]): string[] {
  if (accounts.length === 0) {
    return ['Demo accounts: none yet'];
  }
  const rows = [
    ['role', 'phone', 'email', 'password'],
    ...accounts.map((account) => [account.role, account.phone, account.email, account.password]),
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));

  return [
    'Demo accounts:',
    ...rows.map(
      (row) =>
        `  ${row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join('  ')
          .trimEnd()}`,
    ),
  ];
}
