import { parseCpuMs } from './cpu-time';

describe('parseCpuMs', () => {
  it('adds user and system ticks (fields 14 and 15) as milliseconds', () => {
    const stat = '4242 (node) S 1 4242 4242 0 -1 4194560 9000 0 0 0 1234 56 0 0 20 0 11 0 100 0 0';

    expect(parseCpuMs(stat)).toBe(12_900);
  });

  it('counts fields after the last parenthesis, whatever the command name holds', () => {
    const stat = '7 (a) b (c)) R 1 7 7 0 -1 0 0 0 0 0 5 5 0 0 20 0 1 0 100 0 0';

    expect(parseCpuMs(stat)).toBe(100);
  });

  it('is undefined for text that is not a stat line', () => {
    expect(parseCpuMs('')).toBeUndefined();
    expect(parseCpuMs('1 (x) S 1')).toBeUndefined();
  });
});
