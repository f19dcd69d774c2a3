import { DomainError } from '@ecom/platform';

import {
  chargedFare,
  checkCoordinates,
  commissionOf,
  fareFor,
  greatCircleM,
  serviceTypeOf,
} from './fare-schedule';

const TAXI = { base: 500, perKm: 250, perMinute: 25, minimum: 1000 };

describe('fare schedule', () => {
  it('prices base + distance + time, rounded up to 25 XOF', () => {
    // 500 + 250 × 4.2 + 25 × 12 = 1850
    expect(fareFor(TAXI, 4200, 720)).toBe(1850);
    // 500 + 250 × 3.01 + 25 × 7 = 1427.5 → 1450
    expect(fareFor(TAXI, 3010, 420)).toBe(1450);
  });

  it('never charges below the minimum', () => {
    expect(fareFor(TAXI, 300, 60)).toBe(1000);
  });

  it('charges the quote unless the trip driven differs by more than the margin', () => {
    expect(chargedFare(2000, 2300, 20)).toBe(2000);
    expect(chargedFare(2000, 1700, 20)).toBe(2000);
    expect(chargedFare(2000, 2400, 20)).toBe(2000);
    expect(chargedFare(2000, 2425, 20)).toBe(2425);
    expect(chargedFare(2000, 1500, 20)).toBe(1500);
  });

  it('rounds the commission down, so driver net + commission is the fare', () => {
    expect(commissionOf(1850, 15)).toBe(277);
    expect(1850 - commissionOf(1850, 15) + commissionOf(1850, 15)).toBe(1850);
    expect(commissionOf(1850, 0)).toBe(0);
  });

  it('measures great-circle distances (Lomé Grand Marché to the university, about 4.5 km)', () => {
    expect(greatCircleM({ lat: 6.1319, lng: 1.2228 }, { lat: 6.1725, lng: 1.2133 })).toBeCloseTo(4630, -2);
    expect(greatCircleM({ lat: 0, lng: 0 }, { lat: 0, lng: 1 })).toBeCloseTo(111_195, -1);
  });

  it('refuses points off the globe and unknown service types with their own codes', () => {
    const codeOf = (work: () => unknown): DomainError | undefined => {
      try {
        work();
      } catch (error) {
        return error as DomainError;
      }

      return undefined;
    };

    expect(codeOf(() => checkCoordinates({ lat: 91, lng: 0 }, 'pickup'))).toMatchObject({
      code: 'COORDINATES_INVALID',
      errors: [{ field: 'pickup.lat', message: 'must be within -90..90' }],
    });
    expect(codeOf(() => checkCoordinates({ lat: 0, lng: -181 }, 'destination'))?.code).toBe(
      'COORDINATES_INVALID',
    );
    expect(checkCoordinates({ lat: -90, lng: 180 }, 'pickup')).toEqual({ lat: -90, lng: 180 });
    expect(codeOf(() => serviceTypeOf('helicopter'))?.code).toBe('RIDE_SERVICE_TYPE_UNKNOWN');
    expect(serviceTypeOf('lux')).toBe('lux');
  });
});
