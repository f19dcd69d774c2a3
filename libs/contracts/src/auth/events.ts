import { IsEmail, IsIn, IsISO8601, IsOptional, IsString, IsUUID } from 'class-validator';

import { ROLES, type Role } from '../roles';
import { OTP_PURPOSES, type OtpPurpose } from './otp';

/**
 * `auth.user.registered`: wallet opens a wallet, notification sends a welcome (it needs the phone: the
 * bus is internal), analytics counts. No credential travels.
 */
export class UserRegisteredEvent {
  @IsUUID()
  user_id!: string;

  @IsIn(ROLES)
  user_type!: Role;

  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @IsString()
  phone!: string;

  @IsOptional()
  @IsEmail()
  email?: string | null;

  @IsString()
  first_name!: string;

  @IsOptional()
  @IsString()
  company_name?: string | null;
}

/** `auth.user.suspended`, `auth.user.reactivated` and `auth.user.erased`: only the user's id. */
export class UserStatusEvent {
  @IsUUID()
  user_id!: string;
}

/**
 * `auth.otp.requested`: notification sends `sealed_code` by SMS to `phone`. The code is sealed
 * (AES-256-GCM under OTP_DELIVERY_KEY, additional data = `otp_id`) so that JetStream, its replicas and
 * anything that logs events never hold it in clear.
 */
export class OtpRequestedEvent {
  @IsUUID()
  otp_id!: string;

  @IsString()
  phone!: string;

  @IsIn(OTP_PURPOSES)
  purpose!: OtpPurpose;

  @IsString()
  sealed_code!: string;

  @IsISO8601()
  expires_at!: string;
}
