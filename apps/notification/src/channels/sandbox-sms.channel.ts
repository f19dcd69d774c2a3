import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { NotificationConfig } from '../config';
import type { OutgoingSms, SmsChannel, SmsSendResult } from './sms-channel';

/**
 * The SMS provider of local runs and tests: sends nothing. The message row keeps the body (the sandbox
 * outbox, readable by tests and by admins outside production) and SandboxReceiptsConsumer marks it
 * delivered a moment later, as a real provider's delivery receipt would. Phones in SANDBOX_FAIL_PHONES are
 * refused permanently, like a number the carrier rejects.
 */
@Injectable()
export class SandboxSmsChannel implements SmsChannel {
  readonly provider = 'sandbox';
  readonly keepsBody = true;
  private readonly failing: ReadonlySet<string>;

  constructor(config: NotificationConfig) {
    this.failing = new Set(config.SANDBOX_FAIL_PHONES);
  }

  send(sms: OutgoingSms): Promise<SmsSendResult> {
    if (this.failing.has(sms.to)) {
      return Promise.resolve({
        outcome: 'permanent',
        error: 'SANDBOX_REJECTED: phone listed in SANDBOX_FAIL_PHONES',
      });
    }

    return Promise.resolve({ outcome: 'sent', providerMessageId: `sandbox-${randomUUID()}` });
  }
}
