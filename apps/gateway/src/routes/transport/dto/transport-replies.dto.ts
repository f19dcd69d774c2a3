import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DRIVER_STATUSES,
  RIDE_PAYMENT_METHODS,
  RIDE_PAYMENT_STATUSES,
  RIDE_STATUSES,
  SERVICE_TYPES,
  VEHICLE_TYPES,
  type DriverEarnings,
  type DriverLocationView,
  type DriverPage,
  type DriverStatus,
  type DriverView,
  type EarningsLine,
  type FareEstimate,
  type FareRatesView,
  type FareTable,
  type NearbyDrivers,
  type NearbyDriverView,
  type PendingRides,
  type PendingRideView,
  type RatingView,
  type RideDriverView,
  type RidePage,
  type RidePaymentMethod,
  type RidePaymentStatus,
  type RideStatus,
  type RideTimelineEntry,
  type RideView,
  type ServiceType,
  type VehicleType,
} from '@ecom/contracts';

export class PositionDto {
  @ApiProperty({ example: 6.1319 })
  lat!: number;

  @ApiProperty({ example: 1.2228 })
  lng!: number;
}

export class PlaceDto extends PositionDto {
  @ApiProperty({ example: 'Grand Marché, Lomé', nullable: true, type: String })
  address!: string | null;
}

export class FareEstimateDto implements FareEstimate {
  @ApiProperty({ enum: SERVICE_TYPES })
  service_type!: ServiceType;

  @ApiProperty({ example: 5.46 })
  distance_km!: number;

  @ApiProperty({ example: 15, description: 'Minutes' })
  estimated_duration!: number;

  @ApiProperty({ example: 2250, description: 'Integer XOF' })
  fare!: number;

  @ApiProperty({ example: 'XOF' })
  currency!: 'XOF';
}

export class NearbyDriverDto implements NearbyDriverView {
  @ApiProperty({ enum: VEHICLE_TYPES })
  vehicle_type!: VehicleType;

  @ApiProperty({ example: 350, description: 'Metres, rounded to 10' })
  distance_m!: number;

  @ApiProperty({ type: PositionDto, description: 'Rounded to about 100 m' })
  position!: PositionDto;
}

export class NearbyDriversDto implements NearbyDrivers {
  @ApiProperty({ type: [NearbyDriverDto], description: 'Nearest first, at most 10' })
  items!: NearbyDriverDto[];
}

export class RideDriverDto implements RideDriverView {
  @ApiProperty({ format: 'uuid' })
  driver_id!: string;

  @ApiProperty({ format: 'uuid' })
  user_id!: string;

  @ApiProperty({ enum: VEHICLE_TYPES })
  vehicle_type!: VehicleType;

  @ApiProperty({ example: 'TG 4512 AB' })
  vehicle_plate!: string;

  @ApiProperty({ example: 4.8, nullable: true, type: Number })
  rating!: number | null;

  @ApiProperty({ type: PositionDto, nullable: true, description: 'While the ride is under way only' })
  position!: PositionDto | null;
}

export class RideTimelineEntryDto implements RideTimelineEntry {
  @ApiProperty({ enum: RIDE_STATUSES })
  status!: RideStatus;

  @ApiProperty({ enum: ['customer', 'driver', 'system'] })
  actor!: 'customer' | 'driver' | 'system';

  @ApiProperty({ type: PositionDto, nullable: true })
  position!: PositionDto | null;

