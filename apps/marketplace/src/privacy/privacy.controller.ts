import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PrivacyExportRequest, privacyExportSubject, type PrivacyExportReply } from '@ecom/contracts';

import { PrivacyService } from './privacy.service';

/** The marketplace service's part of a user's RGPD export: stores owned, orders placed, cart. */
@Controller()
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @MessagePattern(privacyExportSubject('marketplace'))
  export(@Payload() request: PrivacyExportRequest): Promise<PrivacyExportReply> {
    return this.privacy.export(request.user_id);
  }
}
