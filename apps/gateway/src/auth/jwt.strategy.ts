import type { KeyObject } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ROLES, type AccessTokenClaims, type Caller, type Role } from '@ecom/contracts';
import { DomainError } from '@ecom/platform';
import { ExtractJwt, Strategy, type SecretOrKeyProvider } from 'passport-jwt';

import { GatewayConfig } from '../config';
import { JwksService } from './jwks.service';
import { RevokedUsersService } from './revoked-users.service';

/**
 * Verifies bearer access tokens: signature by a key from auth's JWKS (chosen by `kid`), algorithm,
 * issuer and audience pinned, expiry enforced, and its user neither suspended nor erased.
 * The verified caller is `{ user_id, roles }`.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    jwks: JwksService,
    config: GatewayConfig,
    private readonly revoked: RevokedUsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: [config.JWT_ALGORITHM],
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ignoreExpiration: false,
      // passport-jwt hands the key to jsonwebtoken, which verifies with a KeyObject as is (a PEM string it
      // would parse again on every request); the typings only list strings and buffers.
      secretOrKeyProvider: ((
        _request: unknown,
        rawToken: string,
        done: (error: unknown, key?: KeyObject) => void,
      ) => {
        const kid = keyIdOf(rawToken);
        if (!kid) {
          done(new DomainError('TOKEN_INVALID', 'The token names no signing key'));

          return;
        }
        jwks.keyFor(kid).then(
          (key) => {
            if (key) done(null, key);
            else done(new DomainError('TOKEN_INVALID', 'The token is signed by an unknown key'));
          },
          (error: unknown) => {
            done(error);
          },
        );
      }) as SecretOrKeyProvider,
    });
  }

  validate(claims: AccessTokenClaims): Caller {
    const roles = Array.isArray(claims.roles) ? claims.roles : [];
    if (typeof claims.sub !== 'string' || !roles.every((role) => ROLES.includes(role as Role))) {
      throw new DomainError('TOKEN_INVALID', 'The token claims are not valid');
    }
    switch (this.revoked.revocationOf(claims.sub)) {
      case 'suspended':
        throw new DomainError('AUTH_ACCOUNT_SUSPENDED');
      case 'erased':
        throw new DomainError('TOKEN_INVALID', 'The account was erased');
      case undefined:
        break;
    }

    return { user_id: claims.sub, roles: roles as Role[] };
  }
}

function keyIdOf(rawToken: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(rawToken.split('.')[0] ?? '', 'base64url').toString('utf8')) as {
      kid?: unknown;
    };

    return typeof header.kid === 'string' ? header.kid : undefined;
  } catch {
    return undefined;
  }
}
