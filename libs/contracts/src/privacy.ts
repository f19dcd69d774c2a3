import { IsUUID } from 'class-validator';

import type { ServiceName } from './services';

/** Each service answers with every personal datum it holds about one user (RGPD access and portability). */
export function privacyExportSubject(service: ServiceName): string {
  return `${service}.privacy.export`;
}

export class PrivacyExportRequest {
  @IsUUID()
  user_id!: string;
}

export interface PrivacyExportReply {
  service: ServiceName;
  /** Whose data this is: the gateway checks it is the user it asked about. */
  user_id: string;
  /** The service's part, shaped by the service; empty when it holds nothing about the user. */
  data: Record<string, unknown>;
}
