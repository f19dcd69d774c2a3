import type { GeoPoint } from '@ecom/contracts';

/** A trip by road between two points. */
export interface PlannedRoute {
  distanceM: number;
  durationS: number;
}

/** Where road distances and durations come from: the great-circle estimate or an OSRM server. */
export interface RoutePlanner {
  plan(from: GeoPoint, to: GeoPoint): Promise<PlannedRoute>;
}

export const ROUTE_PLANNER = Symbol('ROUTE_PLANNER');
