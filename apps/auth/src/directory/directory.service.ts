import { Injectable } from '@nestjs/common';
import type { FindUserByPhoneRequest, UserSummary, UserSummaryRequest } from '@ecom/contracts';
import { NotFoundError } from '@ecom/platform';

import { rolesOf, UsersRepository, type UserRow } from '../accounts/users.repository';
import { normalizePhone } from '../phone/phone-number';

function toSummary(user: UserRow & { phone: string }): UserSummary {
  return {
    user_id: user.id,
    first_name: user.first_name,
    last_name: user.last_name,
    phone: user.phone,
    roles: rolesOf(user),
    status: user.status,
  };
}

/** What other services may learn of a user to serve them: who a phone belongs to, a name to show. */
@Injectable()
export class DirectoryService {
  constructor(private readonly users: UsersRepository) {}

  /** Only an active account receives: a suspended or erased one answers NOT_FOUND like an unknown phone. */
  async findByPhone(request: FindUserByPhoneRequest): Promise<UserSummary> {
    const user = await this.users.findByPhone(normalizePhone(request.phone));
    if (user?.status !== 'active' || user.phone === null) throw new NotFoundError('User');

    return toSummary({ ...user, phone: user.phone });
  }

  async summary(request: UserSummaryRequest): Promise<UserSummary> {
    const user = await this.users.findById(request.user_id);
    if (!user || user.status === 'erased' || user.phone === null) throw new NotFoundError('User');

    return toSummary({ ...user, phone: user.phone });
  }
}
