import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { findOnPath } from './nats';

describe('findOnPath', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ecom-start-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds an executable in one of the PATH directories', () => {
    const binary = join(dir, 'nats-server');
    writeFileSync(binary, '#!/bin/sh\n');
    chmodSync(binary, 0o755);

    expect(findOnPath('nats-server', ['/nonexistent', dir].join(delimiter))).toBe(binary);
  });

  it('skips a file that is not executable, and copes with no PATH', () => {
    writeFileSync(join(dir, 'nats-server'), '');
    chmodSync(join(dir, 'nats-server'), 0o644);

    expect(findOnPath('nats-server', dir)).toBeUndefined();
    expect(findOnPath('nats-server', undefined)).toBeUndefined();
  });
});
