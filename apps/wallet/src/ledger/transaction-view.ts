import type {
  Currency,
  TransactionCategory,
  TransactionStatus,
  WalletTransactionView,
} from '@ecom/contracts';

export interface UserSide {
  id: string;
  category: TransactionCategory;
  currency: Currency;
  description: string | null;
  reference: string | null;
  payment_method: string | null;
  related_service_id: string | null;
  /** The wallet's posting: positive is a credit. */
  amount: number;
  balance_after: number | null;
  status?: TransactionStatus;
  created_at: Date;
}

/** The user's side of a journal entry, in the shape of API.md `GET /wallet/transactions`. */
export function toTransactionView(side: UserSide): WalletTransactionView {
  return {
    id: side.id,
    type: side.amount < 0 ? 'debit' : 'credit',
    amount: Math.abs(side.amount),
    currency: side.currency,
    category: side.category,
    description: side.description,
    reference: side.reference,
    status: side.status ?? 'completed',
    payment_method: side.payment_method,
    related_service_id: side.related_service_id,
    balance_after: side.balance_after,
    created_at: side.created_at.toISOString(),
  };
}
