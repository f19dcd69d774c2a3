import { Injectable } from '@nestjs/common';
import type { OtpPurpose } from '@ecom/contracts';
import type { EntityManager } from 'typeorm';

import type { RecentSends } from './otp-rules';

export interface OtpRow {
  id: string;
  code_hash: string;
  attempts: number;
  expires_at: Date;
}

/** One-time codes and the verifications they grant: SQL only. */
@Injectable()
export class OtpRepository {
  /** Serialises the requests of one phone and of one address, so limits hold under concurrency. */
  async lock(manager: EntityManager, keys: string[]): Promise<void> {
    for (const key of keys) await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
  }

  async recent(manager: EntityManager, phone: string, clientIp: string | null): Promise<RecentSends> {
    const [row] = await manager.query<
      { last_sent_at: Date | null; to_phone: number; from_ip: number | null }[]
    >(
      `SELECT (SELECT max(created_at) FROM otp_codes WHERE phone = $1) AS last_sent_at,
              (SELECT count(*)::int FROM otp_codes WHERE phone = $1 AND created_at > now() - interval '1 hour') AS to_phone,
              CASE WHEN $2::text IS NULL THEN NULL ELSE
                (SELECT count(*)::int FROM otp_codes WHERE client_ip = $2 AND created_at > now() - interval '1 hour')
              END AS from_ip`,
      [phone, clientIp],
    );

    return {
      lastSentAt: row?.last_sent_at ?? null,
      sentToPhoneLastHour: row?.to_phone ?? 0,
      sentFromIpLastHour: row?.from_ip ?? null,
    };
  }

  async insert(
    manager: EntityManager,
    code: {
      id: string;
      phone: string;
      purpose: OtpPurpose;
      codeHash: string;
      clientIp: string | null;
      ttlSeconds: number;
    },
  ): Promise<Date> {
    // Only the newest code of a phone and purpose is open: asking again closes the previous one.
    await manager.query(
      'UPDATE otp_codes SET consumed_at = now() WHERE phone = $1 AND purpose = $2 AND consumed_at IS NULL',
      [code.phone, code.purpose],
    );
    const [row] = await manager.query<{ expires_at: Date }[]>(
      `INSERT INTO otp_codes (id, phone, purpose, code_hash, client_ip, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6)) RETURNING expires_at`,
      [code.id, code.phone, code.purpose, code.codeHash, code.clientIp, code.ttlSeconds],
    );
    if (!row) throw new Error('The code was not stored');

    return row.expires_at;
  }

  async openCode(manager: EntityManager, phone: string, purpose: OtpPurpose): Promise<OtpRow | undefined> {
    const rows = await manager.query<OtpRow[]>(
      `SELECT id, code_hash, attempts, expires_at FROM otp_codes
        WHERE phone = $1 AND purpose = $2 AND consumed_at IS NULL
        ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
      [phone, purpose],
    );

    return rows[0];
  }

  async recordCheck(manager: EntityManager, id: string, attempts: number, closes: boolean): Promise<void> {
    await manager.query(
      `UPDATE otp_codes SET attempts = $2, consumed_at = CASE WHEN $3 THEN now() ELSE consumed_at END WHERE id = $1`,
      [id, attempts, closes],
    );
  }

  async insertVerification(
    manager: EntityManager,
    verification: { id: string; tokenHash: string; phone: string; purpose: OtpPurpose; ttlSeconds: number },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO verifications (id, token_hash, phone, purpose, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [
        verification.id,
        verification.tokenHash,
        verification.phone,
        verification.purpose,
        verification.ttlSeconds,
      ],
    );
  }

  /** The phone a live verification proves, without using it up. */
  async verifiedPhone(
    manager: EntityManager,
    tokenHash: string,
    purpose: OtpPurpose,
  ): Promise<string | undefined> {
    const rows = await manager.query<{ phone: string }[]>(
      'SELECT phone FROM verifications WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()',
      [tokenHash, purpose],
    );

    return rows[0]?.phone;
  }

  /** Uses a live verification up (first wins); the phone it proved, or undefined. */
  async useVerification(
    manager: EntityManager,
    tokenHash: string,
    purpose: OtpPurpose,
  ): Promise<string | undefined> {
    const [rows] = await manager.query<[{ phone: string }[], number]>(
      `UPDATE verifications SET used_at = now()
        WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
    RETURNING phone`,
      [tokenHash, purpose],
    );

    return rows[0]?.phone;
  }

  /** Every code and verification of a phone: personal data of an erased user. */
  async deleteForPhone(manager: EntityManager, phone: string): Promise<void> {
    await manager.query('DELETE FROM otp_codes WHERE phone = $1', [phone]);
    await manager.query('DELETE FROM verifications WHERE phone = $1', [phone]);
  }
}
