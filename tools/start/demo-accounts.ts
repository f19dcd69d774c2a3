import type { Role } from '@ecom/contracts';

export interface DemoAccount {
  role: Role;
  phone: string;
  email: string;
  password: string;
}

/**
 * Accounts the auth service creates when LOAD_DEMO_DATA=true, printed by `npm start` so a newcomer can
 * sign in straight away. Keep in step with the auth service's demo data; empty until auth has users.
 * Local demo credentials only: they never exist in production (LOAD_DEMO_DATA is off there).
 */
export const DEMO_ACCOUNTS: DemoAccount[] = [];
