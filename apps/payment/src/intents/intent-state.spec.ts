import { canTransition, isSettled, statusesBefore } from './intent-state';

describe('payment intent state machine', () => {
  it('lets a pending intent be sent to the provider, paid, refused or cancelled', () => {
    expect(canTransition('pending', 'processing')).toBe(true);
    expect(canTransition('pending', 'succeeded')).toBe(true);
    expect(canTransition('pending', 'failed')).toBe(true);
    expect(canTransition('pending', 'cancelled')).toBe(true);
  });

  it('never goes back to pending or processing', () => {
    expect(canTransition('processing', 'pending')).toBe(false);
    expect(canTransition('succeeded', 'processing')).toBe(false);
    expect(statusesBefore('pending')).toEqual([]);
  });

  it('refunds only what succeeded, partially again and again, in whole once', () => {
    expect(canTransition('succeeded', 'refunded')).toBe(true);
    expect(canTransition('partially_refunded', 'partially_refunded')).toBe(true);
    expect(canTransition('partially_refunded', 'refunded')).toBe(true);
    expect(canTransition('processing', 'refunded')).toBe(false);
    expect(canTransition('refunded', 'refunded')).toBe(false);
  });

  it('keeps failed, cancelled and refunded final', () => {
    for (const final of ['failed', 'cancelled', 'refunded'] as const) {
      expect(canTransition(final, 'succeeded')).toBe(false);
      expect(canTransition(final, 'cancelled')).toBe(false);
    }
  });

  it('names the statuses a success may come from, for the conditional update', () => {
    expect(statusesBefore('succeeded').sort()).toEqual(['pending', 'processing']);
    expect(isSettled('processing')).toBe(false);
    expect(isSettled('partially_refunded')).toBe(true);
  });
});
