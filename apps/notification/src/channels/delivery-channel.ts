import type { NotificationChannel } from '@ecom/contracts';

/** A provider-side template (WhatsApp Cloud API template messages): its name and body parameters in order. */
export interface ProviderTemplate {
  name: string;
  parameters: string[];
  /** A one-time code for the copy-code button of a WhatsApp authentication template. */
  copyCode?: string;
}

/** What the provider must receive for one message; sealed at rest until the message's final outcome. */
export interface MessageContent {
  body: string;
  /** Push notification title. */
  title?: string;
  /** Sent instead of free text where the channel needs a pre-approved template (WhatsApp outside 24 h). */
  template?: ProviderTemplate;
  /** Push data payload (string values, as FCM requires). */
  data?: Record<string, string>;
}

/** One message to hand to a provider. */
export interface OutgoingMessage extends MessageContent {
  messageId: string;
  /** The channel's address: E.164 phone, email, device token. */
  to: string;
  /** 1 for the first try. */
  attempt: number;
  locale: string;
}

/**
 * What a provider answered. `retryable` (timeouts, 429, 5xx, throttling) may succeed later; `permanent`
 * (invalid or blocked address, 4xx) never will. `invalidAddress`: the provider says the address is dead
 * (an unregistered device token) and it should be forgotten.
 */
export type SendResult =
  | { outcome: 'sent'; providerMessageId: string }
  | { outcome: 'retryable' | 'permanent'; error: string; invalidAddress?: boolean };

/** The port of one channel: one adapter per provider, chosen by `<CHANNEL>_PROVIDER`. */
export interface DeliveryChannel {
  readonly channel: NotificationChannel;
  /** Recorded on the message and each attempt. */
  readonly provider: string;
  /**
   * Whether the rendered body is kept with the message. Only the sandbox does: its stored bodies are how a
   * developer reads an OTP. A real provider's messages must not keep codes at rest.
   */
  readonly keepsBody: boolean;
  send(message: OutgoingMessage): Promise<SendResult>;
}

/** Every adapter in use, one per channel that leaves the service (in_app is stored, never sent). */
export const DELIVERY_CHANNELS = Symbol('DeliveryChannels');

export type DeliveryChannels = ReadonlyMap<NotificationChannel, DeliveryChannel>;
