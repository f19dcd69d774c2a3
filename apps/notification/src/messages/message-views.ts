import type { AdminMessageView, InAppNotificationView } from '@ecom/contracts';

import { maskAddress } from '../templates/message-templates';
import type { MessageRow } from './messages.repository';

export function toInAppView(row: MessageRow): InAppNotificationView {
  return {
    id: row.id,
    template: row.template,
    body: row.body ?? '',
    read_at: row.read_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  };
}

/**
 * In production an admin sees neither bodies (an SMS body may hold a one-time code, an in-app note is the
 * user's own) nor whole addresses; elsewhere the sandbox outbox is shown in full so a developer can read
 * the OTP sent to their phone.
 */
export function toAdminView(row: MessageRow, production: boolean): AdminMessageView {
  return {
    id: row.id,
    event_id: row.event_id,
    event_type: row.event_type,
    channel: row.channel,
    recipient_user_id: row.recipient_user_id,
    recipient: production && row.channel !== 'in_app' ? maskAddress(row.recipient) : row.recipient,
    template: row.template,
    locale: row.locale,
    provider: row.provider,
    status: row.status,
    topic: row.topic,
    attempts: row.attempts,
    next_attempt_at: row.next_attempt_at?.toISOString() ?? null,
    last_error: row.last_error,
    failover_of: row.failover_of,
    body: production ? null : row.body,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    delivered_at: row.delivered_at?.toISOString() ?? null,
  };
}
