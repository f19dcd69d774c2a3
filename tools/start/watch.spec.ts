import { debounce, isSourceFile } from './watch';

describe('isSourceFile', () => {
  it('accepts the TypeScript the build compiles', () => {
    expect(isSourceFile('wallet/src/ledger/ledger.service.ts')).toBe(true);
  });

  it('ignores tests, typings and other files', () => {
    expect(isSourceFile('wallet/src/ledger/ledger.service.spec.ts')).toBe(false);
    expect(isSourceFile('wallet/test/transfer.int-spec.ts')).toBe(false);
    expect(isSourceFile('testing/src/test/helpers.ts')).toBe(false);
    expect(isSourceFile('platform/src/types.d.ts')).toBe(false);
    expect(isSourceFile('wallet/project.json')).toBe(false);
    expect(isSourceFile('wallet/src/.ledger.service.ts.swp')).toBe(false);
  });
});

describe('debounce', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs once after a burst of triggers has been quiet for the delay', () => {
    const run = jest.fn();
    const debounced = debounce(run, 300);

    debounced.trigger();
    jest.advanceTimersByTime(200);
    debounced.trigger();
    jest.advanceTimersByTime(299);
    expect(run).not.toHaveBeenCalled();

    jest.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('does not run once cancelled', () => {
    const run = jest.fn();
    const debounced = debounce(run, 300);

    debounced.trigger();
    debounced.cancel();
    jest.advanceTimersByTime(1000);

    expect(run).not.toHaveBeenCalled();
  });
});
