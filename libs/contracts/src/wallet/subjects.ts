/**
 * Request-reply subjects of the wallet service. Caller-facing handlers act on the verified caller the
 * gateway passes in the headers; `ops` subjects are for other services only (the caller is a service)
 * and every one of them carries an idempotency key: a retry answers the first result.
 */
export const WALLET_SUBJECTS = {
  getBalance: 'wallet.balance.get',
  listTransactions: 'wallet.transactions.list',
  recharge: 'wallet.recharge.create',
  transfer: 'wallet.transfer.create',
  listMethods: 'wallet.methods.list',
  createMethod: 'wallet.methods.create',
  deleteMethod: 'wallet.methods.delete',
  freeze: 'wallet.admin.freeze',
  unfreeze: 'wallet.admin.unfreeze',
  setLimits: 'wallet.admin.limits',
  listFlags: 'wallet.admin.flags',
  reconcile: 'wallet.admin.reconcile',
  credit: 'wallet.ops.credit',
  debit: 'wallet.ops.debit',
  hold: 'wallet.ops.hold',
  capture: 'wallet.ops.capture',
  release: 'wallet.ops.release',
  refund: 'wallet.ops.refund',
  bookCashCommission: 'wallet.ops.cash-commission',
  payeeStatement: 'wallet.payees.statement',
} as const;

/** Domain events of the wallet service, relayed from its outbox to JetStream. */
export const WALLET_EVENTS = {
  walletOpened: 'wallet.wallet.opened',
  credited: 'wallet.credited',
  debited: 'wallet.debited',
  transferCompleted: 'wallet.transfer.completed',
  holdPlaced: 'wallet.hold.placed',
  holdCaptured: 'wallet.hold.captured',
  holdReleased: 'wallet.hold.released',
  flagRaised: 'wallet.flag.raised',
} as const;
