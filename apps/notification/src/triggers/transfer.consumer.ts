import { Injectable } from '@nestjs/common';
import { WALLET_EVENTS, type EventEnvelope, type TransferCompletedEvent } from '@ecom/contracts';
import { OnEvent } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { Dispatcher, originOf } from '../delivery/dispatcher.service';
import { transferReceived, transferSent } from '../templates/message-templates';

/** Both parties of a wallet transfer hear of it, each with their own new balance. */
@Injectable()
export class TransferConsumer {
  constructor(private readonly dispatcher: Dispatcher) {}

  @OnEvent(WALLET_EVENTS.transferCompleted)
  async onCompleted(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const transfer = event.data as unknown as TransferCompletedEvent;
    await this.dispatcher.toUser(
      manager,
      originOf(event, 'transfer.sent', 'transactional'),
      transfer.sender_id,
      ['in_app', 'push'],
      (locale) => transferSent(transfer, locale),
    );
    await this.dispatcher.toUser(
      manager,
      originOf(event, 'transfer.received', 'transactional'),
      transfer.receiver_id,
      ['in_app', 'push'],
      (locale) => transferReceived(transfer, locale),
    );
  }
}
