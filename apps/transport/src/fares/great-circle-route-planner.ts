import type { GeoPoint } from '@ecom/contracts';

import { greatCircleM } from './fare-schedule';
import type { PlannedRoute, RoutePlanner } from './route-planner';

/** Road distance as great-circle distance times a road factor, at an average urban speed. */
export class GreatCircleRoutePlanner implements RoutePlanner {
  constructor(
    private readonly roadFactor: number,
    private readonly speedKmh: number,
  ) {}

  plan(from: GeoPoint, to: GeoPoint): Promise<PlannedRoute> {
    const distanceM = Math.round(greatCircleM(from, to) * this.roadFactor);

    return Promise.resolve({ distanceM, durationS: Math.round((distanceM / 1000 / this.speedKmh) * 3600) });
  }
}
