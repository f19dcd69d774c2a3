import { randomUUID } from 'node:crypto';

import type { NotificationChannel } from '@ecom/contracts';

import { NotificationConfig, parseFlaky } from '../config';
import type { DeliveryChannel, OutgoingMessage, SendResult } from './delivery-channel';

/**
 * The provider of local runs and tests, one per channel: sends nothing. The message row keeps the full
 * rendered body (the sandbox outbox, readable by tests and by admins outside production) and
 * SandboxReceiptsConsumer marks it delivered a moment later, as a provider's delivery receipt would.
 * It fails on demand: addresses in SANDBOX_FAIL_PHONES / SANDBOX_FAIL_ADDRESSES are refused for good (a
 * refused device token is reported dead, as FCM's UNREGISTERED), and SANDBOX_FLAKY_ADDRESSES entries
 * `address=N` answer "try again later" to the first N tries.
 */
export class SandboxChannel implements DeliveryChannel {
  readonly provider = 'sandbox';
  readonly keepsBody = true;
  private readonly failing: ReadonlySet<string>;
  private readonly flaky: ReadonlyMap<string, number>;

  constructor(
    readonly channel: NotificationChannel,
    config: NotificationConfig,
  ) {
    const phones = channel === 'sms' || channel === 'whatsapp';
    this.failing = new Set(phones ? config.SANDBOX_FAIL_PHONES : config.SANDBOX_FAIL_ADDRESSES);
    this.flaky = parseFlaky(config.SANDBOX_FLAKY_ADDRESSES);
  }

  send(message: OutgoingMessage): Promise<SendResult> {
    if (this.failing.has(message.to)) {
      return Promise.resolve({
        outcome: 'permanent',
        error: `SANDBOX_REJECTED: address refused by the ${this.channel} sandbox`,
        invalidAddress: this.channel === 'push',
      });
    }
    if (message.attempt <= (this.flaky.get(message.to) ?? 0)) {
      return Promise.resolve({
        outcome: 'retryable',
        error: 'SANDBOX_UNAVAILABLE: HTTP 503, try again later',
      });
    }

    return Promise.resolve({ outcome: 'sent', providerMessageId: `sandbox-${randomUUID()}` });
  }
}
