import { randomUUID } from 'node:crypto';

import { Algorithm, hash } from '@node-rs/argon2';
import { AUTH_EVENTS, type Role, type UserRegisteredEvent } from '@ecom/contracts';
import { EventPublisher, inTransaction, outboxChannel } from '@ecom/platform';
import type { DataSource } from 'typeorm';

import type { AuthConfig } from '../config';

export interface DemoUser {
  role: Role;
  phone: string;
  email: string;
  password: string;
  first_name: string;
  last_name: string;
  company_name?: string;
}

/**
 * Local demo accounts, one per kind of user. Loaded only when LOAD_DEMO_DATA is on and never in
 * production (the platform refuses); tools/start/demo-accounts.ts prints the same list at `npm start`.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    role: 'admin',
    phone: '+22890000001',
    email: 'admin@demo.ecom.tg',
    password: 'Akwaba-Lome-2025!',
    first_name: 'Afi',
    last_name: 'Admin',
  },
  {
    role: 'client',
    phone: '+22890000002',
    email: 'client@demo.ecom.tg',
    password: 'Kpalime-Market-25!',
    first_name: 'Kossi',
    last_name: 'Mensah',
  },
  {
    role: 'client',
    phone: '+22890000003',
    email: 'b2b@demo.ecom.tg',
    password: 'Grand-Marche-25!',
    first_name: 'Ama',
    last_name: 'Lawson',
    company_name: 'Lomé Distribution SARL',
  },
  {
    role: 'driver',
    phone: '+22890000004',
    email: 'driver@demo.ecom.tg',
    password: 'Moto-Zemidjan-25!',
    first_name: 'Yao',
    last_name: 'Agbeko',
  },
  {
    role: 'store_owner',
    phone: '+22890000005',
    email: 'store@demo.ecom.tg',
    password: 'Boutique-Be-25!',
    first_name: 'Edem',
    last_name: 'Amouzou',
  },
  {
    role: 'store_owner',
    phone: '+22890000006',
    email: 'store2@demo.ecom.tg',
    password: 'Marche-Tokoin-25!',
    first_name: 'Akouvi',
    last_name: 'Dossou',
  },
  {
    role: 'store_owner',
    phone: '+22890000007',
    email: 'store3@demo.ecom.tg',
    password: 'Tonneaux-Golfe-25!',
    first_name: 'Komlan',
    last_name: 'Ahiadji',
  },
];

/** Creates the demo accounts that do not exist yet, each announced like a real registration. */
export async function loadDemoUsers(dataSource: DataSource, config: AuthConfig): Promise<void> {
  const events = new EventPublisher('auth', outboxChannel('auth'));
  for (const demo of DEMO_USERS) {
    const exists = await dataSource.query<unknown[]>('SELECT 1 FROM users WHERE phone = $1', [demo.phone]);
    if (exists.length > 0) continue;
    const passwordHash = await hash(demo.password, {
      algorithm: Algorithm.Argon2id,
      memoryCost: config.ARGON2_MEMORY_KIB,
      timeCost: config.ARGON2_ITERATIONS,
      parallelism: config.ARGON2_PARALLELISM,
    });
    await inTransaction(dataSource, async (manager) => {
      const id = randomUUID();
      const inserted = await manager.query<{ id: string }[]>(
        `INSERT INTO users (id, phone, email, first_name, last_name, user_type, company_name, phone_verified, email_verified)
         VALUES ($1, $2, $3, $4, $5, $6, $7, true, true) ON CONFLICT DO NOTHING RETURNING id`,
        [id, demo.phone, demo.email, demo.first_name, demo.last_name, demo.role, demo.company_name ?? null],
      );
      // Another replica loaded it in the meantime.
      if (inserted.length === 0) return;
      await manager.query('INSERT INTO credentials (user_id, password_hash) VALUES ($1, $2)', [
        id,
        passwordHash,
      ]);
      const event: UserRegisteredEvent = {
        user_id: id,
        user_type: demo.role,
        roles: [demo.role],
        phone: demo.phone,
        email: demo.email,
        first_name: demo.first_name,
        company_name: demo.company_name ?? null,
      };
      await events.publish(manager, AUTH_EVENTS.userRegistered, event, { aggregateId: id });
    });
  }
}
