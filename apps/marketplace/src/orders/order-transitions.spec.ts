import { actorFor, refusal, TRANSITIONS } from './order-transitions';

const paidWallet = { payment_status: 'paid' as const, payment_method: 'wallet' as const };

describe('order transitions', () => {
  it('walks pending → confirmed → preparing → ready → out_for_delivery → delivered', () => {
    const path = ['confirm', 'prepare', 'ready', 'out_for_delivery', 'delivered'] as const;
    let status = 'pending' as (typeof TRANSITIONS)['confirm']['to'] | 'pending';
    for (const action of path) {
      expect(refusal(action, { status, ...paidWallet })).toBeNull();
      status = TRANSITIONS[action].to;
    }
    expect(status).toBe('delivered');
  });

  it('refuses skipping a step and cancelling once out for delivery', () => {
    expect(refusal('ready', { status: 'pending', ...paidWallet })).toMatch(/cannot ready/);
    expect(refusal('cancel', { status: 'out_for_delivery', ...paidWallet })).not.toBeNull();
    expect(refusal('cancel', { status: 'cancelled', ...paidWallet })).not.toBeNull();
  });

  it('lets a store confirm an unpaid order only when paid in cash at the door', () => {
    expect(refusal('confirm', { status: 'pending', payment_status: 'pending', payment_method: 'yas' })).toBe(
      'The order is not paid yet',
    );
    expect(
      refusal('confirm', {
        status: 'pending',
        payment_status: 'pending',
        payment_method: 'cash_on_delivery',
      }),
    ).toBeNull();
  });

  it('refunds only what was paid, even after delivery', () => {
    expect(refusal('refund', { status: 'delivered', ...paidWallet })).toBeNull();
    expect(
      refusal('refund', {
        status: 'delivered',
        payment_status: 'pending',
        payment_method: 'cash_on_delivery',
      }),
    ).not.toBeNull();
  });

  it('knows the caller as admin, owner of the store, customer, or nobody', () => {
    const order = { customer_id: 'c', store_owner_id: 'o' };
    expect(actorFor({ user_id: 'a', roles: ['admin'] }, order)).toBe('admin');
    expect(actorFor({ user_id: 'o', roles: ['store_owner'] }, order)).toBe('store_owner');
    expect(actorFor({ user_id: 'x', roles: ['store_owner'] }, order)).toBeNull();
    expect(actorFor({ user_id: 'c', roles: ['client'] }, order)).toBe('customer');
  });
});
