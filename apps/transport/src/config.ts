import { EnvList, ServiceConfig } from '@ecom/platform';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';

/** `base,per_km,per_minute,minimum` in XOF. */
function FareList(): PropertyDecorator {
  return (target, property) => {
    EnvList(Number)(target, property);
    IsInt({
      each: true,
      message: `${String(property)}: must be four integers base,per_km,per_minute,minimum`,
    })(target, property);
    Min(0, { each: true })(target, property);
    ArrayMinSize(4)(target, property);
    ArrayMaxSize(4)(target, property);
  };
}

/** Settings of the transport service; every one is an environment variable of the same name. */
export class TransportConfig extends ServiceConfig {
  @FareList()
  FARE_TAXI: number[] = [500, 250, 25, 1000];

  @FareList()
  FARE_MOTO: number[] = [200, 150, 10, 500];

  @FareList()
  FARE_LUX: number[] = [1500, 500, 50, 3000];

  @FareList()
  FARE_DRIVER: number[] = [1000, 200, 40, 2000];

  @FareList()
  FARE_DELIVERY: number[] = [300, 200, 10, 700];

  /** Road distance over great-circle distance where no routing server is set (Lomé's grid: about 1.3). */
  @IsNumber()
  @Min(1)
  @Max(3)
  ROAD_FACTOR: number = 1.3;

  /** Average urban speed for duration estimates without a routing server. */
  @IsInt()
  @Min(5)
  @Max(120)
  AVERAGE_SPEED_KMH: number = 22;

  /** An OSRM server (`http://osrm:5000`): road distance and duration from it instead of the estimate. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  OSRM_URL: string | undefined = undefined;

  @IsInt()
  @Min(100)
  OSRM_TIMEOUT_MS: number = 2000;

  /** The quoted fare is charged unless the trip's own fare differs from it by more than this. */
  @IsInt()
  @Min(0)
  @Max(100)
  FARE_REPRICE_MARGIN_PERCENT: number = 20;

  /** The platform's share of each fare; the driver earns the rest. */
  @IsInt()
  @Min(0)
  @Max(100)
  COMMISSION_PERCENT: number = 15;

  /** Radii a request searches, smallest first, until one holds an available driver. */
  @EnvList(Number)
  @IsInt({ each: true })
  @Min(100, { each: true })
  @ArrayMinSize(1)
  SEARCH_RADII_M: number[] = [2000, 5000, 10000];

  /** At most one location update per driver in this interval. */
  @IsInt()
  @Min(0)
  DRIVER_LOCATION_MIN_INTERVAL_MS: number = 2000;

  /** A driver without a location update for this long counts as offline. */
  @IsInt()
  @Min(10)
  DRIVER_LOCATION_STALE_SECONDS: number = 120;

  /** A request no driver accepted in this time is cancelled (`no_driver`) and its hold released. */
  @IsInt()
  @Min(10)
  RIDE_REQUEST_TIMEOUT_SECONDS: number = 180;

  /** A customer cancelling after the driver has been on the way this long pays the cancellation fee. */
  @IsInt()
  @Min(0)
  CANCELLATION_FEE_AFTER_SECONDS: number = 300;

  @IsInt()
  @Min(0)
  CANCELLATION_FEE: number = 500;

  /** How often expired requests and unsettled payments are looked for. */
  @IsInt()
  @Min(100)
  RIDE_SWEEP_INTERVAL_MS: number = 5000;
}
