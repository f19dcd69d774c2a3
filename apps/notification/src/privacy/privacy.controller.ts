import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PrivacyExportRequest, privacyExportSubject, type PrivacyExportReply } from '@ecom/contracts';

import { PrivacyService } from './privacy.service';

/** The notification service's part of a user's RGPD export: every message addressed to them. */
@Controller()
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @MessagePattern(privacyExportSubject('notification'))
  export(@Payload() request: PrivacyExportRequest): Promise<PrivacyExportReply> {
    return this.privacy.export(request.user_id);
  }
}
