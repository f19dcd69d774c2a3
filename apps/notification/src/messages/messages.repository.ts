import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import type { MessageStatus, NotificationChannel } from '@ecom/contracts';
import { notifyAfterCommit, type PageCursor } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

export interface NewMessage {
  id: string;
  eventId: string;
  eventType: string;
  channel: NotificationChannel;
  recipientUserId: string | null;
  recipient: string;
  template: string;
  locale: string;
  body: string | null;
  provider: string | null;
  status: MessageStatus;
  topic: MessageTopic;
  /** What the provider must receive, sealed; null for in_app (stored is delivered). */
  sealedContent: string | null;
  /** When the worker may first try; null for in_app. */
  nextAttemptAt: Date | null;
  failoverOf: string | null;
}

export interface MessageRow {
  id: string;
  event_id: string;
  event_type: string;
  channel: NotificationChannel;
  recipient_user_id: string | null;
  recipient: string;
  template: string;
  locale: string;
  body: string | null;
  provider: string | null;
  status: MessageStatus;
  attempts: number;
  last_error: string | null;
  provider_message_id: string | null;
  read_at: Date | null;
  created_at: Date;
  updated_at: Date;
  delivered_at: Date | null;
  topic: MessageTopic;
  sealed_content: string | null;
  next_attempt_at: Date | null;
  failover_of: string | null;
}

/** Security messages (codes) ignore quiet hours and fail over; marketing needs the user's opt-in. */
export type MessageTopic = 'security' | 'transactional' | 'marketing';

/** The end of one try, as the worker records it. `retryAt` null with a failure means failed for good. */
export interface FinishedAttempt {
  attempt: number;
  provider: string;
  outcome: 'sent' | 'retryable' | 'permanent';
  error: string | null;
  providerMessageId: string | null;
  retryAt: Date | null;
}

/** What TypeORM's `query` answers for UPDATE and DELETE on Postgres: the returned rows and the count. */
type Changed<T> = [T[], number];

/** What a transaction that queued a message notifies once committed: the delivery worker listens on it. */
export const DELIVERY_WAKE_CHANNEL = 'notification_delivery';

