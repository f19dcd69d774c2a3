import type {
  AdminStatsView,
  Caller,
  CategoryView,
  OrderPage,
  OrderStatusChangedEvent,
  OrderView,
  PlaceOrderReply,
  PrivacyExportReply,
  ProductView,
  StoreDashboardView,
} from '@ecom/contracts';
import { eventEnvelope, waitFor } from '@ecom/testing';

import { ADMIN, MarketplaceKit, newCaller } from './marketplace-kit';

const ADDRESS = { street: 'Rue des Cocotiers 12', city: 'Lomé' };

describe('marketplace: order lifecycle, payment and store views', () => {
  let kit: MarketplaceKit;
  let category: CategoryView;
  const owner = newCaller('store_owner');

  const buy = async (
    buyer: Caller,
    product: ProductView,
    payment_method = 'wallet',
    quantity = 1,
  ): Promise<OrderView> => {
    const reply = await kit.call<PlaceOrderReply>(
      'marketplace.orders.place',
      { items: [{ product_id: product.id, quantity }], delivery_address: ADDRESS, payment_method },
      buyer,
    );
    const [order] = reply.orders;
    if (!order) throw new Error('no order');

    return order;
  };
  const act = (order: OrderView, action: string, who: Caller): Promise<OrderView> =>
    kit.call('marketplace.orders.update', { id: order.id, action }, who);
  const orderOf = (order: OrderView, who: Caller = ADMIN): Promise<OrderView> =>
    kit.call('marketplace.orders.get', { id: order.id }, who);

  beforeAll(async () => {
    kit = await MarketplaceKit.start({ UNPAID_ORDER_TIMEOUT_SECONDS: '30' });
    category = await kit.category('boissons');
    await kit.store(owner, { name: 'Cave de Bè' });
  });

  afterAll(async () => {
    await kit.stop();
  });

  it('walks an order from pending to delivered, each step in the timeline and an event', async () => {
    const buyer = newCaller();
    const product = await kit.product(owner, category.id);
    const order = await buy(buyer, product);

    for (const action of ['confirm', 'prepare', 'ready', 'out_for_delivery', 'delivered']) {
      await act(order, action, owner);
    }
    const done = await orderOf(order, buyer);
    const events = (await kit.outbox<OrderStatusChangedEvent>('marketplace.order.status_changed')).filter(
      (event) => event.data.order_id === order.id,
    );

    expect(done.status).toBe('delivered');
    expect(done.timeline.map((entry) => [entry.from_status, entry.to_status, entry.actor.role])).toEqual([
      [null, 'pending', 'customer'],
      ['pending', 'pending', 'system'],
      ['pending', 'confirmed', 'store_owner'],
      ['confirmed', 'preparing', 'store_owner'],
      ['preparing', 'ready', 'store_owner'],
      ['ready', 'out_for_delivery', 'store_owner'],
      ['out_for_delivery', 'delivered', 'store_owner'],
    ]);
    expect(
      events.map((event) => [event.data.previous_status, event.data.status, event.data.payment_status]),
    ).toEqual([
      ['pending', 'pending', 'paid'],
      ['pending', 'confirmed', 'paid'],
      ['confirmed', 'preparing', 'paid'],
      ['preparing', 'ready', 'paid'],
      ['ready', 'out_for_delivery', 'paid'],
      ['out_for_delivery', 'delivered', 'paid'],
    ]);
    expect(events[1]?.data.actor).toEqual({ user_id: owner.user_id, role: 'store_owner' });
  });

  it('allows only legal transitions, by the right people', async () => {
    const buyer = newCaller();
    const order = await buy(buyer, await kit.product(owner, category.id));
    const stranger = newCaller('store_owner');
    await kit.store(stranger);

    expect(await kit.codeOf(act(order, 'ready', owner))).toBe('ORDER_INVALID_TRANSITION');
    expect(await kit.codeOf(act(order, 'confirm', buyer))).toBe('FORBIDDEN');
    expect(await kit.codeOf(act(order, 'confirm', stranger))).toBe('ORDER_NOT_FOUND');
    expect(await kit.codeOf(orderOf(order, stranger))).toBe('ORDER_NOT_FOUND');
    expect(await kit.codeOf(orderOf(order, newCaller()))).toBe('ORDER_NOT_FOUND');
    expect(await kit.codeOf(act(order, 'refund', owner))).toBe('FORBIDDEN');
  });

  it('lets the customer cancel before shipping but not after', async () => {
    const buyer = newCaller();
    const product = await kit.product(owner, category.id, { stock_quantity: 5 });
    const early = await buy(buyer, product, 'cash_on_delivery');
    const late = await buy(buyer, product, 'cash_on_delivery');
    for (const action of ['confirm', 'prepare', 'ready', 'out_for_delivery']) await act(late, action, owner);

    const cancelled = await act(early, 'cancel', buyer);

    expect(cancelled.status).toBe('cancelled');
    expect(await kit.codeOf(act(late, 'cancel', buyer))).toBe('ORDER_NOT_CANCELLABLE');
    expect(await kit.stock(product.id)).toBe(4);
  });

  it('restocks once and refunds once when a paid order is cancelled twice at the same time', async () => {
    const buyer = newCaller();
    const product = await kit.product(owner, category.id, { stock_quantity: 5 });
    const order = await buy(buyer, product, 'wallet', 3);

    const answers = await Promise.all([
      act(order, 'cancel', buyer),
      act(order, 'cancel', buyer),
      act(order, 'cancel', owner),
    ]);
    const intent = kit.payments.intentFor(order.id);
    const final = await waitFor(async () => {
      const current = await orderOf(order);

      return current.payment_status === 'refunded' && current;
    });

    expect(answers.map((answer) => answer.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(await kit.stock(product.id)).toBe(5);
    expect(kit.payments.refunds.filter((refund) => refund.intent_id === intent?.id)).toHaveLength(1);
    expect(
      final.timeline.filter((entry) => entry.to_status === 'cancelled' && entry.from_status !== 'cancelled'),
    ).toHaveLength(1);
  });

  it('refunds a delivered order through payment once when an admin refunds it twice', async () => {
    const buyer = newCaller();
    const product = await kit.product(owner, category.id, { stock_quantity: 5 });
    const order = await buy(buyer, product, 'wallet', 2);
    for (const action of ['confirm', 'prepare', 'ready', 'out_for_delivery', 'delivered'])
      await act(order, action, owner);

    const results = await Promise.allSettled([act(order, 'refund', ADMIN), act(order, 'refund', ADMIN)]);
    const refunded = await waitFor(async () => {
      const current = await orderOf(order);

      return current.payment_status === 'refunded' && current;
    });

    expect(results.filter((result) => result.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
    expect(refunded.status).toBe('cancelled');
    expect(
      kit.payments.refunds.filter((refund) => refund.idempotency_key === `order-refund:${order.id}`),
    ).toHaveLength(1);
    expect(await kit.stock(product.id)).toBe(5);
  });

  it('marks a mobile-money order paid on payment.intent.succeeded, once', async () => {
    const buyer = newCaller();
    const order = await buy(buyer, await kit.product(owner, category.id), 'yas');
    const intent = kit.payments.intentFor(order.id);
    if (!intent) throw new Error('no intent');
    const event = {
      intent_id: intent.id,
      purpose: 'order' as const,
      reference_id: order.id,
      reference_label: order.order_number,
      payer_id: buyer.user_id,
      method: 'yas' as const,
      amount: order.total_amount,
      captured_amount: order.total_amount,
      refunded_amount: 0,
      currency: 'XOF' as const,
      reason: null,
      refund_id: null,
      refund_amount: null,
    };

    expect(order.payment).toMatchObject({ method: 'yas', next_action: { type: 'confirm_on_phone' } });
    expect(await kit.codeOf(act(order, 'confirm', owner))).toBe('ORDER_INVALID_TRANSITION');
    await kit.publishPaymentEvent('payment.intent.succeeded', event);
    await kit.publishPaymentEvent('payment.intent.succeeded', event);
    const paid = await waitFor(async () => {
      const current = await orderOf(order);

      return current.payment_status === 'paid' && current;
    });

    expect(paid.timeline.filter((entry) => entry.payment_status === 'paid')).toHaveLength(1);
    expect((await act(order, 'confirm', owner)).status).toBe('confirmed');
  });

  it('cancels a mobile-money order whose payment failed and gives its stock back once', async () => {
    const buyer = newCaller();
    const product = await kit.product(owner, category.id, { stock_quantity: 4 });
    const order = await buy(buyer, product, 'flooz', 2);
    const intent = kit.payments.intentFor(order.id);
    if (!intent) throw new Error('no intent');
    const failed = {
      intent_id: intent.id,
      purpose: 'order' as const,
      reference_id: order.id,
      reference_label: order.order_number,
      payer_id: buyer.user_id,
      method: 'flooz' as const,
      amount: order.total_amount,
      captured_amount: 0,
      refunded_amount: 0,
      currency: 'XOF' as const,
      reason: 'declined by payer',
      refund_id: null,
      refund_amount: null,
    };

    await kit.publishPaymentEvent('payment.intent.failed', failed);
    await kit.publishPaymentEvent('payment.intent.cancelled', failed);
    const cancelled = await waitFor(async () => {
      const current = await orderOf(order);

      return current.status === 'cancelled' && current;
    });

    expect(cancelled.timeline.at(-1)).toMatchObject({
      reason: 'declined by payer',
      actor: { role: 'system' },
    });
    expect(await kit.stock(product.id)).toBe(4);
  });

  it('cancels a provider order still unpaid after the timeout and releases its stock', async () => {
    const buyer = newCaller();
    const product = await kit.product(owner, category.id, { stock_quantity: 3 });
    const order = await buy(buyer, product, 'visa', 3);
    await kit.db.query("UPDATE orders SET payment_due_at = now() - interval '1 second' WHERE id = $1", [
      order.id,
    ]);

    const cancelled = await waitFor(async () => {
      const current = await orderOf(order);

      return current.status === 'cancelled' && current;
    });

    expect(cancelled.timeline.at(-1)?.reason).toBe('unpaid in time');
    expect(await kit.stock(product.id)).toBe(3);
    expect(kit.payments.cancels).toContain(kit.payments.intentFor(order.id)?.id);
  });

  it('lets the customer pay a cash order by wallet instead, cancelling the cash intent', async () => {
    const buyer = newCaller();
    const order = await buy(buyer, await kit.product(owner, category.id), 'cash_on_delivery');
    const cashIntent = kit.payments.intentFor(order.id);

    const paid = await kit.call<OrderView>(
      'marketplace.orders.pay',
      { id: order.id, payment_method: 'wallet' },
      buyer,
    );
    const again = await kit.codeOf(
      kit.call('marketplace.orders.pay', { id: order.id, payment_method: 'wallet' }, buyer),
    );
    const stranger = await kit.codeOf(
      kit.call('marketplace.orders.pay', { id: order.id, payment_method: 'wallet' }, newCaller()),
    );

    expect(paid).toMatchObject({ payment_status: 'paid', payment: { method: 'wallet' } });
    expect(paid.payment.intent_id).not.toBe(cashIntent?.id);
    expect(kit.payments.cancels).toContain(cashIntent?.id);
    expect(again).toBe('ORDER_INVALID_TRANSITION');
    expect(stranger).toBe('ORDER_NOT_FOUND');
  });

  it('records cash collected on delivery with the store as payee and the commission', async () => {
    const buyer = newCaller();
    const order = await buy(
      buyer,
      await kit.product(owner, category.id, { price: 10_000 }),
      'cash_on_delivery',
    );
    for (const action of ['confirm', 'prepare', 'ready', 'out_for_delivery', 'delivered'])
      await act(order, action, owner);

    const paid = await orderOf(order);
    const intent = kit.payments.intentFor(order.id);

    expect(paid.payment_status).toBe('paid');
    expect(kit.payments.cashRecords.filter((record) => record['intent_id'] === intent?.id)).toEqual([
      {
        intent_id: intent?.id,
        amount: 10_500,
        payee: { type: 'store', id: order.store.id },
        commission_amount: 500,
      },
    ]);
  });

  it('shows a store owner only their own orders, a dashboard, and admins every order and the stats', async () => {
    const seller = newCaller('store_owner');
    await kit.store(seller, { name: 'Épicerie Adidogomé' });
    const low = await kit.product(seller, category.id, {
      name: 'Sodabi 1 L',
      price: 5000,
      stock_quantity: 3,
      low_stock_threshold: 2,
    });
    const buyer = newCaller();
    const order = await buy(buyer, low, 'wallet', 2);

    const received = await kit.call<OrderPage>('marketplace.store-orders.list', {}, seller);
    const dashboard = await kit.call<StoreDashboardView>(
      'marketplace.store.dashboard',
      { days: '7' },
      seller,
    );
    const all = await kit.call<OrderPage>(
      'marketplace.admin.orders.list',
      { customer_id: buyer.user_id },
      ADMIN,
    );
    const stats = await kit.call<AdminStatsView>('marketplace.admin.stats', {}, ADMIN);
    const mine = await kit.call<OrderPage>('marketplace.orders.list', {}, buyer);

    expect(received.items.map((item) => item.id)).toEqual([order.id]);
    expect(dashboard).toMatchObject({
      today: { orders: 1, revenue: 10_500 },
      period: { days: 7, orders: 1, revenue: 10_500, by_status: { pending: 1 } },
      low_stock: [{ id: low.id, name: 'Sodabi 1 L', stock_quantity: 1, low_stock_threshold: 2 }],
    });
    expect(all.items.map((item) => item.id)).toEqual([order.id]);
    expect(mine.items.map((item) => item.id)).toEqual([order.id]);
    expect(stats.revenue.total).toBeGreaterThanOrEqual(10_500);
    expect(stats.top_products.length).toBeGreaterThan(0);
    expect(await kit.codeOf(kit.call('marketplace.admin.stats', {}, seller))).toBe('FORBIDDEN');
    expect(await kit.codeOf(kit.call('marketplace.store-orders.list', {}, buyer))).toBe('FORBIDDEN');
  });

  it('exports a user’s orders and cart, and anonymises their orders when auth erases them', async () => {
    const buyer = newCaller();
    const product = await kit.product(owner, category.id);
    const order = await buy(buyer, product, 'cash_on_delivery');
    await kit.call('marketplace.cart.add-item', { product_id: product.id, quantity: 1 }, buyer);

    const exported = await kit.call<PrivacyExportReply>('marketplace.privacy.export', {
      user_id: buyer.user_id,
    });
    await kit.bus.publishEvent(eventEnvelope('auth.user.erased', { user_id: buyer.user_id }));
    const erased = await waitFor(async () => {
      const current = await orderOf(order);

      return current.customer.phone === '' && current;
    });

    expect((exported.data['orders'] as OrderView[]).map((item) => item.id)).toEqual([order.id]);
    expect(exported.data['cart']).toMatchObject({ item_count: 1 });
    expect(erased).toMatchObject({
      customer: { name: '', phone: '' },
      delivery_address: '',
      status: 'pending',
    });
  });
});
