import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';

import type { Role } from '../roles';
import { OptionalDateOfBirth } from './date-of-birth';

/** Who registers themselves; admins are created by operators (demo data, later an admin route). */
export const SELF_SERVICE_USER_TYPES = ['client', 'driver', 'store_owner'] as const;

export type UserType = Role;

export const USER_STATUSES = ['active', 'suspended', 'erased'] as const;

export type UserStatus = (typeof USER_STATUSES)[number];

/** Verification tokens and refresh tokens are opaque base64url strings. */
const OPAQUE_TOKEN = [20, 200] as const;

export class RegisterRequest {
  @IsString()
  @Length(...OPAQUE_TOKEN)
  verification_token!: string;

  @IsString()
  @Length(1, 100)
  first_name!: string;

  @IsString()
  @Length(1, 100)
  last_name!: string;

  /** Checked against the password policy by the service (AUTH_WEAK_PASSWORD); bounded here. */
  @IsString()
  @MaxLength(256)
  password!: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @OptionalDateOfBirth()
  date_of_birth?: string;

  @IsIn(SELF_SERVICE_USER_TYPES)
  user_type!: (typeof SELF_SERVICE_USER_TYPES)[number];

  /** B2B: a client buying for a company (seed 003). Only clients have one. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  company_name?: string;
}

/** Sign-in by phone or by email, with the password. */
export class LoginRequest {
  @ValidateIf((request: LoginRequest) => request.phone !== undefined || request.email === undefined)
  @IsString()
  @MaxLength(32)
  phone?: string;

  @ValidateIf((request: LoginRequest) => request.email !== undefined || request.phone === undefined)
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @IsString()
  @MaxLength(256)
  password!: string;
}

export class RefreshRequest {
  @IsString()
  @Length(...OPAQUE_TOKEN)
  refresh_token!: string;
}

export class LogoutRequest {
  @IsString()
  @Length(...OPAQUE_TOKEN)
  refresh_token!: string;
}

export class ResetPasswordRequest {
  @IsString()
  @Length(...OPAQUE_TOKEN)
  verification_token!: string;

  @IsString()
  @MaxLength(256)
  new_password!: string;
}

/** A user as the user (and admins) see it. */
export interface UserView {
  id: string;
  phone: string | null;
  email: string | null;
  first_name: string;
  last_name: string;
  date_of_birth: string | null;
  user_type: UserType;
  roles: Role[];
  status: UserStatus;
  company_name: string | null;
  phone_verified: boolean;
  email_verified: boolean;
  created_at: string;
}

/** A signed-in session: a 15-minute access token and the refresh token that renews it. */
export interface SessionReply {
  user: UserView;
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  /** Seconds the access token is valid. */
  expires_in: number;
}
