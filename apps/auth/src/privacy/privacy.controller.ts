import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AUTH_SUBJECTS,
  PrivacyExportRequest,
  privacyExportSubject,
  type PrivacyExportReply,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { ANY_ROLE, callerId } from '../security/caller';
import { PrivacyService } from './privacy.service';

@Controller()
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  /** Auth's part of a user's export; asked by the gateway for the user, like every service's part. */
  @MessagePattern(privacyExportSubject('auth'))
  export(@Payload() request: PrivacyExportRequest): Promise<PrivacyExportReply> {
    return this.privacy.export(request.user_id);
  }

  @Roles(...ANY_ROLE)
  @MessagePattern(AUTH_SUBJECTS.eraseAccount)
  async erase(): Promise<{ ok: true }> {
    await this.privacy.erase(callerId());

    return { ok: true };
  }
}
