import { Inject, Injectable } from '@nestjs/common';
import type { PrivacyExportReply } from '@ecom/contracts';
import { LOGGER, type Logger } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import { CartService } from '../cart/cart.service';
import { OrdersRepository } from '../orders/orders.repository';
import { toStoreView, type StoreRow } from '../stores/stores.service';

/** The user's marketplace data for an RGPD export, and its erasure. */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersRepository,
    private readonly cart: CartService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async export(userId: string): Promise<PrivacyExportReply> {
    const manager = this.dataSource.manager;
    const stores = await manager.query<StoreRow[]>(
      `SELECT s.*, to_json(s.created_at) #>> '{}' AS created_key FROM stores s WHERE s.owner_id = $1`,
      [userId],
    );
    const orders = await this.orders.findMany(
      manager,
      'o.customer_id = $1',
      [userId],
      'ORDER BY o.placed_at',
    );

    return {
      service: 'marketplace',
      user_id: userId,
      data: {
        stores: stores.map((store) => toStoreView(store)),
        orders: await this.orders.views(manager, orders),
        cart: await this.cart.get(userId),
      },
    };
  }

  /**
   * Orders are kept (the stores' books and the ledger point at them) but lose who placed them and where
   * they went; the cart goes. A store the user owned leaves the catalogue; its orders stay the customers'.
   */
  async erase(manager: EntityManager, userId: string): Promise<void> {
    const [, orders] = await manager.query<[unknown[], number]>(
      `UPDATE orders SET customer_name = '', customer_phone = '', payer_phone = NULL, delivery_address = '',
              delivery_lat = NULL, delivery_lng = NULL, special_instructions = NULL, updated_at = now()
        WHERE customer_id = $1`,
      [userId],
    );
    await manager.query('DELETE FROM cart_items WHERE user_id = $1', [userId]);
    await manager.query('UPDATE stores SET is_active = false, updated_at = now() WHERE owner_id = $1', [
      userId,
    ]);
    this.logger.info('Marketplace data of an erased user anonymised', { user_id: userId, orders });
  }
}
