import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CreateAddressRequest,
  GeoPoint,
  ListUsersRequest,
  ROLES,
  SETTABLE_USER_STATUSES,
  UpdateConsentsRequest,
  UpdateProfileRequest,
  USER_STATUSES,
  type Role,
  type UserStatus,
} from '@ecom/contracts';
import { IsIn } from 'class-validator';

export class UpdateProfileDto extends UpdateProfileRequest {
  @ApiPropertyOptional({ example: 'Kossi' })
  declare first_name?: string;

  @ApiPropertyOptional({ example: 'Mensah' })
  declare last_name?: string;

  @ApiPropertyOptional({ example: 'kossi@example.tg', description: 'Unverified until confirmed' })
  declare email?: string;

  @ApiPropertyOptional({ example: '1994-03-12', format: 'date' })
  declare date_of_birth?: string;

  @ApiPropertyOptional({ description: 'B2B clients only' })
  declare company_name?: string;
}

class GeoPointBody extends GeoPoint {
  @ApiProperty({ example: 6.1319, minimum: -90, maximum: 90 })
  declare lat: number;

  @ApiProperty({ example: 1.2228, minimum: -180, maximum: 180 })
  declare lng: number;
}

export class CreateAddressDto extends CreateAddressRequest {
  @ApiProperty({ example: 'Maison' })
  declare label: string;

  @ApiProperty({ example: 'Rue 12, Tokoin' })
  declare street: string;

  @ApiProperty({ example: 'Lomé' })
  declare city: string;

  @ApiPropertyOptional({ example: 'BP 1234' })
  declare zip_code?: string;

  @ApiProperty({ example: 'TG', description: 'ISO 3166-1 alpha-2' })
  declare country: string;

  @ApiPropertyOptional({ type: GeoPointBody })
  declare location?: GeoPointBody;

  @ApiPropertyOptional({ description: 'The first address is the default anyway' })
  declare is_default?: boolean;
}

export class UpdateConsentsDto extends UpdateConsentsRequest {
  @ApiPropertyOptional({ description: 'true grants, false withdraws, absent leaves as is' })
  declare marketing?: boolean;

  @ApiPropertyOptional()
  declare analytics?: boolean;
}

export class ListUsersQueryDto extends ListUsersRequest {
  @ApiPropertyOptional({ enum: ROLES })
  declare user_type?: Role;

  @ApiPropertyOptional({ enum: USER_STATUSES })
  declare status?: UserStatus;

  @ApiPropertyOptional({ description: 'Part of a phone, an email or a name' })
  declare q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  declare limit?: number;

  @ApiPropertyOptional()
  declare cursor?: string;
}

export class SetUserStatusDto {
  @ApiProperty({ enum: SETTABLE_USER_STATUSES })
  @IsIn(SETTABLE_USER_STATUSES)
  status!: (typeof SETTABLE_USER_STATUSES)[number];
}