/** Messages and their attempts: SQL only. */
@Injectable()
export class MessagesRepository {
  /** False when this (event, channel, recipient) already has its message: a redelivery sends nothing. */
  async insertOnce(manager: EntityManager, message: NewMessage): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO messages (id, event_id, event_type, channel, recipient_user_id, recipient, template, locale,
                             body, provider, status, delivered_at, topic, sealed_content, next_attempt_at, failover_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::varchar, CASE WHEN $11::varchar = 'delivered' THEN now() END,
               $12, $13, $14, $15)
       ON CONFLICT ON CONSTRAINT messages_once_key DO NOTHING RETURNING id`,
      [
        message.id,
        message.eventId,
        message.eventType,
        message.channel,
        message.recipientUserId,
        message.recipient,
        message.template,
        message.locale,
        message.body,
        message.provider,
        message.status,
        message.topic,
        message.sealedContent,
        message.nextAttemptAt,
        message.failoverOf,
      ],
    );

    const created = rows.length > 0;
    if (created && message.status === 'queued') notifyAfterCommit(manager, DELIVERY_WAKE_CHANNEL);

    return created;
  }

  /**
   * Claims up to `limit` due messages for this worker: their `next_attempt_at` moves forward by the lease,
   * so other replicas skip them (SKIP LOCKED while the claim runs, the lease after) and a worker that dies
   * mid-send gives them back when the lease runs out.
   */
  async claimDue(manager: EntityManager, limit: number, leaseMs: number): Promise<MessageRow[]> {
    const [rows] = await manager.query<Changed<MessageRow>>(
      `UPDATE messages m SET next_attempt_at = now() + $2 * interval '1 millisecond', updated_at = now()
       FROM (SELECT id FROM messages WHERE status = 'queued' AND next_attempt_at <= now()
             ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) due
       WHERE m.id = due.id RETURNING m.*`,
      [limit, leaseMs],
    );

    return rows;
  }

  /**
   * Records one try and its effect on the message, if the message is still where this worker left it
   * (queued, with `attempt - 1` tries): a worker whose lease was overtaken records nothing. The sealed
   * content goes once the outcome is final. Null when the message moved on without this worker.
   */
  async finishAttempt(
    manager: EntityManager,
    messageId: string,
    attempt: FinishedAttempt,
  ): Promise<MessageRow | undefined> {
    const status = attempt.outcome === 'sent' ? 'sending' : attempt.retryAt ? 'queued' : 'failed';
    const [[row]] = await manager.query<Changed<MessageRow>>(
      `UPDATE messages SET attempts = attempts + 1, updated_at = now(), status = $2::varchar, provider = $3,
              next_attempt_at = $4, last_error = $5, provider_message_id = coalesce($6, provider_message_id),
              sealed_content = CASE WHEN $2::varchar = 'queued' THEN sealed_content END
       WHERE id = $1 AND status = 'queued' AND attempts = $7 - 1
       RETURNING *`,
      [
        messageId,
        status,
        attempt.provider,
        attempt.retryAt,
        attempt.error,
        attempt.providerMessageId,
        attempt.attempt,
      ],
    );
    if (!row) return undefined;
    await manager.query(
      `INSERT INTO message_attempts (id, message_id, attempt, provider, outcome, error, provider_message_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        randomUUID(),
        messageId,
        attempt.attempt,
        attempt.provider,
        attempt.outcome,
        attempt.error,
        attempt.providerMessageId,
      ],
    );

    return row;
  }

  /** Puts a claimed message back to wait (rate limit), without counting a try. */
  async postpone(manager: EntityManager, messageId: string, until: Date): Promise<void> {
    await manager.query(
      "UPDATE messages SET next_attempt_at = $2, updated_at = now() WHERE id = $1 AND status = 'queued'",
      [messageId, until],
    );
  }

  /**
   * Lets one send to `recipient` through if fewer than `limit` went there in the last minute, counting it;
   * otherwise answers when the oldest of them leaves the minute. Serialised per address by an advisory lock,
   * so replicas together never let more than `limit` through. Must run in a transaction.
   */
  async takeSendSlot(
    manager: EntityManager,
    channel: NotificationChannel,
    recipient: string,
    limit: number,
  ): Promise<Date | null> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`send:${channel}:${recipient}`]);
    await manager.query("DELETE FROM send_window WHERE sent_at <= now() - interval '1 minute'");
    const [window] = await manager.query<{ count: number; free_at: Date | null }[]>(
      `SELECT count(*)::int AS count, min(sent_at) + interval '1 minute' AS free_at
       FROM send_window WHERE channel = $1 AND recipient = $2`,
      [channel, recipient],
    );
    if ((window?.count ?? 0) >= limit) return window?.free_at ?? new Date(Date.now() + 60_000);
    await manager.query('INSERT INTO send_window (channel, recipient) VALUES ($1, $2)', [channel, recipient]);

    return null;
  }

  /** A receipt arriving twice, or after a failure, changes nothing. */
  async markDelivered(manager: EntityManager, messageId: string): Promise<boolean> {
    const [rows] = await manager.query<Changed<{ id: string }>>(
      `UPDATE messages SET status = 'delivered', delivered_at = now(), updated_at = now()
       WHERE id = $1 AND status = 'sending' RETURNING id`,
      [messageId],
    );

    return rows.length > 0;
  }

  /** One page, newest first; `limit + 1` rows tell whether another page follows. */
  async page(
    manager: EntityManager,
    filter: { userId?: string; channel?: NotificationChannel; status?: MessageStatus },
    after: PageCursor | null,
    limit: number,
  ): Promise<MessageRow[]> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    const bind = (value: unknown): string => {
      values.push(value);

      return `$${values.length}`;
    };
    if (filter.userId) conditions.push(`recipient_user_id = ${bind(filter.userId)}`);
    if (filter.channel) conditions.push(`channel = ${bind(filter.channel)}`);
    if (filter.status) conditions.push(`status = ${bind(filter.status)}`);
    if (after) {
      conditions.push(`(created_at, id) < (${bind(after.created_at)}::timestamptz, ${bind(after.id)}::uuid)`);
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';

    return manager.query<MessageRow[]>(
      `SELECT * FROM messages ${where} ORDER BY created_at DESC, id DESC LIMIT ${bind(limit + 1)}`,
      values,
    );
  }

  /** Marks the user's in-app message read (the first read time stays); undefined when it is not theirs. */
  async markRead(manager: EntityManager, userId: string, id: string): Promise<MessageRow | undefined> {
    const [rows] = await manager.query<Changed<MessageRow>>(
      `UPDATE messages SET read_at = coalesce(read_at, now()), updated_at = now()
       WHERE id = $1 AND recipient_user_id = $2 AND channel = 'in_app' RETURNING *`,
      [id, userId],
    );

    return rows[0];
  }

  /** Unread in-app notes of the user. */
  async unreadCount(manager: EntityManager, userId: string): Promise<number> {
    const [row] = await manager.query<{ count: number }[]>(
      "SELECT count(*)::int AS count FROM messages WHERE recipient_user_id = $1 AND channel = 'in_app' AND read_at IS NULL",
      [userId],
    );

    return row?.count ?? 0;
  }

  async findByUser(manager: EntityManager, userId: string): Promise<MessageRow[]> {
    return manager.query<MessageRow[]>(
      'SELECT * FROM messages WHERE recipient_user_id = $1 ORDER BY created_at, id',
      [userId],
    );
  }

  async eraseUser(manager: EntityManager, userId: string): Promise<number> {
    const [, count] = await manager.query<Changed<{ id: string }>>(
      'DELETE FROM messages WHERE recipient_user_id = $1',
      [userId],
    );

    return count;
  }
}
