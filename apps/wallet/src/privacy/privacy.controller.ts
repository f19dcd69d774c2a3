import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PrivacyExportRequest, privacyExportSubject, type PrivacyExportReply } from '@ecom/contracts';

import { PrivacyService } from './privacy.service';

/** The wallet service's part of a user's RGPD export: wallet, transactions, holds, masked methods. */
@Controller()
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @MessagePattern(privacyExportSubject('wallet'))
  export(@Payload() request: PrivacyExportRequest): Promise<PrivacyExportReply> {
    return this.privacy.export(request.user_id);
  }
}
