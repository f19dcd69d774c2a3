import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';

import type { GeoPoint } from '../geo';
import { NestedInstance } from '../nested';
import { PageRequest } from '../paging';
import { Coordinates } from './rides';
import { DRIVER_STATUSES, VEHICLE_TYPES, type DriverStatus, type VehicleType } from './vehicles';

export class DriverRegistrationRequest {
  @IsString()
  @Length(3, 50)
  license_number!: string;

  @IsIn(VEHICLE_TYPES)
  vehicle_type!: VehicleType;

  /** Togolese plates read like `TG 1234 AB`; letters, digits, spaces and dashes. */
  @Matches(/^[A-Za-z0-9 -]{2,20}$/)
  vehicle_plate!: string;

  /** Licence, insurance, registration: links to the scanned documents. */
  @IsOptional()
  @ArrayMaxSize(10)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { each: true })
  documents?: string[];
}

export class DriverStatusRequest {
  @IsBoolean()
  is_online!: boolean;

  @IsOptional()
  @ValidateNested()
  @NestedInstance(Coordinates)
  location?: Coordinates;
}

export class DriverLocationRequest extends Coordinates {}

export class DriverIdRequest {
  @IsUUID()
  driver_id!: string;
}

export class SuspendDriverRequest extends DriverIdRequest {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reason?: string;
}

export class AdminDriversRequest extends PageRequest {
  @IsOptional()
  @IsIn(DRIVER_STATUSES)
  status?: DriverStatus;
}

/** A driver's profile as they and admins see it. */
export interface DriverView {
  id: string;
  user_id: string;
  status: DriverStatus;
  license_number: string;
  vehicle_type: VehicleType;
  vehicle_plate: string;
  documents: string[];
  is_online: boolean;
  location: GeoPoint | null;
  last_location_at: string | null;
  rating: number | null;
  ratings_count: number;
  total_rides: number;
  current_ride_id: string | null;
  approved_at: string | null;
  suspended_reason: string | null;
  created_at: string;
}

export interface DriverPage {
  items: DriverView[];
  next_cursor: string | null;
}

/** `transport.driver.approved|suspended`: notification tells the driver. */
export interface DriverStatusEvent {
  driver_id: string;
  user_id: string;
  status: DriverStatus;
  reason: string | null;
}

/** What a location update answers: where the service has the driver now. */
export interface DriverLocationView {
  location: GeoPoint;
  recorded_at: string;
}
