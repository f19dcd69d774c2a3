import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import type { Role, UserStatus, UserView } from '@ecom/contracts';
import { DataSource, type EntityManager } from 'typeorm';

/** A user row as read from the schema (dates of birth as text: a `date` has no time zone). */
export interface UserRow {
  id: string;
  phone: string | null;
  email: string | null;
  first_name: string;
  last_name: string;
  date_of_birth: string | null;
  user_type: Role;
  status: UserStatus;
  company_name: string | null;
  phone_verified: boolean;
  email_verified: boolean;
  created_at: Date;
}

export interface CredentialsRow {
  password_hash: string;
  failed_attempts: number;
  locked_until: Date | null;
}

export interface NewUser {
  phone: string;
  email: string | null;
  first_name: string;
  last_name: string;
  date_of_birth: string | null;
  user_type: Role;
  company_name: string | null;
  password_hash: string;
}

export const USER_COLUMNS = `u.id, u.phone, u.email, u.first_name, u.last_name,
  to_char(u.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, u.user_type, u.status, u.company_name,
  u.phone_verified, u.email_verified, u.created_at`;

/** Roles follow from the user type: one role each (a B2B client is a client with a company). */
export function rolesOf(user: Pick<UserRow, 'user_type'>): Role[] {
  return [user.user_type];
}

export function toUserView(user: UserRow): UserView {
  return {
    id: user.id,
    phone: user.phone,
    email: user.email,
    first_name: user.first_name,
    last_name: user.last_name,
    date_of_birth: user.date_of_birth,
    user_type: user.user_type,
    roles: rolesOf(user),
    status: user.status,
    company_name: user.company_name,
    phone_verified: user.phone_verified,
    email_verified: user.email_verified,
    created_at: user.created_at.toISOString(),
  };
}

/** Postgres unique violations name their index: which identity was taken. */
export function takenIdentity(error: unknown): 'phone' | 'email' | undefined {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code !== '23505') return undefined;
  if (constraint === 'users_phone_key') return 'phone';
  if (constraint === 'users_email_key') return 'email';

  return undefined;
}

/** Users and their credentials: SQL only, no rules. */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<UserRow | undefined> {
    const rows = await manager.query<UserRow[]>(
      `SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );

    return rows[0];
  }

  async findByPhone(
    phone: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<UserRow | undefined> {
    const rows = await manager.query<UserRow[]>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.phone = $1`, [
      phone,
    ]);

    return rows[0];
  }

  async findWithCredentials(
    by: { phone: string } | { email: string },
  ): Promise<(UserRow & CredentialsRow) | undefined> {
    const [column, value] = 'phone' in by ? ['phone', by.phone] : ['email', by.email];
    const rows = await this.dataSource.query<(UserRow & CredentialsRow)[]>(
      `SELECT ${USER_COLUMNS}, c.password_hash, c.failed_attempts, c.locked_until
         FROM users u JOIN credentials c ON c.user_id = u.id
        WHERE u.${column} = $1`,
      [value],
    );

    return rows[0];
  }

  async insert(manager: EntityManager, user: NewUser): Promise<UserRow> {
    const id = randomUUID();
    await manager.query(
      `INSERT INTO users (id, phone, email, first_name, last_name, date_of_birth, user_type, company_name, phone_verified)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true)`,
      [
        id,
        user.phone,
        user.email,
        user.first_name,
        user.last_name,
        user.date_of_birth,
        user.user_type,
        user.company_name,
      ],
    );
    await manager.query('INSERT INTO credentials (user_id, password_hash) VALUES ($1, $2)', [
      id,
      user.password_hash,
    ]);
    const created = await this.findById(id, manager);
    if (!created) throw new Error(`User ${id} vanished inside its own transaction`);

    return created;
  }

  /**
   * Counts one failed sign-in, in the database so that parallel attempts all count; the one that reaches
   * `maxFailures` locks the account and starts a new count. Answers whether it is locked now.
   */
  async recordFailure(userId: string, maxFailures: number, lockSeconds: number): Promise<boolean> {
    // An UPDATE answers [rows, count] through TypeORM.
    const [rows] = await this.dataSource.query<[{ locked: boolean }[], number]>(
      `UPDATE credentials
          SET failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
              locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN now() + make_interval(secs => $3)
                                  ELSE locked_until END
        WHERE user_id = $1
    RETURNING locked_until IS NOT NULL AND locked_until > now() AS locked`,
      [userId, maxFailures, lockSeconds],
    );

    return rows[0]?.locked ?? false;
  }

  async recordSuccess(userId: string, newPasswordHash?: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE credentials
          SET failed_attempts = 0, locked_until = NULL, last_login_at = now(),
              password_hash = COALESCE($2, password_hash)
        WHERE user_id = $1`,
      [userId, newPasswordHash ?? null],
    );
  }

  async setPassword(manager: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await manager.query(
      `UPDATE credentials
          SET password_hash = $2, password_changed_at = now(), failed_attempts = 0, locked_until = NULL
        WHERE user_id = $1`,
      [userId, passwordHash],
    );
  }
}
