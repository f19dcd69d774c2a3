import { parseVmRss, readRss } from './memory';

describe('parseVmRss', () => {
  it('reads VmRSS in bytes', () => {
    expect(parseVmRss('Name:\tnode\nVmPeak:\t  900000 kB\nVmRSS:\t  123456 kB\nThreads:\t11\n')).toBe(
      123456 * 1024,
    );
  });

  it('is undefined without a VmRSS line (a zombie process)', () => {
    expect(parseVmRss('Name:\tnode\nState:\tZ (zombie)\n')).toBeUndefined();
  });
});

describe('readRss', () => {
  it('reads this process on Linux and nothing for a pid that does not exist', () => {
    if (process.platform === 'linux') {
      expect(readRss(process.pid)).toBeGreaterThan(0);
    }
    expect(readRss(2 ** 30)).toBeUndefined();
  });
});
