import { randomUUID } from 'node:crypto';

import type { OrderPaymentStatus, OrderStatus, PaymentMethod } from '@ecom/contracts';
import type { DataSource, EntityManager } from 'typeorm';

import { orderNumber } from '../orders/order-number';
import { DEMO_CATEGORIES, DEMO_CLIENTS, DEMO_STORES, type DemoStore } from './demo-catalogue';

/** The categories, loaded at start when LOAD_DEMO_DATA is on (never in production). */
export async function loadDemoCategories(dataSource: DataSource): Promise<void> {
  for (const category of DEMO_CATEGORIES) {
    await dataSource.query(
      `INSERT INTO categories (id, name, slug, icon, position) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (slug) DO NOTHING`,
      [randomUUID(), category.name, category.slug, category.icon, category.position],
    );
  }
}

/** Opens a demo owner's store with its products, once (one store per owner). */
export async function openDemoStore(manager: EntityManager, ownerId: string, demo: DemoStore): Promise<void> {
  const storeId = randomUUID();
  const [inserted] = await manager.query<{ id: string }[]>(
    `INSERT INTO stores (id, owner_id, name, description, category, address, lat, lng, phone, delivery_fee,
                         min_order_amount, business_hours, rating)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 4.7)
     ON CONFLICT (owner_id) DO NOTHING RETURNING id`,
    [
      storeId,
      ownerId,
      demo.name,
      demo.description,
      demo.category,
      demo.address,
      demo.location.lat,
      demo.location.lng,
      demo.phone,
      demo.deliveryFee,
      demo.minOrder,
      JSON.stringify(demo.hours),
    ],
  );
  if (!inserted) return;
  for (const [index, product] of demo.products.entries()) {
    await manager.query(
      `INSERT INTO products (id, store_id, category_id, name, description, price, stock_quantity, specifications,
                             rating, images, created_at)
       VALUES ($1, $2, (SELECT id FROM categories WHERE slug = $3), $4, $5, $6, $7, $8, $9, $10,
               now() - make_interval(mins => $11))`,
      [
        randomUUID(),
        storeId,
        product.category,
        product.name,
        product.description,
        product.price,
        product.stock,
        JSON.stringify(product.specifications ?? {}),
        (35 + (index % 15)) / 10,
        JSON.stringify([`https://cdn.ecom.tg/demo/${encodeURIComponent(product.name)}.jpg`]),
        index,
      ],
    );
  }
}

interface DemoOrder {
  customerId: string;
  customerName: string;
  customerPhone: string;
  storePhone: string;
  lines: { name: string; quantity: number }[];
  status: OrderStatus;
  paymentStatus: OrderPaymentStatus;
  method: PaymentMethod;
  daysAgo: number;
}

/** A delivered order (paid in cash) and a paid one (wallet, being prepared), once. */
export async function placeDemoOrders(manager: EntityManager, customerId: string): Promise<void> {
  const existing = await manager.query<unknown[]>('SELECT 1 FROM orders WHERE customer_id = $1 LIMIT 1', [
    customerId,
  ]);
  if (existing.length > 0) return;
  const client = DEMO_CLIENTS.withOrders;
  const [be, tokoin] = DEMO_STORES;
  if (!be || !tokoin) return;
  await insertDemoOrder(manager, {
    customerId,
    customerName: client.name,
    customerPhone: client.phone,
    storePhone: be.phone,
    lines: [
      { name: 'Riz parfumé 5 kg', quantity: 1 },
      { name: 'Tomates fraîches 1 kg', quantity: 2 },
    ],
    status: 'delivered',
    paymentStatus: 'paid',
    method: 'cash_on_delivery',
    daysAgo: 3,
  });
  await insertDemoOrder(manager, {
    customerId,
    customerName: client.name,
    customerPhone: client.phone,
    storePhone: tokoin.phone,
    lines: [{ name: 'Pagne wax 6 yards', quantity: 1 }],
    status: 'preparing',
    paymentStatus: 'paid',
    method: 'wallet',
    daysAgo: 0,
  });
}

