import { refundCommission, splitLegs } from './operations.service';

describe('split postings', () => {
  it('sends the amount less commission to the payee and the commission to the platform', () => {
    expect(splitLegs(10_000, 1_500, { commission: 'platform', payee: 'store' })).toEqual([
      { accountId: 'store', amount: 8_500 },
      { accountId: 'platform', amount: 1_500 },
    ]);
  });

  it('sends everything to the platform when there is no payee', () => {
    expect(splitLegs(700, 700, { commission: 'platform', payee: null })).toEqual([
      { accountId: 'platform', amount: 700 },
    ]);
  });
});

describe('refundCommission', () => {
  const original = { amount: 10_000, commission_amount: 1_000 };

  it('takes back the commission in proportion, rounding down on the running total', () => {
    const first = refundCommission(original, { amount: 0, commission: 0 }, 3_333);
    const second = refundCommission(original, { amount: 3_333, commission: first }, 3_333);
    const last = refundCommission(original, { amount: 6_666, commission: first + second }, 3_334);

    expect([first, second, last]).toEqual([333, 333, 334]);
    expect(first + second + last).toBe(1_000);
  });

  it('stays exact far past 2^53 in the intermediate product', () => {
    const large = { amount: 900_000_000_000, commission_amount: 899_999_999_999 };

    expect(refundCommission(large, { amount: 0, commission: 0 }, 900_000_000_000)).toBe(899_999_999_999);
  });
});
