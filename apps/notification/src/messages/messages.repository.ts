import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import type { MessageStatus, NotificationChannel } from '@ecom/contracts';
import type { EntityManager } from 'typeorm';

import type { PageCursor } from './page-cursor';

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
}

export interface AttemptOutcome {
  provider: string;
  outcome: 'sent' | 'retryable' | 'permanent';
  error: string | null;
  providerMessageId: string | null;
}

/** What TypeORM's `query` answers for UPDATE and DELETE on Postgres: the returned rows and the count. */
type Changed<T> = [T[], number];

/** Messages and their attempts: SQL only. */
@Injectable()
export class MessagesRepository {
  /** False when this (event, channel, recipient) already has its message: a redelivery sends nothing. */
  async insertOnce(manager: EntityManager, message: NewMessage): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO messages (id, event_id, event_type, channel, recipient_user_id, recipient, template, locale,
                             body, provider, status, delivered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::varchar, CASE WHEN $11::varchar = 'delivered' THEN now() END)
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
      ],
    );

    return rows.length > 0;
  }

  /** Records one try and moves the message to `sending` (accepted, awaiting receipt) or `failed`. */
  async recordAttempt(manager: EntityManager, messageId: string, attempt: AttemptOutcome): Promise<void> {
    const [[row]] = await manager.query<Changed<{ attempts: number }>>(
      `UPDATE messages SET attempts = attempts + 1, updated_at = now(),
              status = CASE $2::varchar WHEN 'sent' THEN 'sending' WHEN 'permanent' THEN 'failed' ELSE status END,
              last_error = $3, provider_message_id = coalesce($4, provider_message_id)
       WHERE id = $1 RETURNING attempts`,
      [messageId, attempt.outcome, attempt.error, attempt.providerMessageId],
    );
    if (!row) throw new Error(`Message ${messageId} does not exist`);
    await manager.query(
      `INSERT INTO message_attempts (id, message_id, attempt, provider, outcome, error, provider_message_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        randomUUID(),
        messageId,
        row.attempts,
        attempt.provider,
        attempt.outcome,
        attempt.error,
        attempt.providerMessageId,
      ],
    );
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
