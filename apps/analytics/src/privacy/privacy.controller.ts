import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PrivacyExportRequest, privacyExportSubject, type PrivacyExportReply } from '@ecom/contracts';

/** The analytics service's part of a user's RGPD export: nothing is held about users yet. */
@Controller()
export class PrivacyController {
  @MessagePattern(privacyExportSubject('analytics'))
  export(@Payload() request: PrivacyExportRequest): PrivacyExportReply {
    return { service: 'analytics', user_id: request.user_id, data: {} };
  }
}
