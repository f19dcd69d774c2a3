import { randomUUID } from 'node:crypto';

import type { CartView, CategoryView, OrderPlacedEvent, OrderView, PlaceOrderReply } from '@ecom/contracts';

import { DomainError } from '@ecom/platform';

import { MarketplaceKit, newCaller } from './marketplace-kit';

const ADDRESS = { street: 'Rue des Cocotiers 12', city: 'Lomé', details: 'près du marché de Bè' };

describe('marketplace: cart and checkout', () => {
  let kit: MarketplaceKit;
  let category: CategoryView;
  const owner = newCaller('store_owner');
  const otherOwner = newCaller('store_owner');

  const place = (
    buyer: ReturnType<typeof newCaller>,
    body: Record<string, unknown>,
    key?: string,
  ): Promise<PlaceOrderReply> =>
    kit.call(
      'marketplace.orders.place',
      { delivery_address: ADDRESS, payment_method: 'cash_on_delivery', ...body },
      buyer,
      key,
    );

  beforeAll(async () => {
    kit = await MarketplaceKit.start();
    category = await kit.category('epicerie');
    await kit.store(owner, { name: 'Boutique Bè', delivery_fee: 500, phone: '+22890111111' });
    await kit.store(otherOwner, { name: 'Boutique Tokoin', delivery_fee: 1000 });
  });

  afterAll(async () => {
    await kit.stop();
  });

  it('groups the cart by store with current prices, delivery fees and totals', async () => {
    const buyer = newCaller();
    const rice = await kit.product(owner, category.id, { price: 2500, stock_quantity: 5 });
    const oil = await kit.product(otherOwner, category.id, { price: 1200, stock_quantity: 5 });
    await kit.call('marketplace.cart.add-item', { product_id: rice.id, quantity: 2 }, buyer);
    await kit.call('marketplace.cart.add-item', { product_id: oil.id, quantity: 1 }, buyer);
    await kit.call('marketplace.store-products.update', { id: rice.id, price: 3000 }, owner);
    const cart = await kit.call<CartView>('marketplace.cart.get', {}, buyer);
    const tooMany = await kit.codeOf(
      kit.call('marketplace.cart.add-item', { product_id: oil.id, quantity: 5 }, buyer),
    );

    expect(cart).toMatchObject({ item_count: 3, subtotal: 7200, delivery_fee: 1500, total_amount: 8700 });
    expect(cart.stores.map((group) => [group.store.name, group.subtotal, group.total])).toEqual([
      ['Boutique Bè', 6000, 6500],
      ['Boutique Tokoin', 1200, 2200],
    ]);
    expect(tooMany).toBe('ORDER_OUT_OF_STOCK');
  });

  it('lets 20 buyers race for the last 5 units: exactly 5 orders, stock 0, the rest told which product ran out', async () => {
    const last = await kit.product(owner, category.id, {
      name: 'Fût de chêne 225 L',
      price: 180_000,
      stock_quantity: 5,
    });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => place(newCaller(), { items: [{ product_id: last.id, quantity: 1 }] })),
    );
    const refusals = results.flatMap((result) =>
      result.status === 'rejected' && result.reason instanceof DomainError ? [result.reason] : [],
    );
    const [orders] = await kit.db.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM order_items WHERE product_id = $1',
      [last.id],
    );

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(5);
    expect(orders?.count).toBe(5);
    expect(await kit.stock(last.id)).toBe(0);
    expect(refusals).toHaveLength(15);
    for (const refusal of refusals) {
      expect(refusal.code).toBe('ORDER_OUT_OF_STOCK');
      expect(refusal.message).toContain('Fût de chêne 225 L');
      expect(refusal.details).toMatchObject({ product_id: last.id });
    }
  });

  it('turns a cart from two stores into two orders, each with its lines, fee and event for the seller', async () => {
    const buyer = newCaller();
    const rice = await kit.product(owner, category.id, {
      name: 'Riz parfumé 5 kg',
      price: 4000,
      stock_quantity: 9,
    });
    const oil = await kit.product(otherOwner, category.id, {
      name: 'Huile rouge 1 L',
      price: 1500,
      stock_quantity: 9,
    });
    await kit.call('marketplace.cart.add-item', { product_id: rice.id, quantity: 2 }, buyer);
    await kit.call('marketplace.cart.add-item', { product_id: oil.id, quantity: 3 }, buyer);

    const { orders } = await place(buyer, { special_instructions: 'Appeler en arrivant' });
    const cart = await kit.call<CartView>('marketplace.cart.get', {}, buyer);
    const placed = (await kit.outbox<OrderPlacedEvent>('marketplace.order.placed')).filter((event) =>
      orders.some((order) => order.id === event.data.order_id),
    );

    expect(orders).toHaveLength(2);
    const bySore = Object.fromEntries(orders.map((order) => [order.store.name, order]));
    expect(bySore['Boutique Bè']).toMatchObject({
      status: 'pending',
      payment_status: 'pending',
      subtotal: 8000,
      delivery_fee: 500,
      total_amount: 8500,
      items: [
        { product_id: rice.id, name: 'Riz parfumé 5 kg', unit_price: 4000, quantity: 2, line_total: 8000 },
      ],
    });
    expect(bySore['Boutique Tokoin']).toMatchObject({
      subtotal: 4500,
      delivery_fee: 1000,
      total_amount: 5500,
    });
    for (const order of orders) expect(order.order_number).toMatch(/^EC-\d{4}-[0-9A-Z]{4}$/);
    expect(cart.stores).toEqual([]);
    expect([await kit.stock(rice.id), await kit.stock(oil.id)]).toEqual([7, 6]);
    const riceEvent = placed.find((event) => event.data.store.name === 'Boutique Bè');
    expect(riceEvent?.data).toMatchObject({
      store: { id: bySore['Boutique Bè']?.store.id, owner_id: owner.user_id, phone: '+22890111111' },
      customer: { user_id: buyer.user_id, name: 'Kossi Mensah', phone: '+22891234567' },
      items: [{ name: 'Riz parfumé 5 kg', quantity: 2, unit_price: 4000, line_total: 8000 }],
      total_amount: 8500,
      currency: 'XOF',
      delivery_address: 'Rue des Cocotiers 12, près du marché de Bè, Lomé, TG',
      special_instructions: 'Appeler en arrivant',
      payment_method: 'cash_on_delivery',
    });
    expect(riceEvent?.data.manage_url).toContain(bySore['Boutique Bè']?.id);
    expect(placed).toHaveLength(2);
  });

  it('creates nothing when one line of a two-store checkout is out of stock', async () => {
    const buyer = newCaller();
    const plenty = await kit.product(owner, category.id, { price: 1000, stock_quantity: 10 });
    const scarce = await kit.product(otherOwner, category.id, {
      name: 'Gari 1 kg',
      price: 1000,
      stock_quantity: 1,
    });
    const [before] = await kit.db.query<{ count: number }[]>('SELECT count(*)::int AS count FROM orders');

    const refused = await kit.errorOf(
      place(buyer, {
        items: [
          { product_id: plenty.id, quantity: 3 },
          { product_id: scarce.id, quantity: 2 },
        ],
      }),
    );
    const [after] = await kit.db.query<{ count: number }[]>('SELECT count(*)::int AS count FROM orders');

    expect(refused.code).toBe('ORDER_OUT_OF_STOCK');
    expect(refused.details).toMatchObject({ product_id: scarce.id, product_name: 'Gari 1 kg', available: 1 });
    expect(after?.count).toBe(before?.count);
    expect([await kit.stock(plenty.id), await kit.stock(scarce.id)]).toEqual([10, 1]);
  });

  it('answers a retried checkout with the same orders, and a reused key with another body with a conflict', async () => {
    const buyer = newCaller();
    const product = await kit.product(owner, category.id, { stock_quantity: 10 });
    const key = randomUUID();
    const body = { items: [{ product_id: product.id, quantity: 2 }] };

    const [first, second] = await Promise.all([place(buyer, body, key), place(buyer, body, key)]);
    const third = await place(buyer, body, key);
    const reused = await kit.codeOf(place(buyer, { items: [{ product_id: product.id, quantity: 1 }] }, key));

    expect(second.orders.map((order) => order.id)).toEqual(first.orders.map((order) => order.id));
    expect(third.orders.map((order) => order.id)).toEqual(first.orders.map((order) => order.id));
    expect(await kit.stock(product.id)).toBe(8);
    expect(reused).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('delivers to a saved address asked of auth as the caller, and refuses an address that is not theirs', async () => {
    const buyer = newCaller();
    const product = await kit.product(owner, category.id);
    const addressId = randomUUID();
    kit.addresses.set(buyer.user_id, [
      {
        id: addressId,
        label: 'Maison',
        street: 'Avenue de la Libération 45',
        city: 'Lomé',
        zip_code: null,
        country: 'TG',
        location: { lat: 6.14, lng: 1.21 },
        is_default: true,
        created_at: new Date().toISOString(),
      },
    ]);
    const items = [{ product_id: product.id, quantity: 1 }];

    const { orders } = await kit.call<PlaceOrderReply>(
      'marketplace.orders.place',
      { items, delivery_address_id: addressId, payment_method: 'cash_on_delivery' },
      buyer,
    );
    const foreign = await kit.codeOf(
      kit.call(
        'marketplace.orders.place',
        { items, delivery_address_id: addressId, payment_method: 'cash_on_delivery' },
        newCaller(),
      ),
    );

    expect(orders[0]).toMatchObject({
      delivery_address: 'Avenue de la Libération 45, Lomé, TG',
      delivery_location: { lat: 6.14, lng: 1.21 },
    });
    expect(foreign).toBe('ADDRESS_NOT_FOUND');
  });

  it('answers bad checkouts with clear codes', async () => {
    const buyer = newCaller();
    const product = await kit.product(owner, category.id);
    const line = (quantity: number, productId = product.id): Record<string, unknown> => ({
      items: [{ product_id: productId, quantity }],
    });

    expect(await kit.codeOf(place(buyer, line(-1)))).toBe('VALIDATION_FAILED');
    expect(await kit.codeOf(place(buyer, line(1.5)))).toBe('VALIDATION_FAILED');
    expect(await kit.codeOf(place(buyer, line(1, randomUUID())))).toBe('PRODUCT_NOT_FOUND');
    expect(await kit.codeOf(place(buyer, line(1000)))).toBe('ORDER_TOO_MANY_ITEMS');
    expect(
      await kit.codeOf(
        place(buyer, {
          items: Array.from({ length: 1000 }, () => ({ product_id: randomUUID(), quantity: 1 })),
        }),
      ),
    ).toBe('ORDER_TOO_MANY_ITEMS');
    expect(await kit.codeOf(place(buyer, {}))).toBe('CART_EMPTY');
    expect(await kit.codeOf(place(buyer, { ...line(1), payment_method: 'bitcoin' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await kit.codeOf(place(buyer, { ...line(1), delivery_address: undefined }))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('enforces the store minimum', async () => {
    const picky = newCaller('store_owner');
    await kit.store(picky, { min_order_amount: 10_000 });
    const product = await kit.product(picky, category.id, { price: 2000 });

    const refused = await kit.errorOf(
      place(newCaller(), { items: [{ product_id: product.id, quantity: 2 }] }),
    );

    expect(refused.code).toBe('ORDER_BELOW_MINIMUM');
    expect(await kit.stock(product.id)).toBe(10);
  });

  it('pays a wallet order at once, and cancels every order of a checkout the wallet cannot pay', async () => {
    const buyer = newCaller();
    const product = await kit.product(owner, category.id, { price: 3000 });
    const { orders } = await place(buyer, {
      items: [{ product_id: product.id, quantity: 1 }],
      payment_method: 'wallet',
    });
    const intent = kit.payments.intentFor(orders[0]?.id ?? '');

    const broke = newCaller();
    kit.payments.brokePayers.add(broke.user_id);
    const refused = await kit.codeOf(
      place(broke, { items: [{ product_id: product.id, quantity: 2 }], payment_method: 'wallet' }),
    );
    const [cancelled] = await kit.db.query<OrderView[]>('SELECT status FROM orders WHERE customer_id = $1', [
      broke.user_id,
    ]);

    expect(orders[0]).toMatchObject({
      payment_status: 'paid',
      payment: { method: 'wallet', intent_id: intent?.id },
    });
    expect(intent?.request).toMatchObject({
      purpose: 'order',
      method: 'wallet',
      capture: 'immediate',
      amount: 3500,
      payee: { type: 'store', id: orders[0]?.store.id },
      commission_amount: 150,
    });
    expect(refused).toBe('WALLET_INSUFFICIENT_FUNDS');
    expect(cancelled?.status).toBe('cancelled');
    expect(await kit.stock(product.id)).toBe(9);
  });

  it('limits checkout attempts per user', async () => {
    const limited = await MarketplaceKit.start({ ORDER_ATTEMPTS_PER_MINUTE: '2' });
    try {
      const buyer = newCaller();
      const attempt = (): Promise<unknown> =>
        limited.call(
          'marketplace.orders.place',
          { delivery_address: ADDRESS, payment_method: 'wallet' },
          buyer,
        );

      expect([
        await limited.codeOf(attempt()),
        await limited.codeOf(attempt()),
        await limited.codeOf(attempt()),
      ]).toEqual(['CART_EMPTY', 'CART_EMPTY', 'RATE_LIMITED']);
    } finally {
      await limited.stop();
    }
  });
});
