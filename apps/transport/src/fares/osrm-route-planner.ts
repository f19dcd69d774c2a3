import type { GeoPoint } from '@ecom/contracts';
import type { Logger } from '@ecom/platform';

import type { PlannedRoute, RoutePlanner } from './route-planner';

interface OsrmRouteReply {
  code?: string;
  message?: string;
  routes?: { distance?: number; duration?: number }[];
}

/**
 * OSRM's route service (`GET /route/v1/driving/{lng},{lat};{lng},{lat}?overview=false`): distance in
 * metres and duration in seconds of the fastest route. When OSRM fails or finds no route, the fallback
 * planner answers: a quote is still better than no ride.
 */
export class OsrmRoutePlanner implements RoutePlanner {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
    private readonly fallback: RoutePlanner,
    private readonly logger: Logger,
  ) {}

  async plan(from: GeoPoint, to: GeoPoint): Promise<PlannedRoute> {
    const coordinates = `${from.lng},${from.lat};${to.lng},${to.lat}`;
    const url = `${this.baseUrl.replace(/\/$/, '')}/route/v1/driving/${coordinates}?overview=false&alternatives=false&steps=false`;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
      const reply = (await response.json()) as OsrmRouteReply;
      const route = reply.routes?.[0];
      if (
        response.ok &&
        reply.code === 'Ok' &&
        typeof route?.distance === 'number' &&
        typeof route.duration === 'number'
      ) {
        return { distanceM: Math.round(route.distance), durationS: Math.round(route.duration) };
      }
      this.logger.warn('OSRM found no route; estimating', { status: response.status, code: reply.code });
    } catch (error) {
      this.logger.warn('OSRM did not answer; estimating', {
        error: error instanceof Error ? error.message : String(error),
      });
    }

    return this.fallback.plan(from, to);
  }
}
