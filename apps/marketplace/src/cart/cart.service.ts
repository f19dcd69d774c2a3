import { Injectable } from '@nestjs/common';
import type { AddCartItemRequest, CartStoreView, CartView, UpdateCartItemRequest } from '@ecom/contracts';
import { DomainError } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import { isOpenAt, type OpeningHours } from '../stores/business-hours';

export interface CartRow {
  product_id: string;
  name: string;
  images: string[];
  price: string;
  quantity: number;
  stock_quantity: number;
  for_sale: boolean;
  store_id: string;
  store_name: string;
  delivery_fee: string;
  min_order_amount: string;
  business_hours: OpeningHours;
}

/** What a cart holds: lines per user; a cart keeps no price (it shows the current one) and reserves nothing. */
export interface CartLine {
  product_id: string;
  quantity: number;
}

/** Groups cart lines by store with subtotals, delivery fees and totals, at current prices. */
export function cartView(rows: CartRow[], now = new Date()): CartView {
  const byStore = new Map<string, CartStoreView>();
  for (const row of rows) {
    let group = byStore.get(row.store_id);
    if (!group) {
      group = {
        store: {
          id: row.store_id,
          name: row.store_name,
          is_open_now: isOpenAt(row.business_hours, now),
          min_order_amount: Number(row.min_order_amount),
        },
        items: [],
        subtotal: 0,
        delivery_fee: Number(row.delivery_fee),
        total: 0,
        below_minimum: false,
      };
      byStore.set(row.store_id, group);
    }
    const unitPrice = Number(row.price);
    group.items.push({
      product_id: row.product_id,
      name: row.name,
      image: row.images[0] ?? null,
      unit_price: unitPrice,
      quantity: row.quantity,
      line_total: unitPrice * row.quantity,
      stock_quantity: row.stock_quantity,
      available: row.for_sale && row.stock_quantity >= row.quantity,
    });
    group.subtotal += unitPrice * row.quantity;
  }
  const stores = [...byStore.values()];
  for (const group of stores) {
    group.total = group.subtotal + group.delivery_fee;
    group.below_minimum = group.subtotal < group.store.min_order_amount;
  }

  return {
    stores,
    item_count: rows.reduce((sum, row) => sum + row.quantity, 0),
    subtotal: stores.reduce((sum, group) => sum + group.subtotal, 0),
    delivery_fee: stores.reduce((sum, group) => sum + group.delivery_fee, 0),
    total_amount: stores.reduce((sum, group) => sum + group.total, 0),
    currency: 'XOF',
  };
}

/** One cart per user across stores. */
@Injectable()
export class CartService {
  constructor(private readonly dataSource: DataSource) {}

  async get(userId: string): Promise<CartView> {
    const rows = await this.dataSource.query<CartRow[]>(
      `SELECT ci.product_id, p.name, p.images, p.price, ci.quantity, p.stock_quantity,
              (p.is_active AND p.deleted_at IS NULL AND s.is_active) AS for_sale,
              s.id AS store_id, s.name AS store_name, s.delivery_fee, s.min_order_amount, s.business_hours
         FROM cart_items ci JOIN products p ON p.id = ci.product_id JOIN stores s ON s.id = p.store_id
        WHERE ci.user_id = $1 ORDER BY s.name, s.id, ci.added_at, ci.product_id`,
      [userId],
    );

    return cartView(rows);
  }

  /** Adds to the line's quantity; more than the product's stock is refused now rather than at checkout. */
  async add(userId: string, request: AddCartItemRequest): Promise<CartView> {
    await this.dataSource.transaction(async (manager) => {
      const product = await this.productForSale(manager, request.product_id);
      const [line] = await manager.query<{ quantity: number }[]>(
        `INSERT INTO cart_items (user_id, product_id, quantity) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, product_id) DO UPDATE SET quantity = cart_items.quantity + EXCLUDED.quantity
         RETURNING quantity`,
        [userId, request.product_id, request.quantity],
      );
      this.checkStock(product, line?.quantity ?? request.quantity);
    });

    return this.get(userId);
  }

  async update(userId: string, request: UpdateCartItemRequest): Promise<CartView> {
    if (request.quantity === 0) return this.remove(userId, request.product_id);
    await this.dataSource.transaction(async (manager) => {
      const product = await this.productForSale(manager, request.product_id);
      this.checkStock(product, request.quantity);
      const [, count] = await manager.query<[unknown[], number]>(
        'UPDATE cart_items SET quantity = $3 WHERE user_id = $1 AND product_id = $2',
        [userId, request.product_id, request.quantity],
      );
      if (count === 0) throw new DomainError('PRODUCT_NOT_FOUND', 'The product is not in the cart');
    });

    return this.get(userId);
  }

  async remove(userId: string, productId: string): Promise<CartView> {
    await this.dataSource.query('DELETE FROM cart_items WHERE user_id = $1 AND product_id = $2', [
      userId,
      productId,
    ]);

    return this.get(userId);
  }

  async clear(userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query('DELETE FROM cart_items WHERE user_id = $1', [userId]);
  }

  /** The lines a checkout from the cart buys. */
  async lines(userId: string): Promise<CartLine[]> {
    return this.dataSource.query<CartLine[]>(
      'SELECT product_id, quantity FROM cart_items WHERE user_id = $1 ORDER BY added_at, product_id',
      [userId],
    );
  }

  private async productForSale(
    manager: EntityManager,
    productId: string,
  ): Promise<{ name: string; stock_quantity: number }> {
    const [product] = await manager.query<{ name: string; stock_quantity: number; for_sale: boolean }[]>(
      `SELECT p.name, p.stock_quantity, (p.is_active AND p.deleted_at IS NULL AND s.is_active) AS for_sale
         FROM products p JOIN stores s ON s.id = p.store_id WHERE p.id = $1`,
      [productId],
    );
    if (!product) throw new DomainError('PRODUCT_NOT_FOUND');
    if (!product.for_sale) throw new DomainError('PRODUCT_UNAVAILABLE');

    return product;
  }

  private checkStock(product: { name: string; stock_quantity: number }, quantity: number): void {
    if (quantity > product.stock_quantity) {
      throw new DomainError('ORDER_OUT_OF_STOCK', `Only ${product.stock_quantity} left of ${product.name}`, {
        product_name: product.name,
        available: product.stock_quantity,
      });
    }
  }
}
