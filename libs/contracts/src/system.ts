import type { ServiceName } from './services';

export function pingSubject(service: ServiceName): string {
  return `${service}.system.ping`;
}

/** A service's answer to `<app>.system.ping`: who it is and whether its own dependencies answer. */
export class PingReply {
  service!: ServiceName;
  version!: string;
  ready!: boolean;
  schema_version!: string | null;
}

/** Auth answers with the public keys that verify access tokens (the JWKS), for the gateway to cache. */
export const AUTH_JWKS_SUBJECT = 'auth.keys.jwks';

export interface PublicJwk {
  kty: string;
  kid: string;
  alg: string;
  use?: string;
  n?: string;
  e?: string;
  crv?: string;
  x?: string;
  y?: string;
}

export interface JwksReply {
  keys: PublicJwk[];
}

/** Claims of an access token issued by auth and verified at the gateway. */
export interface AccessTokenClaims {
  sub: string;
  roles: string[];
  iss: string;
  aud: string | string[];
  exp: number;
  iat: number;
}
