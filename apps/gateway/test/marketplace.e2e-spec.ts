import { randomUUID } from 'node:crypto';

import type {
  CartView,
  CategoryView,
  OrderView,
  PlaceOrderReply,
  ProductPage,
  ProductView,
  StoreView,
  WalletBalanceView,
} from '@ecom/contracts';
import type { RequestContext } from '@ecom/platform';
import {
  apiClient,
  JOURNEY_SETTINGS,
  PlatformProcesses,
  responseBody,
  TestBus,
  TestEnvironment,
  waitFor,
  type ApiCallOptions,
} from '@ecom/testing';

const ACCOUNTS = {
  admin: { phone: '+22890000001', password: 'Akwaba-Lome-2025!' },
  client: { phone: '+22890000002', password: 'Kpalime-Market-25!' },
  ownerBe: { phone: '+22890000005', password: 'Boutique-Be-25!' },
  ownerTokoin: { phone: '+22890000006', password: 'Marche-Tokoin-25!' },
};

const ADDRESS = { street: 'Rue des Cocotiers 12', city: 'Lomé' };

/**
 * The marketplace through the gateway, the whole platform running as processes from dist/ with its demo
 * data: auth, wallet and payment are the real services. The buyer's wallet is funded as a confirmed
 * recharge would fund it, by `wallet.ops.credit` on the bus.
 */
