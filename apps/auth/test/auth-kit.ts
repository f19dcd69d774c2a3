import { randomInt, randomUUID } from 'node:crypto';

import type { Caller, EventEnvelope, SessionReply, VerificationReply } from '@ecom/contracts';
import { DomainError, type RequestContext, type RunningApp } from '@ecom/platform';
import { LogCapture, SmsSandbox, startService, TestBus, TestEnvironment } from '@ecom/testing';
import { DataSource } from 'typeorm';

import type { AuthConfig } from '../src/config';
import { authService } from '../src/service';

/** argon2id at its lightest: the tests prove behaviour, not cost. */
export const FAST_HASHING = { ARGON2_MEMORY_KIB: '1024', ARGON2_ITERATIONS: '1', LOG_LEVEL: 'info' };

/** A fresh valid Togolese mobile number (+228 91 …). */
export function newPhone(): string {
  return `+22891${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

export const STRONG_PASSWORD = 'Baobab-Lagune-2025';

/** The auth service in this process, the test's own NATS client, its SMS sandbox and its logs. */
export class AuthKit {
  private constructor(
    readonly environment: TestEnvironment,
    readonly bus: TestBus,
    readonly service: RunningApp<AuthConfig>,
    readonly sms: SmsSandbox,
    readonly logs: LogCapture,
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<AuthKit> {
    const environment = await TestEnvironment.create();
    const bus = await TestBus.connect(environment);
    const logs = new LogCapture();
    const service = await startService(authService, environment, { ...FAST_HASHING, ...overrides }, logs);
    const sms = await SmsSandbox.open(environment);

    return new AuthKit(environment, bus, service, sms, logs);
  }

  get db(): DataSource {
    return this.service.app.get(DataSource);
  }

  async stop(): Promise<void> {
    await this.sms.close();
    await this.service.close();
    await this.bus.close();
    await this.environment.destroy();
  }

  /** A request as the gateway sends it: the verified caller (if any) and the client address in headers. */
  call<T>(subject: string, data: unknown, from: { caller?: Caller; clientIp?: string } = {}): Promise<T> {
    const requestId = randomUUID();
    const context: RequestContext = { requestId, correlationId: requestId, ...from };

    return this.bus.client.request<T>(subject, data, { context });
  }

  /** The error code a request is answered with (fails the test if it succeeds). */
  async codeOf(request: Promise<unknown>): Promise<string> {
    try {
      await request;
    } catch (error) {
      if (error instanceof DomainError) return error.code;
      throw error;
    }
    throw new Error('The request succeeded');
  }

  /** Moves this phone's codes an hour back: the next request is past cooldown and hourly limit. */
  async passTime(phone: string): Promise<void> {
    await this.db.query("UPDATE otp_codes SET created_at = created_at - interval '1 hour' WHERE phone = $1", [
      phone,
    ]);
  }

  /** Asks for a code and reads it from the SMS sandbox. */
  async codeFor(phone: string, purpose: 'registration' | 'login' | 'password_reset'): Promise<string> {
    await this.call('auth.otp.send', { phone, purpose });

    return this.sms.nextCode(phone, purpose);
  }

  async verifiedToken(
    phone: string,
    purpose: 'registration' | 'password_reset' = 'registration',
  ): Promise<string> {
    const code = await this.codeFor(phone, purpose);
    const reply = await this.call<VerificationReply>('auth.otp.verify', { phone, code, purpose });

    return reply.verification_token;
  }

  /** A registered account and its first session. */
  async register(
    fields: Partial<Record<'user_type' | 'email' | 'company_name' | 'password', string>> = {},
    phone = newPhone(),
  ): Promise<SessionReply & { phone: string; caller: Caller }> {
    const session = await this.call<SessionReply>('auth.users.register', {
      verification_token: await this.verifiedToken(phone),
      first_name: 'Kossi',
      last_name: 'Mensah',
      password: STRONG_PASSWORD,
      user_type: 'client',
      ...fields,
    });

    return { ...session, phone, caller: { user_id: session.user.id, roles: session.user.roles } };
  }

  /** Events written to auth's outbox (committed with the change), oldest first. */
  async outbox<T>(type: string): Promise<EventEnvelope<T>[]> {
    const rows = await this.db.query<{ envelope: EventEnvelope<T> }[]>(
      'SELECT envelope FROM outbox WHERE type = $1 ORDER BY created_at, id',
      [type],
    );

    return rows.map((row) => row.envelope);
  }
}
