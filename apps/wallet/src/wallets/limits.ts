import { DomainError } from '@ecom/platform';

/** The limits of one wallet: its admin overrides, else the defaults of seed 002. */
export interface WalletLimits {
  single_transaction_max: number;
  daily_limit: number;
  monthly_limit: number;
}

/**
 * What counts against the limits: every debit of the window (payments, transfers, captures) plus the
 * holds still active, which are promised away already. The day is the last 24 hours (rolling, so that
 * midnight does not double the allowance); the month is the calendar month in Africa/Lome.
 */
export interface Spending {
  daily: number;
  monthly: number;
  held: number;
}

/** Refuses an outgoing amount over any limit, naming the limit and what is left of it. */
export function checkLimits(amount: number, limits: WalletLimits, spending: Spending): void {
  if (amount > limits.single_transaction_max) {
    throw limitError('single_transaction_max', limits.single_transaction_max, limits.single_transaction_max);
  }
  const dailyLeft = limits.daily_limit - spending.daily - spending.held;
  if (amount > dailyLeft) throw limitError('daily_limit', limits.daily_limit, Math.max(0, dailyLeft));
  const monthlyLeft = limits.monthly_limit - spending.monthly - spending.held;
  if (amount > monthlyLeft) throw limitError('monthly_limit', limits.monthly_limit, Math.max(0, monthlyLeft));
}

function limitError(limit: keyof WalletLimits, value: number, remaining: number): DomainError {
  return new DomainError(
    'WALLET_LIMIT_EXCEEDED',
    `The amount is over the ${limit.replace(/_/g, ' ')} of this wallet (${remaining} XOF left)`,
    { limit, value, remaining },
  );
}
