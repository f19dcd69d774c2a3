import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';

import { PageRequest, type Page } from '../paging';
import { ROLES, type Role } from '../roles';
import { USER_STATUSES, type UserStatus, type UserView } from './accounts';

export class ListUsersRequest extends PageRequest {
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
}

export type UserPage = Page<UserView>;

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

export class FindUserByPhoneRequest {
  @IsString()
  @Length(4, 30)
  phone!: string;
}

export class UserSummaryRequest {
  @IsUUID()
  user_id!: string;
}

/** What another service may know of a user to serve them: never credentials. */
export interface UserSummary {
  user_id: string;
  first_name: string;
  last_name: string | null;
  phone: string;
  roles: Role[];
  status: string;
}