describe('marketplace through the gateway', () => {
  let environment: TestEnvironment;
  let platform: PlatformProcesses;
  let bus: TestBus;
  const tokens = new Map<keyof typeof ACCOUNTS, string>();
  let buyerId = '';

  const call = apiClient(() => `${platform.url}/api/v1`);
  const as = (who: keyof typeof ACCOUNTS, path: string, options: ApiCallOptions = {}): Promise<Response> =>
    call(path, { ...options, token: tokens.get(who) });
  const codeOf = async (response: Response, status: number): Promise<string> =>
    (await responseBody<{ code: string }>(response, status)).code;

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    bus = await TestBus.connect(environment);
    platform = await PlatformProcesses.start(environment, {
      ...JOURNEY_SETTINGS,
      EVENT_BACKOFF_MS: '200,500,1000,2000',
    });
    for (const [name, account] of Object.entries(ACCOUNTS)) {
      const session = await responseBody<{ access_token: string; user: { id: string } }>(
        await call('/auth/login', { json: account }),
        200,
      );
      tokens.set(name as keyof typeof ACCOUNTS, session.access_token);
      if (name === 'client') buyerId = session.user.id;
    }
    // The demo stores open when the marketplace hears of the demo owners' accounts.
    await waitFor(
      async () => {
        const response = await call('/stores');

        return response.ok && ((await response.json()) as { items: unknown[] }).items.length === 3;
      },
      { timeoutMs: 30_000, what: 'the three demo stores' },
    );
  });

  afterAll(async () => {
    await bus.close();
    await platform.close();
    await environment.destroy();
  });

  it('serves the public catalogue with ETags: 304 when unchanged, a new tag after a change', async () => {
    const products = await responseBody<ProductPage>(
      await call('/products?search=fut%20chene&in_stock=true'),
      200,
    );
    const barrel = products.items[0];
    if (!barrel) throw new Error('no barrel');
    const first = await call(`/products/${barrel.id}`);
    const etag = first.headers.get('etag') ?? '';
    const again = await call(`/products/${barrel.id}`, { headers: { 'If-None-Match': etag } });
    const categories = await call('/categories');

    expect(barrel.name).toMatch(/fût de chêne/i);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(categories.headers.get('etag')).toMatch(/^W\//);

    const mine = await responseBody<ProductPage>(await as('ownerBe', '/store/products?limit=1'), 200);
    const own = mine.items[0];
    if (!own) throw new Error('no product');
    const before = (await call(`/products/${own.id}`)).headers.get('etag') ?? '';
    await responseBody(
      await as('ownerBe', `/store/products/${own.id}/stock`, { method: 'PATCH', json: { delta: 1 } }),
      200,
    );
    const after = await call(`/products/${own.id}`, { headers: { 'If-None-Match': before } });

    expect(after.status).toBe(200);
  });

  it('keeps store owners to their own store and clients out of store routes', async () => {
    const theirs = await responseBody<ProductPage>(await as('ownerBe', '/store/products?limit=1'), 200);
    const product = theirs.items[0];
    if (!product) throw new Error('no product');

    expect(
      await codeOf(
        await as('ownerTokoin', `/store/products/${product.id}`, { method: 'PUT', json: { price: 1 } }),
        404,
      ),
    ).toBe('PRODUCT_NOT_FOUND');
    expect(
      await codeOf(
        await as('ownerTokoin', `/store/products/${product.id}/stock`, {
          method: 'PATCH',
          json: { stock_quantity: 0 },
        }),
        404,
      ),
    ).toBe('PRODUCT_NOT_FOUND');
    expect(
      await codeOf(await as('ownerTokoin', `/store/products/${product.id}`, { method: 'DELETE' }), 404),
    ).toBe('PRODUCT_NOT_FOUND');
    expect(await codeOf(await as('client', '/store/products'), 403)).toBe('FORBIDDEN');
    expect(await codeOf(await as('client', '/store/orders'), 403)).toBe('FORBIDDEN');
    expect(await codeOf(await as('client', '/store', { json: {} }), 403)).toBe('FORBIDDEN');
    expect(await codeOf(await as('client', '/admin/orders'), 403)).toBe('FORBIDDEN');
    expect(await codeOf(await call('/cart'), 401)).toBe('UNAUTHENTICATED');
  });

  it('checks out a cart once per Idempotency-Key, then the store moves the order to delivered and collects cash', async () => {
    const { items } = await responseBody<ProductPage>(await as('ownerBe', '/store/products?limit=3'), 200);
    const [first, second] = items as [ProductView, ProductView];
    await responseBody(await as('client', '/cart'), 200);
    await responseBody(await as('client', '/cart', { method: 'DELETE' }), 200);
    await responseBody(
      await as('client', '/cart/items', { json: { product_id: first.id, quantity: 2 } }),
      201,
    );
    const cart = await responseBody<CartView>(
      await as('client', '/cart/items', { json: { product_id: second.id, quantity: 2 } }),
      201,
    );
    const key = randomUUID();
    const body = { delivery_address: ADDRESS, payment_method: 'cash_on_delivery' };

    const placed = await responseBody<PlaceOrderReply>(
      await as('client', '/orders', { json: body, headers: { 'Idempotency-Key': key } }),
      201,
    );
    const replayed = await responseBody<PlaceOrderReply>(
      await as('client', '/orders', { json: body, headers: { 'Idempotency-Key': key } }),
      201,
    );
    const order = placed.orders[0];
    if (!order) throw new Error('no order');

    expect(cart.stores).toHaveLength(1);
    expect(placed.orders).toHaveLength(1);
    expect(replayed.orders.map((each) => each.id)).toEqual([order.id]);
    expect(order).toMatchObject({
      status: 'pending',
      total_amount: cart.total_amount,
      store: { name: 'Boutique Bè' },
    });
    expect(await codeOf(await as('ownerTokoin', `/orders/${order.id}`), 404)).toBe('ORDER_NOT_FOUND');
    expect(
      await codeOf(
        await as('ownerTokoin', `/orders/${order.id}`, { method: 'PUT', json: { action: 'confirm' } }),
        404,
      ),
    ).toBe('ORDER_NOT_FOUND');

    for (const action of ['confirm', 'prepare', 'ready', 'out_for_delivery']) {
      await responseBody(
        await as('ownerBe', `/orders/${order.id}`, { method: 'PUT', json: { action } }),
        200,
      );
    }
    expect(
      await codeOf(
        await as('client', `/orders/${order.id}`, { method: 'PUT', json: { action: 'cancel' } }),
        409,
      ),
    ).toBe('ORDER_NOT_CANCELLABLE');
    const delivered = await responseBody<OrderView>(
      await as('ownerBe', `/orders/${order.id}`, { method: 'PUT', json: { action: 'delivered' } }),
      200,
    );
    const received = await responseBody<{ items: OrderView[] }>(
      await as('ownerBe', '/store/orders?status=delivered'),
      200,
    );

    expect(delivered).toMatchObject({ status: 'delivered', payment_status: 'paid' });
    expect(delivered.timeline.map((entry) => entry.to_status)).toEqual([
      'pending',
      'confirmed',
      'preparing',
      'ready',
      'out_for_delivery',
      'delivered',
      'delivered',
    ]);
    expect(received.items.map((each) => each.id)).toContain(order.id);
  });

  it('pays by wallet at once, and a cancel sent twice gives the stock back and the money back once', async () => {
    const requestId = randomUUID();
    const context: RequestContext = { requestId, correlationId: requestId };
    await bus.client.request(
      'wallet.ops.credit',
      {
        user_id: buyerId,
        amount: 50_000,
        category: 'recharge',
        funding_provider: 'yas',
        idempotency_key: randomUUID(),
      },
      { context },
    );
    const balance = async (): Promise<number> =>
      (await responseBody<WalletBalanceView>(await as('client', '/wallet/balance'), 200)).available_balance;
    const before = await balance();
    const { items } = await responseBody<ProductPage>(await call('/products?search=sodabi'), 200);
    const sodabi = items[0];
    if (!sodabi) throw new Error('no sodabi');
    const { orders } = await responseBody<PlaceOrderReply>(
      await as('client', '/orders', {
        json: {
          items: [{ product_id: sodabi.id, quantity: 1 }],
          delivery_address: ADDRESS,
          payment_method: 'wallet',
        },
        headers: { 'Idempotency-Key': randomUUID() },
      }),
      201,
    );
    const order = orders[0];
    if (!order) throw new Error('no order');
    const paidBalance = await balance();

    const cancels = await Promise.all([
      as('client', `/orders/${order.id}`, { method: 'PUT', json: { action: 'cancel' } }),
      as('client', `/orders/${order.id}`, { method: 'PUT', json: { action: 'cancel' } }),
    ]);
    const refunded = await waitFor(async () => {
      const current = await responseBody<OrderView>(await as('client', `/orders/${order.id}`), 200);

      return current.payment_status === 'refunded' && current;
    });
    const after = await responseBody<ProductView>(await call(`/products/${sodabi.id}`), 200);

    expect(order).toMatchObject({ payment_status: 'paid', payment: { method: 'wallet' } });
    expect(paidBalance).toBe(before - order.total_amount);
    expect(cancels.map((response) => response.status)).toEqual([200, 200]);
    expect(refunded.status).toBe('cancelled');
    expect(await balance()).toBe(before);
    expect(after.stock_quantity).toBe(sodabi.stock_quantity);
  });

  it('refuses a wallet checkout the wallet cannot pay, and keeps the stock', async () => {
    const { items } = await responseBody<ProductPage>(
      await call('/products?search=fut%20chene&in_stock=true'),
      200,
    );
    const barrel = items[0];
    if (!barrel) throw new Error('no barrel');
    const refused = await as('client', '/orders', {
      json: {
        items: [{ product_id: barrel.id, quantity: 1 }],
        delivery_address: ADDRESS,
        payment_method: 'wallet',
      },
    });
    const after = await responseBody<ProductView>(await call(`/products/${barrel.id}`), 200);

    // 180 000 F CFA is over both the balance and a new wallet's single-payment limit: either refusal is right.
    expect(['WALLET_INSUFFICIENT_FUNDS', 'WALLET_LIMIT_EXCEEDED']).toContain(await codeOf(refused, 422));
    expect(after.stock_quantity).toBe(barrel.stock_quantity);
  });

  it('answers bad input with clear problem codes', async () => {
    const { items } = await responseBody<ProductPage>(await call('/products?limit=1'), 200);
    const product = items[0];
    if (!product) throw new Error('no product');
    const order = (lines: unknown): Promise<Response> =>
      as('client', '/orders', {
        json: { items: lines, delivery_address: ADDRESS, payment_method: 'cash_on_delivery' },
      });
    const category = (await responseBody<{ items: CategoryView[] }>(await call('/categories'), 200)).items[0];

    expect(await codeOf(await order([{ product_id: product.id, quantity: -1 }]), 400)).toBe(
      'VALIDATION_FAILED',
    );
    expect(await codeOf(await order([{ product_id: randomUUID(), quantity: 1 }]), 404)).toBe(
      'PRODUCT_NOT_FOUND',
    );
    expect(
      await codeOf(
        await order(Array.from({ length: 1000 }, () => ({ product_id: randomUUID(), quantity: 1 }))),
        400,
      ),
    ).toBe('ORDER_TOO_MANY_ITEMS');
    expect(
      await codeOf(
        await as('ownerBe', '/store/products', {
          json: { category_id: category?.id, name: 'Gari', price: 999.5, stock_quantity: 1 },
        }),
        400,
      ),
    ).toBe('VALIDATION_FAILED');
    expect(await codeOf(await call('/products/not-a-uuid'), 400)).toBe('MALFORMED_REQUEST');
    expect(await codeOf(await call('/products?sort=cheapest'), 400)).toBe('VALIDATION_FAILED');
  });

  it('lets an admin list every order, read the stats and deactivate a store', async () => {
    const store = await responseBody<StoreView>(await as('ownerTokoin', '/store'), 200);
    const orders = await responseBody<{ items: OrderView[] }>(
      await as('admin', '/admin/orders?limit=5'),
      200,
    );
    const stats = await responseBody<{ orders_by_status: Record<string, number> }>(
      await as('admin', '/admin/stats'),
      200,
    );
    const deactivated = await responseBody<StoreView>(
      await as('admin', `/admin/stores/${store.id}`, { method: 'PUT', json: { is_active: false } }),
      200,
    );

    expect(orders.items.length).toBeGreaterThan(0);
    expect(stats.orders_by_status['delivered']).toBeGreaterThan(0);
    expect(deactivated.is_active).toBe(false);
    expect(await codeOf(await call(`/stores/${store.id}`), 404)).toBe('STORE_NOT_FOUND');
  });
});
