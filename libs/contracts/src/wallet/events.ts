import type { Currency } from '../money';
import type { TransactionCategory } from './operations';

/** `wallet.credited` and `wallet.debited`: one user's wallet moved. */
export interface WalletMovedEvent {
  transaction_id: string;
  user_id: string;
  amount: number;
  currency: Currency;
  category: TransactionCategory;
  balance_after: number;
  reference: string | null;
  related_service_id: string | null;
}

/** `wallet.transfer.completed`: notification tells both parties. */
export interface TransferCompletedEvent {
  transfer_id: string;
  sender_id: string;
  receiver_id: string;
  amount: number;
  currency: Currency;
  description: string | null;
  sender_balance_after: number;
  receiver_balance_after: number;
}

/** `wallet.hold.placed|captured|released`. */
export interface HoldChangedEvent {
  hold_id: string;
  user_id: string;
  amount: number;
  captured_amount: number;
  currency: Currency;
  related_service_id: string | null;
}

export const AML_FLAG_KINDS = ['large_transfer', 'many_receivers', 'round_trip'] as const;

export type AmlFlagKind = (typeof AML_FLAG_KINDS)[number];

/** `wallet.flag.raised`: a transfer looked unusual; it went through, an admin reviews it. */
export interface FlagRaisedEvent {
  flag_id: string;
  kind: AmlFlagKind;
  user_id: string;
  transfer_id: string;
  amount: number;
}

/** `wallet.wallet.opened`: a user's wallet exists (on registration, or on its first credit). */
export interface WalletOpenedEvent {
  user_id: string;
  currency: Currency;
}
