import { orderNumber } from './order-number';

describe('orderNumber', () => {
  it('reads EC-DDMM- then four unambiguous characters', () => {
    expect(orderNumber(new Date('2026-11-26T10:00:00Z'))).toMatch(/^EC-2611-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('draws eight characters after repeated collisions', () => {
    expect(orderNumber(new Date('2026-01-05T10:00:00Z'), 3)).toMatch(/^EC-0501-[0-9A-HJKMNP-TV-Z]{8}$/);
  });
});
