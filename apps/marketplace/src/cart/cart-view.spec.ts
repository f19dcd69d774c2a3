import { cartView, type CartRow } from './cart.service';

const row = (fields: Partial<CartRow>): CartRow => ({
  product_id: 'p',
  name: 'Riz',
  images: [],
  price: '1000',
  quantity: 1,
  stock_quantity: 10,
  for_sale: true,
  store_id: 's1',
  store_name: 'Boutique Bè',
  delivery_fee: '500',
  min_order_amount: '0',
  business_hours: {},
  ...fields,
});

describe('cartView', () => {
  it('groups lines by store with subtotals, one delivery fee per store and totals', () => {
    const view = cartView([
      row({ product_id: 'a', price: '2500', quantity: 2 }),
      row({ product_id: 'b', price: '1000', quantity: 1 }),
      row({
        product_id: 'c',
        store_id: 's2',
        store_name: 'Tokoin',
        delivery_fee: '1000',
        price: '1200',
        quantity: 3,
      }),
    ]);

    expect(
      view.stores.map((group) => [group.store.name, group.subtotal, group.delivery_fee, group.total]),
    ).toEqual([
      ['Boutique Bè', 6000, 500, 6500],
      ['Tokoin', 3600, 1000, 4600],
    ]);
    expect(view).toMatchObject({ item_count: 6, subtotal: 9600, delivery_fee: 1500, total_amount: 11100 });
  });

  it('flags lines short of stock or off sale, and stores below their minimum', () => {
    const view = cartView([
      row({ product_id: 'a', quantity: 3, stock_quantity: 2, min_order_amount: '5000' }),
      row({ product_id: 'b', for_sale: false }),
    ]);

    expect(view.stores[0]?.items.map((item) => item.available)).toEqual([false, false]);
    expect(view.stores[0]?.below_minimum).toBe(true);
  });
});
