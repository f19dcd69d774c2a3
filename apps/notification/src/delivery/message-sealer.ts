import { Injectable } from '@nestjs/common';
import { SealedBox } from '@ecom/platform';

import type { MessageContent } from '../channels/delivery-channel';
import { NotificationConfig } from '../config';

/**
 * Seals what a queued message must deliver (it may hold a one-time code) with OTP_DELIVERY_KEY, the key
 * the service already holds for codes, bound to the message id: a row's content opens for that row only.
 */
@Injectable()
export class MessageSealer {
  private readonly box: SealedBox;

  constructor(config: NotificationConfig) {
    this.box = new SealedBox(config.OTP_DELIVERY_KEY);
  }

  seal(content: MessageContent, messageId: string): string {
    return this.box.seal(JSON.stringify(content), messageId);
  }

  open(sealed: string, messageId: string): MessageContent {
    return JSON.parse(this.box.open(sealed, messageId)) as MessageContent;
  }
}
