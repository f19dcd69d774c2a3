/** The seven services behind the gateway; each owns the Postgres schema of the same name. */
export const SERVICE_NAMES = [
  'auth',
  'wallet',
  'payment',
  'transport',
  'marketplace',
  'notification',
  'analytics',
] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

export type AppName = 'gateway' | ServiceName;

export const APP_NAMES: readonly AppName[] = ['gateway', ...SERVICE_NAMES];

/** Default HTTP port of each app (health and metrics for services, the public API for the gateway). */
export const DEFAULT_HTTP_PORTS: Readonly<Record<AppName, number>> = {
  gateway: 3000,
  auth: 3001,
  wallet: 3002,
  payment: 3003,
  transport: 3004,
  marketplace: 3005,
  notification: 3006,
  analytics: 3007,
};

export function isServiceName(value: string): value is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(value);
}
