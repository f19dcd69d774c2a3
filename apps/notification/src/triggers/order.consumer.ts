import { Injectable } from '@nestjs/common';
import {
  MARKETPLACE_EVENTS,
  type EventEnvelope,
  type OrderPlacedEvent,
  type OrderStatusChangedEvent,
} from '@ecom/contracts';
import { OnEvent } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { Dispatcher, originOf } from '../delivery/dispatcher.service';
import { RecipientsRepository } from '../recipients/recipients.repository';
import {
  customerOrderPlaced,
  orderStatusChanged,
  sellerOrderWhatsapp,
  toLocale,
} from '../templates/message-templates';

/** A new order goes to the seller on WhatsApp (seed 000) and to the customer's inbox; changes to the customer. */
@Injectable()
export class OrderConsumer {
  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly recipients: RecipientsRepository,
  ) {}

  @OnEvent(MARKETPLACE_EVENTS.orderPlaced)
  async onPlaced(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const order = event.data as unknown as OrderPlacedEvent;
    const owner = await this.recipients.find(manager, order.store.owner_id);
    const locale = toLocale(owner?.locale);
    await this.dispatcher.toAddress(manager, originOf(event, 'order.placed.seller', 'transactional'), {
      channel: 'whatsapp',
      address: order.store.phone,
      userId: order.store.owner_id,
      locale,
      content: sellerOrderWhatsapp(order, locale),
      recipient: owner,
    });
    await this.dispatcher.toUser(
      manager,
      originOf(event, 'order.placed.customer', 'transactional'),
      order.customer.user_id,
      ['in_app'],
      (customerLocale) => customerOrderPlaced(order, customerLocale),
    );
  }

  @OnEvent(MARKETPLACE_EVENTS.orderStatusChanged)
  async onStatusChanged(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const change = event.data as unknown as OrderStatusChangedEvent;
    await this.dispatcher.toUser(
      manager,
      originOf(event, `order.${change.status}`, 'transactional'),
      change.customer_id,
      ['in_app', 'push'],
      (locale) => orderStatusChanged(change.order_number, change.status, locale),
    );
  }
}
