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

/** A ledger account as read under its row lock (`LedgerRepository.lock`); balances change in SQL. */
export interface Account {
  id: string;
  kind: AccountKind;
  balance: number;
  /** Sum of the active holds: user wallets never go below it. */
  held: number;
}
