import type { DemoAccount } from './demo-accounts';
import { createPalette } from './output';
import { renderDemoAccounts, renderSummary, type Summary } from './summary';

const summary: Summary = {
  elapsedMs: 6400,
  infraMs: 40,
  appsMs: 6100,
  gatewayPort: 3000,
  services: [
    { name: 'auth', port: 3001 },
    { name: 'wallet', port: 3002 },
  ],
  infra: {
    postgres: { url: 'postgres://postgres:s3cret@127.0.0.1:5432/ecom', source: 'embedded' },
    nats: { url: 'nats://127.0.0.1:4222', source: 'existing' },
    redis: { url: undefined, source: 'none' },
  },
  memory: [
    { name: 'auth', bytes: 100 * 1024 * 1024 },
    { name: 'wallet', bytes: 150 * 1024 * 1024 },
  ],
  demoAccounts: [],
  watch: false,
};

describe('renderSummary', () => {
  const text = renderSummary(summary, createPalette(false));

  it('shows the time to ready and where to go next', () => {
    expect(text).toContain('Ecom is ready in 6.4 s (infrastructure 40 ms, apps 6.1 s)');
    expect(text).toContain('http://localhost:3000/api/v1');
    expect(text).toContain('GET http://localhost:3000/api/v1/status');
    expect(text).toContain('http://localhost:3000/docs');
    expect(text).toContain('http://localhost:3000/metrics');
  });

  it('sums the memory of the apps', () => {
    expect(text).toContain('250 MB RSS across 2 apps');
  });

  it('never prints the database password', () => {
    expect(text).not.toContain('s3cret');
    expect(text).toContain('postgres://postgres:***@127.0.0.1:5432/ecom');
  });

  it('says when there is no Redis', () => {
    expect(text).toContain('none: the gateway keeps rate limits in memory');
  });

  it('says when the gateway was skipped', () => {
    const skipped = renderSummary({ ...summary, gatewayPort: undefined }, createPalette(false));

    expect(skipped).not.toContain('/api/v1');
    expect(skipped).toMatch(/Gateway\s+skipped/);
  });
});

describe('renderDemoAccounts', () => {
  it('says there are none yet', () => {
    expect(renderDemoAccounts([])).toEqual(['Demo accounts: none yet']);
  });

  it('lists the accounts in aligned columns', () => {
    const accounts: DemoAccount[] = [
      { role: 'client', phone: '+22890000001', email: 'client@demo.ecom.tg', password: 'demo-client' },
      { role: 'admin', phone: '+22890000009', email: 'admin@demo.ecom.tg', password: 'demo-admin' },
    ];

    expect(renderDemoAccounts(accounts)).toEqual([
      'Demo accounts:',
      '  role    phone         email                password',
      '  client  +22890000001  client@demo.ecom.tg  demo-client',
      '  admin   +22890000009  admin@demo.ecom.tg   demo-admin',
    ]);
  });
});
