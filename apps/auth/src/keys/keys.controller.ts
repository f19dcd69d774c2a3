import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AUTH_JWKS_SUBJECT,
  AUTH_SUBJECTS,
  RotateKeysRequest,
  type JwksReply,
  type RotateKeysReply,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { SigningKeysService } from './signing-keys.service';

@Controller()
export class KeysController {
  constructor(private readonly keys: SigningKeysService) {}

  /** The public keys for the gateway (and for `/auth/.well-known/jwks.json`). */
  @MessagePattern(AUTH_JWKS_SUBJECT)
  jwks(): Promise<JwksReply> {
    return this.keys.jwks();
  }

  /** Operators rotate at will (a leaked key, a drill); JWT_KEY_ROTATION_DAYS rotates on its own. */
  @Roles('admin')
  @MessagePattern(AUTH_SUBJECTS.rotateKeys)
  rotate(@Payload() request: RotateKeysRequest): Promise<RotateKeysReply> {
    return this.keys.rotate(request.activate_in_seconds);
  }
}
