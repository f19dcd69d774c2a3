import { backoffMs, quietUntil } from './schedule';

describe('backoffMs', () => {
  it('doubles from the base, between half and all of the step, up to the cap', () => {
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(3, 1000, 60_000, () => 0.5)).toBe(3000);
    expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
    expect(backoffMs(20, 1000, 60_000, () => 0)).toBe(30_000);
  });
});

describe('quietUntil', () => {
  const at = (time: string): Date => new Date(`2026-03-10T${time}:00Z`);

  it('ends a window that spans midnight on the next morning, or the same morning', () => {
    expect(quietUntil(at('23:30'), '22:00:00', '07:00:00')).toEqual(new Date('2026-03-11T07:00:00Z'));
    expect(quietUntil(at('03:15'), '22:00', '07:00')).toEqual(new Date('2026-03-10T07:00:00Z'));
  });

  it('is null outside the window, at its end, and for an empty window', () => {
    expect(quietUntil(at('12:00'), '22:00', '07:00')).toBeNull();
    expect(quietUntil(at('07:00'), '22:00', '07:00')).toBeNull();
    expect(quietUntil(at('12:00'), '08:00', '08:00')).toBeNull();
  });

  it('handles a daytime window', () => {
    expect(quietUntil(at('13:00'), '12:30', '14:00')).toEqual(new Date('2026-03-10T14:00:00Z'));
    expect(quietUntil(at('14:00'), '12:30', '14:00')).toBeNull();
  });
});