/** Two lines in the B2B client's cart, unless it holds something already. */
export async function fillDemoCart(manager: EntityManager, userId: string): Promise<void> {
  await manager.query(
    `INSERT INTO cart_items (user_id, product_id, quantity)
     SELECT $1, p.id, 2 FROM products p
      WHERE p.name IN ('Sodabi 1 L', 'Fût de chêne français 225 L')
        AND NOT EXISTS (SELECT 1 FROM cart_items WHERE user_id = $1)
     ON CONFLICT DO NOTHING`,
    [userId],
  );
}

/** Whether the stores the demo orders come from are open already. */
export async function demoStoresOpen(manager: EntityManager): Promise<boolean> {
  const phones = DEMO_STORES.map((store) => store.phone);
  const rows = await manager.query<unknown[]>('SELECT 1 FROM stores WHERE phone = ANY($1)', [phones]);

  return rows.length === phones.length;
}

async function insertDemoOrder(manager: EntityManager, order: DemoOrder): Promise<void> {
  const [store] = await manager.query<{ id: string; delivery_fee: string }[]>(
    'SELECT id, delivery_fee FROM stores WHERE phone = $1',
    [order.storePhone],
  );
  if (!store) return;
  const products = await manager.query<{ id: string; name: string; price: string }[]>(
    'SELECT id, name, price FROM products WHERE store_id = $1 AND name = ANY($2)',
    [store.id, order.lines.map((line) => line.name)],
  );
  const lines = order.lines.flatMap((line) => {
    const product = products.find((candidate) => candidate.name === line.name);

    return product
      ? [{ ...product, quantity: line.quantity, total: Number(product.price) * line.quantity }]
      : [];
  });
  const subtotal = lines.reduce((sum, line) => sum + line.total, 0);
  const fee = Number(store.delivery_fee);
  const id = randomUUID();
  const placedAt = new Date(Date.now() - order.daysAgo * 86_400_000);
  await manager.query(
    `INSERT INTO orders (id, order_number, customer_id, customer_name, customer_phone, store_id, status,
                         payment_status, payment_method, subtotal, delivery_fee, total_amount, commission_amount,
                         delivery_address, delivery_lat, delivery_lng, placed_at, paid_at, delivered_at, cash_recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'Avenue de la Libération 45, Lomé, TG',
             6.14, 1.21, $14, $14, CASE WHEN $7::varchar = 'delivered' THEN $14::timestamptz END,
             CASE WHEN $7::varchar = 'delivered' THEN $14::timestamptz END)`,
    [
      id,
      orderNumber(placedAt, 3),
      order.customerId,
      order.customerName,
      order.customerPhone,
      store.id,
      order.status,
      order.paymentStatus,
      order.method,
      subtotal,
      fee,
      subtotal + fee,
      Math.floor(subtotal / 20),
      placedAt,
    ],
  );
  for (const line of lines) {
    await manager.query(
      `INSERT INTO order_items (id, order_id, product_id, name, unit_price, quantity, line_total)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [randomUUID(), id, line.id, line.name, line.price, line.quantity, line.total],
    );
  }
  const path: OrderStatus[] = ['pending', 'confirmed', 'preparing', 'ready', 'out_for_delivery', 'delivered'];
  const steps = path.slice(0, path.indexOf(order.status) + 1);
  for (const [index, status] of steps.entries()) {
    await manager.query(
      `INSERT INTO order_timeline (order_id, from_status, to_status, payment_status, actor_id, actor_role, reason, created_at)
       VALUES ($1, $2, $3, $4, NULL, $5, 'demo', $6)`,
      [
        id,
        index === 0 ? null : steps[index - 1],
        status,
        order.paymentStatus,
        index === 0 ? 'customer' : 'store_owner',
        placedAt,
      ],
    );
  }
}
