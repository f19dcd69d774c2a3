import type { PaymentStatus } from '@ecom/contracts';

/**
 * Where each status may go. `pending → processing → succeeded | failed | cancelled`, a payment that
 * succeeded may be refunded in part (again and again) or in whole; failed, cancelled and refunded are final.
 */
const NEXT: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  pending: ['processing', 'succeeded', 'failed', 'cancelled'],
  processing: ['succeeded', 'failed', 'cancelled'],
  succeeded: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  failed: [],
  cancelled: [],
  refunded: [],
};

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return NEXT[from].includes(to);
}

/** The statuses an intent may be in to move to `to`: the guard of the conditional update. */
export function statusesBefore(to: PaymentStatus): PaymentStatus[] {
  return (Object.keys(NEXT) as PaymentStatus[]).filter((from) => NEXT[from].includes(to));
}

/** Not waiting for the payer, the provider or a capture any more. */
export function isSettled(status: PaymentStatus): boolean {
  return status !== 'pending' && status !== 'processing';
}
