import { Injectable } from '@nestjs/common';
import { privacyExportSubject, SERVICE_NAMES, type PrivacyExportReply } from '@ecom/contracts';
import { DomainError, ServiceClient } from '@ecom/platform';

import type { PrivacyExportDto } from './dto/auth-replies.dto';

/**
 * A user's data from every service, as one document (RGPD access and portability). Each service answers
 * for its own schema; if one does not answer, the whole export fails (503) rather than look complete.
 */
@Injectable()
export class PrivacyExportService {
  constructor(private readonly client: ServiceClient) {}

  async export(userId: string): Promise<PrivacyExportDto> {
    const parts = await Promise.all(SERVICE_NAMES.map((service) => this.part(service, userId)));

    return {
      user_id: userId,
      generated_at: new Date().toISOString(),
      services: Object.fromEntries(parts.map((part) => [part.service, part.data])),
    };
  }

  private async part(service: (typeof SERVICE_NAMES)[number], userId: string): Promise<PrivacyExportReply> {
    let reply: PrivacyExportReply;
    try {
      reply = await this.client.request<PrivacyExportReply>(privacyExportSubject(service), {
        user_id: userId,
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'SERVICE_TIMEOUT') {
        throw new DomainError(
          'SERVICE_UNAVAILABLE',
          `${service} did not answer: the export would be incomplete`,
          {
            service,
          },
        );
      }
      throw error;
    }
    if (reply.service !== service || reply.user_id !== userId) {
      throw new DomainError('INTERNAL', `${service} answered the export for someone else`);
    }

    return reply;
  }
}