  @ApiProperty({ nullable: true, type: String, example: 'no_driver' })
  note!: string | null;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

export class RideDto implements RideView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: RIDE_STATUSES })
  status!: RideStatus;

  @ApiProperty({ enum: SERVICE_TYPES })
  service_type!: ServiceType;

  @ApiProperty({ format: 'uuid' })
  customer_id!: string;

  @ApiProperty({ type: RideDriverDto, nullable: true })
  driver!: RideDriverDto | null;

  @ApiProperty({ type: PlaceDto })
  pickup!: PlaceDto;

  @ApiProperty({ type: PlaceDto })
  destination!: PlaceDto;

  @ApiProperty({ example: 5.46 })
  distance_km!: number;

  @ApiProperty({ example: 15, description: 'Minutes' })
  estimated_duration!: number;

  @ApiProperty({ example: 2250, description: 'The quote until completion, then the fare charged' })
  fare!: number;

  @ApiProperty({ example: 2250 })
  quoted_fare!: number;

  @ApiProperty({ example: 'XOF' })
  currency!: 'XOF';

  @ApiProperty({ enum: RIDE_PAYMENT_METHODS })
  payment_method!: RidePaymentMethod;

  @ApiProperty({
    enum: RIDE_PAYMENT_STATUSES,
    description:
      '`authorized`: the wallet hold is placed; `awaiting_cash`; `pending`: to be charged (retried); `paid`; ' +
      '`failed` (payment_error names why); `releasing`/`released`: the hold given back',
  })
  payment_status!: RidePaymentStatus;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  payment_intent_id!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'The wallet balance is too low',
    description: 'Why the last settlement failed (`failed`, or `pending` and retried)',
  })
  payment_error!: string | null;

  @ApiProperty({
    example: 337,
    nullable: true,
    type: Number,
    description: 'The platform’s share of the fare',
  })
  commission_amount!: number | null;

  @ApiProperty({ example: 0 })
  cancellation_fee!: number;

  @ApiProperty({ enum: ['customer', 'driver', 'system'], nullable: true })
  cancelled_by!: 'customer' | 'driver' | 'system' | null;

  @ApiProperty({ nullable: true, type: String, example: 'no_driver' })
  cancel_reason!: string | null;

  @ApiProperty({ nullable: true, type: Number, description: 'The customer’s rating of the driver' })
  customer_rating!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'The driver’s rating of the customer' })
  driver_rating!: number | null;

  @ApiProperty({ format: 'date-time' })
  requested_at!: string;

  @ApiProperty({ format: 'date-time', description: 'Cancelled (`no_driver`) if nobody accepts by then' })
  expires_at!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  accepted_at!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  arrived_at!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  started_at!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  completed_at!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  cancelled_at!: string | null;

  @ApiPropertyOptional({ type: [RideTimelineEntryDto], description: 'On a single ride only' })
  timeline?: RideTimelineEntryDto[];
}

export class RidePageDto implements RidePage {
  @ApiProperty({ type: [RideDto] })
  items!: RideDto[];

  @ApiProperty({ nullable: true, type: String })
  next_cursor!: string | null;
}

export class PendingRideDto implements PendingRideView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: SERVICE_TYPES })
  service_type!: ServiceType;

  @ApiProperty({ type: PlaceDto })
  pickup!: PlaceDto;

  @ApiProperty({ type: PlaceDto })
  destination!: PlaceDto;

  @ApiProperty({ example: 420 })
  distance_to_pickup_m!: number;

  @ApiProperty({ example: 5.46 })
  distance_km!: number;

  @ApiProperty({ example: 2250 })
  fare!: number;

  @ApiProperty({ example: 'XOF' })
  currency!: 'XOF';

  @ApiProperty({ enum: RIDE_PAYMENT_METHODS })
  payment_method!: RidePaymentMethod;

  @ApiProperty({ format: 'date-time' })
  requested_at!: string;

  @ApiProperty({ format: 'date-time' })
  expires_at!: string;
}

export class PendingRidesDto implements PendingRides {
  @ApiProperty({ type: [PendingRideDto], description: 'Nearest pickup first' })
  items!: PendingRideDto[];
}

export class RatingDto implements RatingView {
  @ApiProperty({ format: 'uuid' })
  ride_id!: string;

  @ApiProperty({ enum: ['customer', 'driver'] })
  rater!: 'customer' | 'driver';

