import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import type { GeoPoint } from '../geo';
import type { Currency } from '../money';
import { NestedInstance } from '../nested';
import { PageRequest } from '../paging';
import type { PaymentMethod } from '../payment/intents';
import type { RideStatus, ServiceType } from './events';
import type { VehicleType } from './vehicles';

const FINITE = { allowNaN: false, allowInfinity: false } as const;

/**
 * A position as a client sends it. Only the type is checked here: the range is checked by the service,
 * so that a point off the globe answers `COORDINATES_INVALID` rather than a generic validation failure.
 */
export class Coordinates {
  @IsNumber(FINITE)
  lat!: number;

  @IsNumber(FINITE)
  lng!: number;
}

export class RidePoint extends Coordinates {
  @IsOptional()
  @IsString()
  @Length(1, 300)
  address?: string;
}

/**
 * `service_type` is any string here and checked by the service, so that an unknown one answers
 * `RIDE_SERVICE_TYPE_UNKNOWN`.
 */
export class EstimateRequest {
  @ValidateNested()
  @NestedInstance(RidePoint)
  pickup!: RidePoint;

  @ValidateNested()
  @NestedInstance(RidePoint)
  destination!: RidePoint;

  @IsString()
  @Length(1, 32)
  service_type!: string;
}

export const RIDE_PAYMENT_METHODS = ['wallet', 'cash'] as const;

export type RidePaymentMethod = (typeof RIDE_PAYMENT_METHODS)[number];

/** How each ride payment method is paid through the payment service. */
export const RIDE_PAYMENT_INTENT_METHODS: Readonly<Record<RidePaymentMethod, PaymentMethod>> = {
  wallet: 'wallet',
  cash: 'cash_on_delivery',
};

export class RequestRideRequest extends EstimateRequest {
  @IsIn(RIDE_PAYMENT_METHODS)
  payment_method!: RidePaymentMethod;
}

/** API.md `POST /transport/estimate`: `estimated_duration` in minutes, as in seed 002. */
export interface FareEstimate {
  service_type: ServiceType;
  distance_km: number;
  estimated_duration: number;
  fare: number;
  currency: Currency;
}

/** A number from a query string; anything else is left for the validator to refuse. */
const FromQuery = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value,
);

/** `GET /transport/nearby-drivers?lat=&lng=&service_type=`: numbers arrive as query strings. */
export class NearbyDriversRequest {
  @FromQuery
  @IsNumber(FINITE)
  lat!: number;

  @FromQuery
  @IsNumber(FINITE)
  lng!: number;

  @IsString()
  @Length(1, 32)
  service_type!: string;
}

/** A driver near a point, as a rider's map shows it: no identity, position rounded to ~100 m. */
export interface NearbyDriverView {
  vehicle_type: VehicleType;
  distance_m: number;
  position: GeoPoint;
}

export interface NearbyDrivers {
  items: NearbyDriverView[];
}

export class RideIdRequest {
  @IsUUID()
  ride_id!: string;
}

export class CancelRideRequest extends RideIdRequest {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reason?: string;
}

/** Where the driver is when they mark a step (arrived, started, completed); their last known position otherwise. */
export class RideStepRequest extends RideIdRequest {
  @IsOptional()
  @ValidateNested()
  @NestedInstance(Coordinates)
  position?: Coordinates;
}

export class RateRideRequest extends RideIdRequest {
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  comment?: string;
}

export class RidePageRequest extends PageRequest {}

/**
 * `pending`: charged at completion, not yet settled (retried); `authorized`: the wallet hold is placed;
 * `awaiting_cash`: the driver collects cash at the end; `releasing`: the hold is being released.
 */
export const RIDE_PAYMENT_STATUSES = [
  'authorized',
  'awaiting_cash',
  'pending',
  'paid',
  'failed',
  'releasing',
  'released',
] as const;

export type RidePaymentStatus = (typeof RIDE_PAYMENT_STATUSES)[number];

export interface RideTimelineEntry {
  status: RideStatus;
  actor: 'customer' | 'driver' | 'system';
  position: GeoPoint | null;
  note: string | null;
  at: string;
}

