import type { Role } from '@ecom/contracts';

export interface DemoAccount {
  role: Role;
  phone: string;
  email: string;
  password: string;
}

/**
 * Accounts the auth service creates when LOAD_DEMO_DATA=true (apps/auth/src/demo/demo-data.ts, kept in
 * step by its spec), printed by `npm start` so a newcomer can sign in straight away.
 * Local demo credentials only: they never exist in production (LOAD_DEMO_DATA is off there).
 */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { role: 'admin', phone: '+22890000001', email: 'admin@demo.ecom.tg', password: 'Akwaba-Lome-2025!' },
  { role: 'client', phone: '+22890000002', email: 'client@demo.ecom.tg', password: 'Kpalime-Market-25!' },
  { role: 'client', phone: '+22890000003', email: 'b2b@demo.ecom.tg', password: 'Grand-Marche-25!' },
  { role: 'driver', phone: '+22890000004', email: 'driver@demo.ecom.tg', password: 'Moto-Zemidjan-25!' },
  { role: 'store_owner', phone: '+22890000005', email: 'store@demo.ecom.tg', password: 'Boutique-Be-25!' },
  { role: 'store_owner', phone: '+22890000006', email: 'store2@demo.ecom.tg', password: 'Marche-Tokoin-25!' },
  {
    role: 'store_owner',
    phone: '+22890000007',
    email: 'store3@demo.ecom.tg',
    password: 'Tonneaux-Golfe-25!',
  },
];