  @ApiProperty({ example: 5 })
  rating!: number;

  @ApiProperty({ nullable: true, type: String })
  comment!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class DriverDto implements DriverView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  user_id!: string;

  @ApiProperty({ enum: DRIVER_STATUSES })
  status!: DriverStatus;

  @ApiProperty({ example: 'TG-B-2019-004512' })
  license_number!: string;

  @ApiProperty({ enum: VEHICLE_TYPES })
  vehicle_type!: VehicleType;

  @ApiProperty({ example: 'TG 4512 AB' })
  vehicle_plate!: string;

  @ApiProperty({ type: [String] })
  documents!: string[];

  @ApiProperty()
  is_online!: boolean;

  @ApiProperty({ type: PositionDto, nullable: true })
  location!: PositionDto | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  last_location_at!: string | null;

  @ApiProperty({ example: 4.8, nullable: true, type: Number })
  rating!: number | null;

  @ApiProperty({ example: 12 })
  ratings_count!: number;

  @ApiProperty({ example: 40 })
  total_rides!: number;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  current_ride_id!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  approved_at!: string | null;

  @ApiProperty({ nullable: true, type: String })
  suspended_reason!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class DriverPageDto implements DriverPage {
  @ApiProperty({ type: [DriverDto] })
  items!: DriverDto[];

  @ApiProperty({ nullable: true, type: String })
  next_cursor!: string | null;
}

export class DriverLocationReplyDto implements DriverLocationView {
  @ApiProperty({ type: PositionDto })
  location!: PositionDto;

  @ApiProperty({ format: 'date-time' })
  recorded_at!: string;
}

export class EarningsLineDto implements EarningsLine {
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  ride_id!: string | null;

  @ApiProperty({ enum: ['payment', 'refund', 'cash_commission'] })
  kind!: 'payment' | 'refund' | 'cash_commission';

  @ApiProperty({ example: 2250, description: 'What the rider paid through the platform (0 for cash)' })
  fare!: number;

  @ApiProperty({ example: 337 })
  commission!: number;

  @ApiProperty({ example: 1913, description: 'Negative for a cash ride: the commission the driver owes' })
  net!: number;

  @ApiProperty({ enum: RIDE_PAYMENT_METHODS, nullable: true })
  payment_method!: RidePaymentMethod | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  completed_at!: string | null;

  @ApiProperty({ format: 'date-time' })
  booked_at!: string;
}

export class DriverEarningsDto implements DriverEarnings {
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  from!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  to!: string | null;

  @ApiProperty({ example: 'XOF' })
  currency!: 'XOF';

  @ApiProperty({ example: 12 })
  rides!: number;

  @ApiProperty({ example: 27000 })
  gross!: number;

  @ApiProperty({ example: 4050 })
  commission!: number;

  @ApiProperty({ example: 22950 })
  net!: number;

  @ApiProperty({
    example: 22950,
    description: 'What the platform owes the driver now (negative: what they owe)',
  })
  balance!: number;

  @ApiProperty({ type: [EarningsLineDto] })
  lines!: EarningsLineDto[];
}

export class FareRatesDto implements FareRatesView {
  @ApiProperty({ enum: SERVICE_TYPES })
  service_type!: ServiceType;

  @ApiProperty({ example: 500 })
  base!: number;

  @ApiProperty({ example: 250 })
  per_km!: number;

  @ApiProperty({ example: 25 })
  per_minute!: number;

  @ApiProperty({ example: 1000 })
  minimum!: number;

  @ApiProperty({ example: 'XOF' })
  currency!: 'XOF';

  @ApiProperty({ enum: ['config', 'admin'] })
  source!: 'config' | 'admin';

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  updated_at!: string | null;
}

export class FareTableDto implements FareTable {
  @ApiProperty({ type: [FareRatesDto] })
  items!: FareRatesDto[];
}
