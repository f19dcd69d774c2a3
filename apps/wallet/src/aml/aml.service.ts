import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import {
  WALLET_EVENTS,
  type AmlFlagKind,
  type AmlFlagPage,
  type AmlFlagView,
  type FlagRaisedEvent,
  type ListFlagsRequest,
} from '@ecom/contracts';
import { decodeCursor, EventPublisher, pageOf, preparedQuery, type PreparedStatement } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import { WalletConfig } from '../config';

export interface ScreenedTransfer {
  id: string;
  sender_id: string;
  receiver_id: string;
  amount: number;
}

interface FlagRow {
  id: string;
  kind: AmlFlagKind;
  user_id: string;
  transfer_id: string;
  amount: number;
  currency: 'XOF';
  details: Record<string, unknown>;
  created_at: Date;
}

const DEFAULT_PAGE = 20;

/** Records a transfer and reads the sender's history the screening needs. */
const RECORD_TRANSFER: PreparedStatement = {
  name: 'wallet.aml.record-transfer',
  text: `WITH recorded AS (
         INSERT INTO transfers (entry_id, sender_id, receiver_id, amount) VALUES ($1, $2, $3, $4))
       SELECT
         (SELECT count(DISTINCT receiver_id) FROM transfers
           WHERE sender_id = $2 AND created_at > now() - interval '1 hour')::int AS distinct_receivers,
         (SELECT count(*) FROM transfers
           WHERE sender_id = $2 AND receiver_id = $3 AND created_at > now() - interval '1 hour')::int
           AS to_this_receiver,
         (SELECT entry_id FROM transfers
           WHERE sender_id = $3 AND receiver_id = $2 AND created_at > now() - make_interval(hours => $5)
             AND amount BETWEEN $4 * 0.9 AND $4 * 1.1
           ORDER BY created_at DESC LIMIT 1) AS round_trip_of`,
};

/**
 * Anti-money-laundering signals on transfers: flagged for an admin to review, never blocked (the seed
 * asks for vigilance, not refusal). Screened inside the transfer's transaction: the flag and its event
 * exist if and only if the transfer does.
 */
@Injectable()
export class AmlService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventPublisher,
    private readonly config: WalletConfig,
  ) {}

  /** Records the transfer and screens it, in one statement (the screening reads what came before it). */
  async record(manager: EntityManager, transfer: ScreenedTransfer): Promise<void> {
    const [history] = await preparedQuery<
      { distinct_receivers: number; to_this_receiver: number; round_trip_of: string | null }[]
    >(manager, RECORD_TRANSFER, [
      transfer.id,
      transfer.sender_id,
      transfer.receiver_id,
      transfer.amount,
      this.config.AML_ROUND_TRIP_HOURS,
    ]);
    if (transfer.amount >= this.config.AML_LARGE_TRANSFER) {
      await this.raise(manager, transfer, 'large_transfer', { threshold: this.config.AML_LARGE_TRANSFER });
    }
    // Once per new receiver past the threshold, not on every later transfer to a known one.
    const isNewReceiver = history?.to_this_receiver === 0;
    const receivers = (history?.distinct_receivers ?? 0) + (isNewReceiver ? 1 : 0);
    if (isNewReceiver && receivers > this.config.AML_MAX_RECEIVERS_PER_HOUR) {
      await this.raise(manager, transfer, 'many_receivers', {
        distinct_receivers: receivers,
        threshold: this.config.AML_MAX_RECEIVERS_PER_HOUR,
      });
    }
    // Money coming back: the receiver sent a similar amount (±10 %) to the sender lately.
    if (history?.round_trip_of) {
      await this.raise(manager, transfer, 'round_trip', { previous_transfer_id: history.round_trip_of });
    }
  }

  async list(request: ListFlagsRequest): Promise<AmlFlagPage> {
    const limit = request.limit ?? DEFAULT_PAGE;
    const cursor = request.cursor ? decodeCursor(request.cursor) : null;
    const rows = await this.dataSource.query<FlagRow[]>(
      `SELECT id, kind, user_id, transfer_id, amount::float8 AS amount, currency, details, created_at
         FROM aml_flags
        WHERE ($1::uuid IS NULL OR user_id = $1) AND ($2::text IS NULL OR kind = $2)
          AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $5`,
      [
        request.user_id ?? null,
        request.kind ?? null,
        cursor?.created_at ?? null,
        cursor?.id ?? null,
        limit + 1,
      ],
    );
    const page = pageOf(rows, limit, (row) => row.created_at);

    return {
      items: page.rows.map((row): AmlFlagView => ({ ...row, created_at: row.created_at.toISOString() })),
      next_cursor: page.next,
    };
  }

  private async raise(
    manager: EntityManager,
    transfer: ScreenedTransfer,
    kind: AmlFlagKind,
    details: Record<string, unknown>,
  ): Promise<void> {
    const id = randomUUID();
    await manager.query(
      `INSERT INTO aml_flags (id, kind, user_id, transfer_id, amount, currency, details)
       VALUES ($1, $2, $3, $4, $5, 'XOF', $6)`,
      [id, kind, transfer.sender_id, transfer.id, transfer.amount, JSON.stringify(details)],
    );
    const event: FlagRaisedEvent = {
      flag_id: id,
      kind,
      user_id: transfer.sender_id,
      transfer_id: transfer.id,
      amount: transfer.amount,
    };
    await this.events.publish(manager, WALLET_EVENTS.flagRaised, event, { aggregateId: transfer.sender_id });
  }
}
