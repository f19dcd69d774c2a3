/**
 * Request-reply subjects of the payment service. `intents.create|capture|cancel|record-cash` are for other
 * services (marketplace, transport, wallet); the rest back gateway routes.
 */
export const PAYMENT_SUBJECTS = {
  createIntent: 'payment.intents.create',
  getIntent: 'payment.intents.get',
  captureIntent: 'payment.intents.capture',
  cancelIntent: 'payment.intents.cancel',
  recordCash: 'payment.intents.record-cash',
  refund: 'payment.intents.refund',
  receiveWebhook: 'payment.webhooks.receive',
  sandboxAnswer: 'payment.sandbox.answer',
  /** The admin route's refund: the same as `intents.refund`, for a verified admin caller. */
  adminRefund: 'payment.admin.refund',
  /** Service-only: runs reconciliation now instead of waiting for its schedule. */
  reconcile: 'payment.reconciliation.run',
} as const;

/** Domain events of the payment service, relayed from its outbox to JetStream. */
export const PAYMENT_EVENTS = {
  intentSucceeded: 'payment.intent.succeeded',
  intentFailed: 'payment.intent.failed',
  intentCancelled: 'payment.intent.cancelled',
  intentRefunded: 'payment.intent.refunded',
} as const;
