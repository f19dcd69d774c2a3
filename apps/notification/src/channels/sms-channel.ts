/** One SMS to hand to a provider. */
export interface OutgoingSms {
  messageId: string;
  /** E.164 phone number. */
  to: string;
  body: string;
}

/**
 * What a provider answered. `retryable` (timeouts, 429, 5xx) may succeed later; `permanent` (invalid or
 * blocked number, 4xx) never will.
 */
export type SmsSendResult =
  { outcome: 'sent'; providerMessageId: string } | { outcome: 'retryable' | 'permanent'; error: string };

/** The SMS port: one adapter per provider, chosen by SMS_PROVIDER. */
export interface SmsChannel {
  /** Recorded on the message and each attempt. */
  readonly provider: string;
  /**
   * Whether the rendered body is kept with the message. Only the sandbox does: its stored bodies are how a
   * developer reads an OTP. A real provider's messages must not keep codes at rest.
   */
  readonly keepsBody: boolean;
  send(sms: OutgoingSms): Promise<SmsSendResult>;
}

export const SMS_CHANNEL = Symbol('SmsChannel');
