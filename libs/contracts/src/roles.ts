export const ROLES = ['client', 'driver', 'store_owner', 'admin'] as const;

export type Role = (typeof ROLES)[number];

/** The verified caller the gateway passes with every message; services trust it (only they hold NATS credentials). */
export interface Caller {
  user_id: string;
  roles: Role[];
}
