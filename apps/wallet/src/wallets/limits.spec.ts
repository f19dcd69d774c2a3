import { DomainError } from '@ecom/platform';

import { checkLimits } from './limits';

const LIMITS = { single_transaction_max: 25_000, daily_limit: 50_000, monthly_limit: 500_000 };

function refusal(run: () => void): Record<string, unknown> | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, ...error.details };
    throw error;
  }

  return undefined;
}

describe('checkLimits', () => {
  it('lets an amount through up to each limit exactly', () => {
    expect(
      refusal(() => {
        checkLimits(25_000, LIMITS, { daily: 25_000, monthly: 475_000, held: 0 });
      }),
    ).toBeUndefined();
  });

  it('refuses over the single transaction maximum', () => {
    expect(
      refusal(() => {
        checkLimits(25_001, LIMITS, { daily: 0, monthly: 0, held: 0 });
      }),
    ).toMatchObject({
      code: 'WALLET_LIMIT_EXCEEDED',
      limit: 'single_transaction_max',
    });
  });

  it('counts active holds against the day, and says what is left', () => {
    expect(
      refusal(() => {
        checkLimits(20_000, LIMITS, { daily: 20_000, monthly: 20_000, held: 15_000 });
      }),
    ).toEqual({
      code: 'WALLET_LIMIT_EXCEEDED',
      limit: 'daily_limit',
      value: 50_000,
      remaining: 15_000,
    });
  });

  it('refuses over the month even when the day is clear', () => {
    expect(
      refusal(() => {
        checkLimits(10_000, LIMITS, { daily: 0, monthly: 495_000, held: 0 });
      }),
    ).toMatchObject({
      limit: 'monthly_limit',
      remaining: 5_000,
    });
  });
});
