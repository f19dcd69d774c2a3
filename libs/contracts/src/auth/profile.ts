import {
  IsBoolean,
  IsEmail,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { OptionalDateOfBirth } from './date-of-birth';
import { GeoPoint } from '../geo';
import { NestedInstance } from '../nested';

/** Fields a user may change; the phone changes only through a verified code (not here). */
export class UpdateProfileRequest {
  @IsOptional()
  @IsString()
  @Length(1, 100)
  first_name?: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  last_name?: string;

  /** A new email is unverified until confirmed. */
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @OptionalDateOfBirth()
  date_of_birth?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  company_name?: string;
}

export class CreateAddressRequest {
  /** How the user names it: "Maison", "Bureau". */
  @IsString()
  @Length(1, 50)
  label!: string;

  @IsString()
  @Length(1, 200)
  street!: string;

  @IsString()
  @Length(1, 100)
  city!: string;

  @IsOptional()
  @IsString()
  @Length(1, 20)
  zip_code?: string;

  /** ISO 3166-1 alpha-2, e.g. TG. */
  @IsISO31661Alpha2()
  country!: string;

  @IsOptional()
  @ValidateNested()
  @NestedInstance(GeoPoint)
  location?: GeoPoint;

  /** The first address is the default whatever this says. */
  @IsOptional()
  @IsBoolean()
  is_default?: boolean;
}

export class AddressIdRequest {
  @IsUUID()
  address_id!: string;
}

export interface AddressView {
  id: string;
  label: string;
  street: string;
  city: string;
  zip_code: string | null;
  country: string;
  location: { lat: number; lng: number } | null;
  is_default: boolean;
  created_at: string;
}

export const CONSENT_PURPOSES = ['marketing', 'analytics'] as const;

export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Grants (true) or withdraws (false) each consent given; omitted ones stay as they are. */
export class UpdateConsentsRequest {
  @IsOptional()
  @IsBoolean()
  marketing?: boolean;

  @IsOptional()
  @IsBoolean()
  analytics?: boolean;
}

export interface ConsentPeriod {
  granted_at: string;
  withdrawn_at: string | null;
}

export interface ConsentState {
  granted: boolean;
  /** Every grant and its withdrawal, newest first: the proof of consent RGPD asks for. */
  history: ConsentPeriod[];
}

export type ConsentsView = Record<ConsentPurpose, ConsentState>;
