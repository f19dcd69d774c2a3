import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AdminDriversRequest,
  Coordinates,
  DRIVER_STATUSES,
  DriverLocationRequest,
  DriverRegistrationRequest,
  DriverStatusRequest,
  EarningsRequest,
  EstimateRequest,
  NestedInstance,
  NearbyDriversRequest,
  RateRideRequest,
  RequestRideRequest,
  RIDE_PAYMENT_METHODS,
  RidePageRequest,
  RidePoint,
  SERVICE_TYPES,
  VEHICLE_TYPES,
  type DriverStatus,
  type RidePaymentMethod,
  type VehicleType,
} from '@ecom/contracts';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';

// Request bodies are transport's own payload classes (validated here, and again by transport on receipt);
// these subclasses only add their documentation. Coordinates are range-checked by transport, which
// answers COORDINATES_INVALID; an unknown service type is RIDE_SERVICE_TYPE_UNKNOWN.

export class CoordinatesDto extends Coordinates {
  @ApiProperty({ example: 6.1319, minimum: -90, maximum: 90 })
  declare lat: number;

  @ApiProperty({ example: 1.2228, minimum: -180, maximum: 180 })
  declare lng: number;
}

export class RidePointDto extends RidePoint {
  @ApiProperty({ example: 6.1319, minimum: -90, maximum: 90 })
  declare lat: number;

  @ApiProperty({ example: 1.2228, minimum: -180, maximum: 180 })
  declare lng: number;

  @ApiPropertyOptional({ example: 'Grand Marché, Lomé' })
  declare address?: string;
}

export class EstimateDto extends EstimateRequest {
  @ApiProperty({ type: RidePointDto })
  declare pickup: RidePointDto;

  @ApiProperty({ type: RidePointDto })
  declare destination: RidePointDto;

  @ApiProperty({ enum: SERVICE_TYPES })
  declare service_type: string;
}

export class RequestRideDto extends RequestRideRequest {
  @ApiProperty({ type: RidePointDto })
  declare pickup: RidePointDto;

  @ApiProperty({ type: RidePointDto })
  declare destination: RidePointDto;

  @ApiProperty({ enum: SERVICE_TYPES })
  declare service_type: string;

  @ApiProperty({
    enum: RIDE_PAYMENT_METHODS,
    description:
      '`wallet`: the quoted fare is held at once and charged at completion; `cash`: paid to the driver',
  })
  declare payment_method: RidePaymentMethod;
}

export class NearbyDriversQueryDto extends NearbyDriversRequest {
  @ApiProperty({ example: 6.1319 })
  declare lat: number;

  @ApiProperty({ example: 1.2228 })
  declare lng: number;

  @ApiProperty({ enum: SERVICE_TYPES })
  declare service_type: string;
}

export class RidePageQueryDto extends RidePageRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  declare limit?: number;

  @ApiPropertyOptional({ description: 'The previous page’s `next_cursor`' })
  declare cursor?: string;
}

/** `PUT /transport/rides/:id`: the one action a rider or driver takes on a ride by itself. */
export class UpdateRideDto {
  @ApiProperty({ enum: ['cancel'] })
  @IsIn(['cancel'])
  action!: 'cancel';

  @ApiPropertyOptional({ example: 'Plans changed' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reason?: string;
}

export class RateRideDto extends RateRideRequest {
  @ApiProperty({ format: 'uuid' })
  declare ride_id: string;

  @ApiProperty({ minimum: 1, maximum: 5, example: 5 })
  declare rating: number;

  @ApiPropertyOptional({ example: 'Conduite prudente, merci !' })
  declare comment?: string;
}

export class DriverRegistrationDto extends DriverRegistrationRequest {
  @ApiProperty({ example: 'TG-B-2019-004512' })
  declare license_number: string;

  @ApiProperty({
    enum: VEHICLE_TYPES,
    description:
      'Which rides the driver is offered: taxi → taxi and driver; moto → moto, driver and delivery; car → lux ' +
      'and driver; van → delivery',
  })
  declare vehicle_type: VehicleType;

  @ApiProperty({ example: 'TG 4512 AB' })
  declare vehicle_plate: string;

  @ApiPropertyOptional({ type: [String], example: ['https://files.ecom.tg/drivers/permis.pdf'] })
  declare documents?: string[];
}

export class DriverStatusDto extends DriverStatusRequest {
  @ApiProperty()
  declare is_online: boolean;

  @ApiPropertyOptional({ type: CoordinatesDto })
  declare location?: CoordinatesDto;
}

export class DriverLocationDto extends DriverLocationRequest {
  @ApiProperty({ example: 6.1319 })
  declare lat: number;

  @ApiProperty({ example: 1.2228 })
  declare lng: number;
}

export class AcceptRideDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  ride_id!: string;
}

/** Where the driver is when they mark a step; their last known position when absent. */
export class RideStepDto {
  @ApiPropertyOptional({ type: CoordinatesDto })
  @IsOptional()
  @ValidateNested()
  @NestedInstance(Coordinates)
  position?: Coordinates;
}

export class EarningsQueryDto extends EarningsRequest {
  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-01T00:00:00Z' })
  declare from?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-12-01T00:00:00Z' })
  declare to?: string;
}

export class AdminDriversQueryDto extends AdminDriversRequest {
  @ApiPropertyOptional({ enum: DRIVER_STATUSES })
  declare status?: DriverStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  declare limit?: number;

  @ApiPropertyOptional({ description: 'The previous page’s `next_cursor`' })
  declare cursor?: string;
}

export class SuspendDriverDto {
  @ApiPropertyOptional({ example: 'Insurance expired' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reason?: string;
}

/** `PUT /admin/fares/:service_type`: the service type comes from the path. */
export class SetFareDto {
  @ApiProperty({ example: 500, description: 'Integer XOF' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  base!: number;

  @ApiProperty({ example: 250 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  per_km!: number;

  @ApiProperty({ example: 25 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  per_minute!: number;

  @ApiProperty({ example: 1000 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  minimum!: number;
}
