import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ROLES,
  USER_STATUSES,
  type AddressView,
  type ConsentPeriod,
  type ConsentState,
  type ConsentsView,
  type JwksReply,
  type PublicJwk,
  type Role,
  type SendOtpReply,
  type SessionReply,
  type UserPage,
  type UserStatus,
  type UserView,
  type VerificationReply,
} from '@ecom/contracts';

export class SendOtpReplyDto implements SendOtpReply {
  @ApiProperty({ example: 60, description: 'Seconds before another code may be asked' })
  resend_after!: number;

  @ApiProperty({ example: 300, description: 'Seconds the code stays valid' })
  expires_in!: number;
}

export class VerificationReplyDto implements VerificationReply {
  @ApiProperty({ description: 'Single use: register or reset the password with it' })
  verification_token!: string;

  @ApiProperty({ example: 900 })
  expires_in!: number;
}

export class UserDto implements UserView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '+22890123456', nullable: true, description: 'E.164' })
  phone!: string | null;

  @ApiProperty({ example: 'kossi@example.tg', nullable: true })
  email!: string | null;

  @ApiProperty({ example: 'Kossi' })
  first_name!: string;

  @ApiProperty({ example: 'Mensah' })
  last_name!: string;

  @ApiProperty({ example: '1994-03-12', nullable: true, format: 'date' })
  date_of_birth!: string | null;

  @ApiProperty({ enum: ROLES })
  user_type!: Role;

  @ApiProperty({ enum: ROLES, isArray: true })
  roles!: Role[];

  @ApiProperty({ enum: USER_STATUSES })
  status!: UserStatus;

  @ApiProperty({ nullable: true, description: 'Set for B2B clients' })
  company_name!: string | null;

  @ApiProperty()
  phone_verified!: boolean;

  @ApiProperty()
  email_verified!: boolean;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class SessionDto implements SessionReply {
  @ApiProperty({ type: UserDto })
  user!: UserDto;

  @ApiProperty({ description: 'RS256 JWT; send as `Authorization: Bearer …`' })
  access_token!: string;

  @ApiProperty({ description: 'Opaque, single use: /auth/refresh answers a new one' })
  refresh_token!: string;

  @ApiProperty({ enum: ['Bearer'] })
  token_type!: 'Bearer';

  @ApiProperty({ example: 900, description: 'Seconds the access token is valid' })
  expires_in!: number;
}

class GeoPointDto {
  @ApiProperty({ example: 6.1319 })
  lat!: number;

  @ApiProperty({ example: 1.2228 })
  lng!: number;
}

export class AddressDto implements AddressView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Maison' })
  label!: string;

  @ApiProperty({ example: 'Rue 12, Tokoin' })
  street!: string;

  @ApiProperty({ example: 'Lomé' })
  city!: string;

  @ApiProperty({ nullable: true })
  zip_code!: string | null;

  @ApiProperty({ example: 'TG' })
  country!: string;

  @ApiProperty({ type: GeoPointDto, nullable: true })
  location!: GeoPointDto | null;

  @ApiProperty()
  is_default!: boolean;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class AddressListDto {
  @ApiProperty({ type: [AddressDto] })
  items!: AddressDto[];
}

class ConsentPeriodDto implements ConsentPeriod {
  @ApiProperty({ format: 'date-time' })
  granted_at!: string;

  @ApiProperty({ format: 'date-time', nullable: true })
  withdrawn_at!: string | null;
}

class ConsentStateDto implements ConsentState {
  @ApiProperty()
  granted!: boolean;

  @ApiProperty({ type: [ConsentPeriodDto], description: 'Newest first' })
  history!: ConsentPeriodDto[];
}

export class ConsentsDto implements ConsentsView {
  @ApiProperty({ type: ConsentStateDto })
  marketing!: ConsentStateDto;

  @ApiProperty({ type: ConsentStateDto })
  analytics!: ConsentStateDto;
}

export class UserPageDto implements UserPage {
  @ApiProperty({ type: [UserDto] })
  items!: UserDto[];

  @ApiProperty({ nullable: true, description: 'Pass as `cursor` for the next page' })
  next_cursor!: string | null;
}

class JwkDto implements PublicJwk {
  @ApiProperty({ example: 'RSA' })
  kty!: string;

  @ApiProperty()
  kid!: string;

  @ApiProperty({ example: 'RS256' })
  alg!: string;

  @ApiPropertyOptional({ example: 'sig' })
  use?: string;

  @ApiPropertyOptional()
  n?: string;

  @ApiPropertyOptional({ example: 'AQAB' })
  e?: string;
}

export class JwksDto implements JwksReply {
  @ApiProperty({ type: [JwkDto] })
  keys!: JwkDto[];
}

export class PrivacyExportDto {
  @ApiProperty({ format: 'uuid' })
  user_id!: string;

  @ApiProperty({ format: 'date-time' })
  generated_at!: string;

  @ApiProperty({
    description: 'Each service’s part, by service name (auth, wallet, payment, …)',
    type: 'object',
    additionalProperties: { type: 'object' },
  })
  services!: Record<string, Record<string, unknown>>;
}
