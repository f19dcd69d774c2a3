import { parseStartOptions } from './options';
import { StartError } from './start-error';

describe('parseStartOptions', () => {
  it('defaults to a quiet, single run of every app', () => {
    expect(parseStartOptions([], {})).toEqual({ watch: false, verbose: false, skip: [], help: false });
  });

  it('reads --watch and --verbose', () => {
    expect(parseStartOptions(['--watch', '--verbose'], {})).toMatchObject({ watch: true, verbose: true });
  });

  it('turns verbose on with LOG_LEVEL=debug', () => {
    expect(parseStartOptions([], { LOG_LEVEL: 'debug' }).verbose).toBe(true);
    expect(parseStartOptions([], { LOG_LEVEL: 'info' }).verbose).toBe(false);
  });

  it('reads --skip as a comma-separated or repeated list, in app order', () => {
    expect(parseStartOptions(['--skip', 'wallet,gateway', '--skip=auth'], {}).skip).toEqual([
      'gateway',
      'auth',
      'wallet',
    ]);
  });

  it('rejects an unknown app or option', () => {
    expect(() => parseStartOptions(['--skip', 'walet'], {})).toThrow(/Unknown app in --skip: walet/);
    expect(() => parseStartOptions(['--wtach'], {})).toThrow(StartError);
  });
});
