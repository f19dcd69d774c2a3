import { IsIn, IsInt, IsOptional, IsPositive, Max } from 'class-validator';

/** Currencies the platform books. XOF has no minor unit: an amount of 12500 is 12 500 F CFA. */
export const CURRENCIES = ['XOF'] as const;

export type Currency = (typeof CURRENCIES)[number];

/** Largest amount any single operation may carry (10^12 XOF): far above any limit, far below 2^53. */
export const MAX_AMOUNT = 1_000_000_000_000;

/** An amount that moves money: a positive integer in minor units, with its currency (XOF when absent). */
export class MoneyAmount {
  @IsInt()
  @IsPositive()
  @Max(MAX_AMOUNT)
  amount!: number;

  @IsOptional()
  @IsIn(CURRENCIES)
  currency?: Currency;
}
