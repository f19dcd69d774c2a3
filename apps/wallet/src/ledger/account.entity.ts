import { Column, Entity, PrimaryColumn, type ValueTransformer } from 'typeorm';

export const ACCOUNT_KINDS = [
  'user_wallet',
  'clearing',
  'commission_revenue',
  'store_payable',
  'driver_payable',
  'cash_on_delivery',
  'suspense',
] as const;

export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** `bigint` columns arrive as text; every amount stays below MAX_AMOUNT sums, far under 2^53. */
const BIGINT: ValueTransformer = {
  to: (value: number) => value,
  from: (value: string) => Number(value),
};

/** A ledger account, read here only under a row lock (`lockInOrder`); balances change in SQL. */
@Entity({ name: 'accounts', synchronize: false })
export class AccountEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('varchar')
  code!: string;

  @Column('varchar')
  kind!: AccountKind;

  @Column('char')
  currency!: string;

  @Column({ type: 'bigint', transformer: BIGINT })
  balance!: number;

  /** Sum of the active holds: user wallets never go below it. */
  @Column({ type: 'bigint', transformer: BIGINT })
  held!: number;
}
