import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type WebhookOutcome = 'applied' | 'already_settled' | 'unknown_intent' | 'ignored' | 'amount_mismatch';

/** Every verified callback as received: raw body and headers, and what it did. */
@Injectable()
export class WebhooksRepository {
  async record(
    manager: EntityManager,
    webhook: {
      provider: string;
      eventId: string | null;
      intentId: string | null;
      rawBody: string;
      headers: Record<string, string>;
      outcome: WebhookOutcome;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO webhooks (id, provider, event_id, intent_id, raw_body, headers, outcome)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        randomUUID(),
        webhook.provider,
        webhook.eventId,
        webhook.intentId,
        webhook.rawBody,
        JSON.stringify(webhook.headers),
        webhook.outcome,
      ],
    );
  }
}
