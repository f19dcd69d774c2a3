import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

import { ROLES } from '../roles';
import { USER_STATUSES, type UserStatus, type UserView } from './accounts';

export class ListUsersRequest {
  @IsOptional()
  @IsIn(ROLES)
  user_type?: (typeof ROLES)[number];

  @IsOptional()
  @IsIn(USER_STATUSES)
  status?: UserStatus;

  /** Part of a phone number, an email or a name. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  // From a query string; `Transform` and not `Type`, which would need reflect-metadata in every importer.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export interface UserPage {
  items: UserView[];
  next_cursor: string | null;
}

export const SETTABLE_USER_STATUSES = ['active', 'suspended'] as const;

export class SetUserStatusRequest {
  @IsUUID()
  user_id!: string;

  @IsIn(SETTABLE_USER_STATUSES)
  status!: (typeof SETTABLE_USER_STATUSES)[number];
}

/** Starts signing with a new key after `activate_in_seconds` (published at once, so verifiers learn it first). */
export class RotateKeysRequest {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86400)
  activate_in_seconds?: number;
}

export interface RotateKeysReply {
  kid: string;
  activates_at: string;
}
