import { isOpenAt, type OpeningHours } from './business-hours';

const HOURS: OpeningHours = {
  monday: [
    { open: '08:00', close: '12:30' },
    { open: '14:00', close: '19:00' },
  ],
  friday: [{ open: '18:00', close: '02:00' }],
};

describe('isOpenAt (Africa/Lome)', () => {
  it('is open inside a span and closed at its end and over lunch', () => {
    // 2026-11-23 is a Monday; Lomé is on UTC.
    expect(isOpenAt(HOURS, new Date('2026-11-23T08:00:00Z'))).toBe(true);
    expect(isOpenAt(HOURS, new Date('2026-11-23T12:30:00Z'))).toBe(false);
    expect(isOpenAt(HOURS, new Date('2026-11-23T13:00:00Z'))).toBe(false);
    expect(isOpenAt(HOURS, new Date('2026-11-23T18:59:00Z'))).toBe(true);
  });

  it('is closed on a day without hours', () => {
    expect(isOpenAt(HOURS, new Date('2026-11-24T10:00:00Z'))).toBe(false);
  });

  it('keeps a span that runs past midnight open into the next day', () => {
    expect(isOpenAt(HOURS, new Date('2026-11-27T23:00:00Z'))).toBe(true);
    expect(isOpenAt(HOURS, new Date('2026-11-28T01:59:00Z'))).toBe(true);
    expect(isOpenAt(HOURS, new Date('2026-11-28T02:00:00Z'))).toBe(false);
  });
});
