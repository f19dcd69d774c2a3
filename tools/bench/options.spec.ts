import { StartError } from '../start/start-error';
import { parseBenchOptions } from './options';

describe('parseBenchOptions', () => {
  it('defaults to 10 s measured after 3 s of warm-up, 50 connections, 2 rounds', () => {
    expect(parseBenchOptions([])).toEqual({
      durationSeconds: 10,
      warmupSeconds: 3,
      connections: 50,
      rounds: 2,
      cpuProfile: false,
      help: false,
    });
  });

  it('reads --duration, --warmup, --connections, --rounds and --cpu-prof', () => {
    expect(
      parseBenchOptions([
        '--duration',
        '30',
        '--warmup=0',
        '--connections',
        '100',
        '--rounds',
        '3',
        '--cpu-prof',
      ]),
    ).toMatchObject({ durationSeconds: 30, warmupSeconds: 0, connections: 100, rounds: 3, cpuProfile: true });
  });

  it('rejects numbers that are not whole or too small', () => {
    expect(() => parseBenchOptions(['--duration', '2.5'])).toThrow(/--duration must be a whole number/);
    expect(() => parseBenchOptions(['--connections', '0'])).toThrow(/--connections must be .* at least 1/);
    expect(() => parseBenchOptions(['--warmup', '-1'])).toThrow(StartError);
  });

  it('rejects fewer measured seconds than rounds', () => {
    expect(() => parseBenchOptions(['--duration', '3', '--rounds', '4'])).toThrow(/at least --rounds/);
  });

  it('rejects an unknown option', () => {
    expect(() => parseBenchOptions(['--durattion', '5'])).toThrow(StartError);
  });
});
