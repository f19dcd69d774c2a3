import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import {
  AUTH_EVENTS,
  type OtpPurpose,
  type OtpRequestedEvent,
  type SendOtpReply,
  type SendOtpRequest,
  type SessionReply,
  type VerificationReply,
  type VerifyOtpRequest,
} from '@ecom/contracts';
import { currentContext, DomainError, EventPublisher, inTransaction, SealedBox } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { UsersRepository, type UserRow } from '../accounts/users.repository';
import { AuthConfig } from '../config';
import { normalizePhone } from '../phone/phone-number';
import { randomOtpCode, randomToken, SecretHasher } from '../security/secret-hasher';
import { SessionsService } from '../sessions/sessions.service';
import { checkCode, sendRefusal, type CheckOutcome } from './otp-rules';
import { OtpRepository } from './otp.repository';

type VerifyResult =
  | { outcome: 'verified'; token: string }
  | { outcome: 'signed_in'; user: UserRow; refreshToken: string }
  | { outcome: Exclude<CheckOutcome, 'accepted'> | 'none' | 'suspended' };

/**
 * Phone verification by one-time code. Sending answers the same for every phone, registered or not:
 * the same checks and writes run, and only the delivery event depends on the account (a login or reset
 * code for a phone without an account is stored, so that limits and cooldowns behave alike, but never sent).
 */
@Injectable()
export class OtpService {
  private readonly sealer: SealedBox;

  constructor(
    private readonly dataSource: DataSource,
    private readonly codes: OtpRepository,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly hasher: SecretHasher,
    private readonly events: EventPublisher,
    private readonly config: AuthConfig,
  ) {
    this.sealer = new SealedBox(config.OTP_DELIVERY_KEY);
  }

  async send(request: SendOtpRequest): Promise<SendOtpReply> {
    const phone = normalizePhone(request.phone);
    const clientIp = currentContext()?.clientIp ?? null;
    const id = randomUUID();
    const code = randomOtpCode();
    await inTransaction(this.dataSource, async (manager) => {
      await this.codes.lock(manager, [
        `auth.otp.phone:${phone}`,
        ...(clientIp ? [`auth.otp.ip:${clientIp}`] : []),
      ]);
      const refusal = sendRefusal(
        await this.codes.recent(manager, phone, clientIp),
        {
          cooldownSeconds: this.config.OTP_RESEND_COOLDOWN_SECONDS,
          maxPerPhonePerHour: this.config.OTP_MAX_PER_PHONE_PER_HOUR,
          maxPerIpPerHour: this.config.OTP_MAX_PER_IP_PER_HOUR,
        },
        new Date(),
      );
      if (refusal?.reason === 'cooldown') {
        throw new DomainError(
          'AUTH_OTP_COOLDOWN',
          `Wait ${refusal.retryAfterSeconds} s before asking for another code`,
          {
            retry_after_seconds: refusal.retryAfterSeconds,
          },
        );
      }
      if (refusal) throw new DomainError('AUTH_OTP_LIMIT');
      const expiresAt = await this.codes.insert(manager, {
        id,
        phone,
        purpose: request.purpose,
        codeHash: this.hasher.hash('otp', `${id}:${code}`),
        clientIp,
        ttlSeconds: this.config.OTP_TTL_SECONDS,
      });
      if (!this.deliversTo(request.purpose, await this.users.findByPhone(phone, manager))) return;
      // Through the outbox: the SMS goes out even if notification is down now, and exactly when this
      // code was committed. Sealed: JetStream keeps events for days, on every replica; the code must not be
      // readable there, nor in any log of an event. Notification opens it with the same key.
      const event: OtpRequestedEvent = {
        otp_id: id,
        phone,
        purpose: request.purpose,
        sealed_code: this.sealer.seal(code, id),
        expires_at: expiresAt.toISOString(),
      };
      await this.events.publish(manager, AUTH_EVENTS.otpRequested, event, { aggregateId: id });
    });

    return { resend_after: this.config.OTP_RESEND_COOLDOWN_SECONDS, expires_in: this.config.OTP_TTL_SECONDS };
  }

  async verify(request: VerifyOtpRequest): Promise<VerificationReply | SessionReply> {
    const phone = normalizePhone(request.phone);
    // Wrong tries must be counted even though the answer is an error: decided in the transaction, thrown after.
    const result = await inTransaction(this.dataSource, async (manager): Promise<VerifyResult> => {
      const open = await this.codes.openCode(manager, phone, request.purpose);
      if (!open) return { outcome: 'none' };
      const check = checkCode(
        { attempts: open.attempts, expiresAt: open.expires_at },
        this.hasher.matches('otp', `${open.id}:${request.code}`, open.code_hash),
        new Date(),
        this.config.OTP_MAX_ATTEMPTS,
      );
      await this.codes.recordCheck(manager, open.id, check.attempts, check.closes);
      if (check.outcome !== 'accepted') return { outcome: check.outcome };
      if (request.purpose === 'login') {
        const user = await this.users.findByPhone(phone, manager);
        if (!user || user.status === 'erased') return { outcome: 'none' };
        if (user.status === 'suspended') return { outcome: 'suspended' };

        return { outcome: 'signed_in', user, refreshToken: await this.sessions.open(manager, user.id) };
      }
      const token = randomToken();
      await this.codes.insertVerification(manager, {
        id: randomUUID(),
        tokenHash: this.hasher.hash('verification', token),
        phone,
        purpose: request.purpose,
        ttlSeconds: this.config.VERIFICATION_TOKEN_TTL_SECONDS,
      });

      return { outcome: 'verified', token };
    });
    switch (result.outcome) {
      case 'verified':
        return { verification_token: result.token, expires_in: this.config.VERIFICATION_TOKEN_TTL_SECONDS };
      case 'signed_in':
        return this.sessions.reply(result.user, result.refreshToken);
      case 'expired':
        throw new DomainError('AUTH_OTP_EXPIRED', 'The code has expired: ask for a new one');
      case 'burnt':
        throw new DomainError('AUTH_OTP_INVALID', 'Too many wrong codes: ask for a new one');
      case 'suspended':
        throw new DomainError('AUTH_ACCOUNT_SUSPENDED');
      case 'wrong':
      case 'none':
        throw new DomainError('AUTH_OTP_INVALID');
    }
  }

  /** Registration codes go to any phone (only its holder can use one); the others only to accounts. */
  private deliversTo(purpose: OtpPurpose, user: UserRow | undefined): boolean {
    return purpose === 'registration' || (user !== undefined && user.status !== 'erased');
  }
}
