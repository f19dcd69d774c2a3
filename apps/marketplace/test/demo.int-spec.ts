import { randomUUID } from 'node:crypto';

import type { CartView, OrderPage, ProductPage, StorePage } from '@ecom/contracts';
import { eventEnvelope, waitFor } from '@ecom/testing';

import { MarketplaceKit } from './marketplace-kit';

const ACCOUNTS = [
  { phone: '+22890000002', role: 'client' },
  { phone: '+22890000003', role: 'client' },
  { phone: '+22890000005', role: 'store_owner' },
  { phone: '+22890000006', role: 'store_owner' },
  { phone: '+22890000007', role: 'store_owner' },
] as const;

describe('marketplace: demo data', () => {
  let kit: MarketplaceKit;
  const ids = new Map(ACCOUNTS.map((account) => [account.phone, randomUUID()]));

  beforeAll(async () => {
    kit = await MarketplaceKit.start({ LOAD_DEMO_DATA: 'true', EVENT_BACKOFF_MS: '100,200,400,800' });
  });

  afterAll(async () => {
    await kit.stop();
  });

  it('opens three stores in Lomé with their products, and gives the demo clients orders and a cart', async () => {
    // Auth registers its demo clients before its store owners; each registration is announced twice here.
    for (const account of [...ACCOUNTS, ...ACCOUNTS]) {
      await kit.bus.publishEvent(
        eventEnvelope('auth.user.registered', {
          user_id: ids.get(account.phone),
          user_type: account.role,
          roles: [account.role],
          phone: account.phone,
          first_name: 'Demo',
        }),
      );
    }
    const client = { user_id: ids.get('+22890000002') ?? '', roles: ['client' as const] };
    const b2b = { user_id: ids.get('+22890000003') ?? '', roles: ['client' as const] };

    const orders = await waitFor(
      async () => {
        const page = await kit.call<OrderPage>('marketplace.orders.list', {}, client);

        return page.items.length > 0 && page;
      },
      { timeoutMs: 20_000, what: 'the demo orders' },
    );
    const cart = await waitFor(async () => {
      const current = await kit.call<CartView>('marketplace.cart.get', {}, b2b);

      return current.item_count > 0 && current;
    });
    const stores = await kit.call<StorePage>('marketplace.stores.list', {});
    const barrels = await kit.call<ProductPage>('marketplace.products.search', {
      search: 'fut chene',
      limit: 100,
    });
    const [products] = await kit.db.query<{ count: number }[]>('SELECT count(*)::int AS count FROM products');
    const { items: categories } = await kit.call<{ items: { slug: string; icon: string }[] }>(
      'marketplace.categories.list',
      {},
    );

    expect(stores.items.map((store) => store.name).sort()).toEqual([
      'Boutique Bè',
      'Marché de Tokoin',
      'Tonnellerie du Golfe',
    ]);
    expect(products?.count).toBeGreaterThanOrEqual(45);
    expect(barrels.items.length).toBeGreaterThanOrEqual(5);
    expect(categories.find((category) => category.slug === 'futs')?.icon).toBe('🛢️');
    expect(orders.items.map((order) => [order.status, order.payment_status]).sort()).toEqual([
      ['delivered', 'paid'],
      ['preparing', 'paid'],
    ]);
    expect(cart.stores).toHaveLength(2);
  });
});
