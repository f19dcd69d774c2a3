import type { CategoryView, ProductPage, ProductView, StorePage, StoreView } from '@ecom/contracts';

import { ADMIN, ALWAYS_OPEN, LOME, MarketplaceKit, newCaller } from './marketplace-kit';

describe('marketplace: categories, stores, products and search', () => {
  let kit: MarketplaceKit;
  let barrels: CategoryView;
  const owner = newCaller('store_owner');
  let store: StoreView;

  const search = (query: Record<string, unknown>): Promise<ProductPage> =>
    kit.call('marketplace.products.search', query);

  beforeAll(async () => {
    kit = await MarketplaceKit.start();
    barrels = await kit.category('futs');
    store = await kit.store(owner, { name: 'Millésime Lomé' });
  });

  afterAll(async () => {
    await kit.stop();
  });

  describe('categories', () => {
    it('lets an admin create, rename and delete a category, and refuses a slug already used', async () => {
      const created = await kit.call<CategoryView>(
        'marketplace.categories.create',
        { name: 'Épicerie', slug: 'epicerie', icon: '🥫' },
        ADMIN,
      );
      const renamed = await kit.call<CategoryView>(
        'marketplace.categories.update',
        { id: created.id, name: 'Épicerie fine' },
        ADMIN,
      );
      const taken = await kit.codeOf(
        kit.call('marketplace.categories.create', { name: 'Autre', slug: 'epicerie', icon: '🥫' }, ADMIN),
      );
      const listed = await kit.call<{ items: CategoryView[] }>('marketplace.categories.list', {});
      await kit.call('marketplace.categories.delete', { id: created.id }, ADMIN);
      const after = await kit.call<{ items: CategoryView[] }>('marketplace.categories.list', {});

      expect(renamed).toMatchObject({ name: 'Épicerie fine', slug: 'epicerie', icon: '🥫' });
      expect(taken).toBe('CATEGORY_SLUG_TAKEN');
      expect(listed.items.map((category) => category.slug)).toContain('epicerie');
      expect(after.items.map((category) => category.slug)).not.toContain('epicerie');
    });

    it('refuses category changes to anyone but an admin', async () => {
      expect(
        await kit.codeOf(
          kit.call(
            'marketplace.categories.create',
            { name: 'X', slug: 'x', icon: 'x' },
            newCaller('store_owner'),
          ),
        ),
      ).toBe('FORBIDDEN');
    });
  });

  describe('stores', () => {
    it('gives a store owner one store, computes whether it is open, and lists stores by distance', async () => {
      const second = newCaller('store_owner');
      const closed = await kit.store(second, {
        name: 'Boutique Kpalimé',
        location: { lat: 6.9, lng: 0.63 },
        business_hours: {},
      });
      const again = await kit.codeOf(kit.store(second));
      const near = await kit.call<StorePage>('marketplace.stores.list', {
        lat: String(LOME.lat),
        lng: String(LOME.lng),
        sort: 'distance',
        limit: 1,
      });
      const next = await kit.call<StorePage>('marketplace.stores.list', {
        lat: LOME.lat,
        lng: LOME.lng,
        sort: 'distance',
        limit: 1,
        cursor: near.next_cursor,
      });

      expect(again).toBe('STORE_ALREADY_EXISTS');
      expect(store.is_open_now).toBe(true);
      expect(closed.is_open_now).toBe(false);
      expect(near.items[0]).toMatchObject({ id: store.id, distance_m: 0 });
      expect(next.items[0]?.id).toBe(closed.id);
      expect(next.items[0]?.distance_m).toBeGreaterThan(80_000);
    });

    it('lets an admin deactivate a store: it leaves the public catalogue', async () => {
      const someone = newCaller('store_owner');
      const gone = await kit.store(someone, { business_hours: ALWAYS_OPEN });
      await kit.call('marketplace.stores.set-active', { id: gone.id, is_active: false }, ADMIN);

      expect(await kit.codeOf(kit.call('marketplace.stores.get', { id: gone.id }))).toBe('STORE_NOT_FOUND');
      expect(
        await kit.codeOf(
          kit.call('marketplace.stores.set-active', { id: gone.id, is_active: true }, someone),
        ),
      ).toBe('FORBIDDEN');
    });

    it('updates only the caller’s own store', async () => {
      const updated = await kit.call<StoreView>('marketplace.store.update', { delivery_fee: 700 }, owner);

      expect(updated).toMatchObject({ id: store.id, delivery_fee: 700 });
      expect(await kit.codeOf(kit.call('marketplace.store.get', {}, newCaller('store_owner')))).toBe(
        'STORE_NOT_FOUND',
      );
    });
  });

  describe('store owner products', () => {
    it('never lets one owner read or change another store’s product', async () => {
      const product = await kit.product(owner, barrels.id);
      const intruder = newCaller('store_owner');
      await kit.store(intruder);

      expect(
        await kit.codeOf(
          kit.call('marketplace.store-products.update', { id: product.id, price: 1 }, intruder),
        ),
      ).toBe('PRODUCT_NOT_FOUND');
      expect(
        await kit.codeOf(
          kit.call('marketplace.store-products.set-stock', { id: product.id, delta: 5 }, intruder),
        ),
      ).toBe('PRODUCT_NOT_FOUND');
      expect(
        await kit.codeOf(kit.call('marketplace.store-products.delete', { id: product.id }, intruder)),
      ).toBe('PRODUCT_NOT_FOUND');
      const mine = await kit.call<ProductPage>('marketplace.store-products.list', {}, intruder);
      expect(mine.items).toEqual([]);
      expect(await kit.codeOf(kit.call('marketplace.store-products.list', {}, newCaller('client')))).toBe(
        'FORBIDDEN',
      );
    });

    it('sets the stock or changes it by a delta, never below zero', async () => {
      const product = await kit.product(owner, barrels.id, { stock_quantity: 4 });
      const set = await kit.call<ProductView>(
        'marketplace.store-products.set-stock',
        { id: product.id, stock_quantity: 10 },
        owner,
      );
      const lowered = await kit.call<ProductView>(
        'marketplace.store-products.set-stock',
        { id: product.id, delta: -3 },
        owner,
      );
      const tooLow = await kit.codeOf(
        kit.call('marketplace.store-products.set-stock', { id: product.id, delta: -8 }, owner),
      );

      expect([set.stock_quantity, lowered.stock_quantity, tooLow]).toEqual([10, 7, 'VALIDATION_FAILED']);
    });

    it('refuses a price given as a float and an unknown category', async () => {
      expect(
        await kit.codeOf(
          kit.call(
            'marketplace.store-products.create',
            { category_id: barrels.id, name: 'X', price: 12.5, stock_quantity: 1 },
            owner,
          ),
        ),
      ).toBe('VALIDATION_FAILED');
      expect(await kit.codeOf(kit.product(owner, '00000000-0000-4000-8000-000000000000'))).toBe(
        'CATEGORY_NOT_FOUND',
      );
    });
  });

  describe('search', () => {
    let shop: StoreView;
    const seller = newCaller('store_owner');
    let wood: CategoryView;

    beforeAll(async () => {
      shop = await kit.store(seller, { name: 'Tonnellerie du Golfe' });
      wood = await kit.category('tonneaux');
      await kit.product(seller, wood.id, {
        name: 'Fût de chêne français 225 L',
        description: 'Barrique bordelaise ayant contenu du vin rouge',
        price: 180_000,
        stock_quantity: 3,
        specifications: {
          origin_country: 'France',
          wood_type: 'Chêne',
          volume_liters: 225,
          condition: 'Reconditionné',
        },
      });
      await kit.product(seller, wood.id, {
        name: 'Barrique 300 L',
        description: 'Ancienne barrique de whisky',
        price: 150_000,
        stock_quantity: 0,
        specifications: {
          origin_country: 'Écosse',
          wood_type: 'Chêne américain',
          volume_liters: 300,
          condition: 'Usagé',
        },
      });
      await kit.product(seller, wood.id, {
        name: 'Tonneau en acacia',
        description: 'Petit tonneau pour le vinaigre',
        price: 40_000,
        stock_quantity: 8,
        specifications: {
          origin_country: 'Hongrie',
          wood_type: 'Acacia',
          volume_liters: 50,
          condition: 'Neuf',
        },
      });
    });

    it('finds "Fût de chêne" from "fut chene", accents and plural ignored, in name or specifications', async () => {
      const plain = await search({ search: 'fut chene', store_id: shop.id });
      const bySpecification = await search({ search: 'chenes', store_id: shop.id });

      // "fut" is a French stop word (passé simple of être): the other chêne matches too, ranked after.
      expect(plain.items[0]?.name).toBe('Fût de chêne français 225 L');
      expect(bySpecification.items.map((product) => product.name).sort()).toEqual([
        'Barrique 300 L',
        'Fût de chêne français 225 L',
      ]);
    });

    it('falls back to similar names when the words are misspelt', async () => {
      const typo = await search({ search: 'tonneu', store_id: shop.id });

      expect(typo.items.map((product) => product.name)).toEqual(['Tonneau en acacia']);
    });

    it('combines filters and sorts: category, price range, in stock, specification, price order', async () => {
      const inStock = await search({ category: 'tonneaux', in_stock: 'true', sort: 'price_desc' });
      const range = await search({ store_id: shop.id, min_price: '100000', max_price: '160000' });
      const bySpec = await search({ store_id: shop.id, spec: 'wood_type:chene americain' });
      const both = await search({ search: 'barrique', store_id: shop.id, in_stock: true });

      expect(inStock.items.map((product) => product.price)).toEqual([180_000, 40_000]);
      expect(range.items.map((product) => product.name)).toEqual(['Barrique 300 L']);
      expect(bySpec.items.map((product) => product.name)).toEqual(['Barrique 300 L']);
      expect(both.items.map((product) => product.name)).toEqual(['Fût de chêne français 225 L']);
    });

    it('pages with a cursor that neither repeats nor skips while products are added', async () => {
      const pager = newCaller('store_owner');
      const pagerStore = await kit.store(pager);
      const original: string[] = [];
      for (let index = 0; index < 7; index += 1) {
        original.push(
          (await kit.product(pager, wood.id, { name: `Cuve ${index}`, price: 1000 + (index % 3) * 100 })).id,
        );
      }
      for (const sort of ['newest', 'price_asc', 'price_desc'] as const) {
        const seen: string[] = [];
        let cursor: string | null | undefined;
        do {
          const page = await search({ store_id: pagerStore.id, sort, limit: 3, cursor: cursor ?? undefined });
          seen.push(...page.items.map((product) => product.id));
          // A product added between pages, priced in the middle of the range.
          await kit.product(pager, wood.id, { name: 'Cuve ajoutée', price: 1100 });
          cursor = page.next_cursor;
        } while (cursor);

        const originalSeen = seen.filter((id) => original.includes(id));
        expect(new Set(seen).size).toBe(seen.length);
        expect(originalSeen.sort()).toEqual([...original].sort());
      }
    });

    it('refuses a cursor made for another sort', async () => {
      const page = await search({ store_id: shop.id, sort: 'newest', limit: 1 });

      expect(
        await kit.codeOf(search({ store_id: shop.id, sort: 'price_asc', cursor: page.next_cursor })),
      ).toBe('VALIDATION_FAILED');
    });
  });
});
