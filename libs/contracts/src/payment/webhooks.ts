import { IsIn, IsObject, IsString, Length } from 'class-validator';

/**
 * A provider callback as the gateway received it: the raw body (signatures are over the exact bytes) and
 * the headers, lower-cased. The payment service verifies and answers; the gateway never parses it.
 */
export class ReceiveWebhookRequest {
  @IsString()
  @Length(1, 50)
  provider!: string;

  @IsString()
  raw_body!: string;

  @IsObject()
  headers!: Record<string, string>;
}

export class SandboxAnswerRequest {
  @IsString()
  intent_id!: string;

  @IsIn(['approve', 'decline'])
  answer!: 'approve' | 'decline';
}
