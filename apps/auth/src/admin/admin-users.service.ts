import { Injectable } from '@nestjs/common';
import {
  AUTH_EVENTS,
  type ListUsersRequest,
  type SetUserStatusRequest,
  type UserPage,
  type UserStatusEvent,
  type UserView,
} from '@ecom/contracts';
import {
  decodeCursor,
  EventPublisher,
  ForbiddenError,
  inTransaction,
  NotFoundError,
  pageOf,
} from '@ecom/platform';
import { DataSource } from 'typeorm';

import { toUserView, USER_COLUMNS, UsersRepository, type UserRow } from '../accounts/users.repository';
import { RefreshTokensRepository } from '../sessions/refresh-tokens.repository';

const DEFAULT_PAGE = 20;

/** Operators' view of accounts: listing, suspension and reactivation. */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly tokens: RefreshTokensRepository,
    private readonly events: EventPublisher,
  ) {}

  async list(request: ListUsersRequest): Promise<UserPage> {
    const limit = request.limit ?? DEFAULT_PAGE;
    const where: string[] = [];
    const parameters: unknown[] = [];
    const bind = (value: unknown): string => {
      parameters.push(value);

      return `$${parameters.length}`;
    };
    if (request.user_type) where.push(`u.user_type = ${bind(request.user_type)}`);
    if (request.status) where.push(`u.status = ${bind(request.status)}`);
    if (request.q) {
      const pattern = bind(`%${request.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`);
      where.push(
        `(u.phone ILIKE ${pattern} OR u.email ILIKE ${pattern} OR (u.first_name || ' ' || u.last_name) ILIKE ${pattern})`,
      );
    }
    if (request.cursor) {
      const cursor = decodeCursor(request.cursor);
      where.push(
        `(u.created_at, u.id) < (${bind(cursor.created_at)}::timestamptz, ${bind(cursor.id)}::uuid)`,
      );
    }
    const rows = await this.dataSource.query<UserRow[]>(
      `SELECT ${USER_COLUMNS} FROM users u ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY u.created_at DESC, u.id DESC LIMIT ${bind(limit + 1)}`,
      parameters,
    );
    const page = pageOf(rows, limit, (row) => row.created_at);

    return { items: page.rows.map(toUserView), next_cursor: page.next };
  }

  /** Suspends (every refresh token revoked, the gateway told) or reactivates an account. */
  async setStatus(adminId: string, request: SetUserStatusRequest): Promise<UserView> {
    if (request.user_id === adminId && request.status === 'suspended') {
      throw new ForbiddenError('An admin cannot suspend their own account');
    }
    const from = request.status === 'suspended' ? 'active' : 'suspended';
    await inTransaction(this.dataSource, async (manager) => {
      // First wins: a conditional update on the current status; a repeated request changes nothing.
      const [changed] = await manager.query<[{ id: string }[], number]>(
        'UPDATE users SET status = $2, updated_at = now() WHERE id = $1 AND status = $3 RETURNING id',
        [request.user_id, request.status, from],
      );
      if (changed.length === 0) return;
      if (request.status === 'suspended') await this.tokens.revokeAllOfUser(manager, request.user_id);
      const event: UserStatusEvent = { user_id: request.user_id };
      const type = request.status === 'suspended' ? AUTH_EVENTS.userSuspended : AUTH_EVENTS.userReactivated;
      await this.events.publish(manager, type, event, { aggregateId: request.user_id });
    });
    const user = await this.users.findById(request.user_id);
    if (!user || user.status === 'erased') throw new NotFoundError('User');

    return toUserView(user);
  }
}