export interface RideDriverView {
  driver_id: string;
  user_id: string;
  vehicle_type: VehicleType;
  vehicle_plate: string;
  rating: number | null;
  position: GeoPoint | null;
}

/** One ride as its customer, its driver or an admin sees it. */
export interface RideView {
  id: string;
  status: RideStatus;
  service_type: ServiceType;
  customer_id: string;
  driver: RideDriverView | null;
  pickup: GeoPoint & { address: string | null };
  destination: GeoPoint & { address: string | null };
  distance_km: number;
  estimated_duration: number;
  /** The quoted fare until completion, then the fare charged. */
  fare: number;
  quoted_fare: number;
  currency: Currency;
  payment_method: RidePaymentMethod;
  payment_status: RidePaymentStatus;
  payment_intent_id: string | null;
  /** Why the last settlement attempt failed (`failed`, or `pending` and being retried); null otherwise. */
  payment_error: string | null;
  /** The platform's commission on the fare (the driver earns the rest), known at completion. */
  commission_amount: number | null;
  cancellation_fee: number;
  cancelled_by: 'customer' | 'driver' | 'system' | null;
  cancel_reason: string | null;
  customer_rating: number | null;
  driver_rating: number | null;
  requested_at: string;
  expires_at: string;
  accepted_at: string | null;
  arrived_at: string | null;
  started_at: string | null;
  completed_at: string | null;
  cancelled_at: string | null;
  timeline?: RideTimelineEntry[];
}

export interface RidePage {
  items: RideView[];
  next_cursor: string | null;
}

/** A requested ride near a driver, for `GET /driver/pending-rides`. */
export interface PendingRideView {
  id: string;
  service_type: ServiceType;
  pickup: GeoPoint & { address: string | null };
  destination: GeoPoint & { address: string | null };
  distance_to_pickup_m: number;
  distance_km: number;
  fare: number;
  currency: Currency;
  payment_method: RidePaymentMethod;
  requested_at: string;
  expires_at: string;
}

export interface PendingRides {
  items: PendingRideView[];
}

export interface RatingView {
  ride_id: string;
  rater: 'customer' | 'driver';
  rating: number;
  comment: string | null;
  created_at: string;
}

export class EarningsRequest {
  @IsOptional()
  @IsISO8601()
  from?: string;

  @IsOptional()
  @IsISO8601()
  to?: string;
}

/** One ride's line of a driver's earnings: the ledger's amounts beside the ride they paid for. */
export interface EarningsLine {
  ride_id: string | null;
  kind: 'payment' | 'refund' | 'cash_commission';
  fare: number;
  commission: number;
  net: number;
  payment_method: RidePaymentMethod | null;
  completed_at: string | null;
  booked_at: string;
}

/** API.md `GET /driver/earnings`: totals from the ledger over the period, and per-ride lines. */
export interface DriverEarnings {
  from: string | null;
  to: string | null;
  currency: Currency;
  rides: number;
  gross: number;
  commission: number;
  net: number;
  /** What the platform owes the driver now (negative: commissions on cash rides the driver owes). */
  balance: number;
  lines: EarningsLine[];
}

export class SweepRequest {
  /** Pretend it is this time: lets a test expire requests without waiting. */
  @IsOptional()
  @IsISO8601()
  now?: string;
}

export interface SweepResult {
  expired: number;
  settled: number;
}

/** One service type's prices (integer XOF) and where they come from. */
export interface FareRatesView {
  service_type: ServiceType;
  base: number;
  per_km: number;
  per_minute: number;
  minimum: number;
  currency: Currency;
  /** `config` until an admin sets the prices, then `admin`. */
  source: 'config' | 'admin';
  updated_at: string | null;
}

export interface FareTable {
  items: FareRatesView[];
}

export class SetFareRequest {
  @IsString()
  @Length(1, 32)
  service_type!: string;

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  base!: number;

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  per_km!: number;

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  per_minute!: number;

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  minimum!: number;
}
