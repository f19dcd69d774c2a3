import { randomInt, randomUUID } from 'node:crypto';

import type { Caller, EventEnvelope, UserSummary, WalletTransactionView } from '@ecom/contracts';
import { DomainError, type RequestContext, type RunningApp } from '@ecom/platform';
import { eventEnvelope, LogCapture, startService, TestBus, TestEnvironment } from '@ecom/testing';
import { DataSource } from 'typeorm';

import type { WalletConfig } from '../src/config';
import { walletService } from '../src/service';

export const ADMIN: Caller = { user_id: '00000000-0000-4000-8000-0000000000ad', roles: ['admin'] };

export interface TestUser {
  id: string;
  phone: string;
  caller: Caller;
}

/**
 * The wallet service in this process, the test's NATS client, and auth stood in on the bus: a phone
 * directory the tests fill as users "register".
 */
export class WalletKit {
  private readonly phones = new Map<string, UserSummary>();

  private constructor(
    readonly environment: TestEnvironment,
    readonly bus: TestBus,
    readonly service: RunningApp<WalletConfig>,
    readonly logs: LogCapture,
  ) {
    bus.respond('auth.users.find-by-phone', (data) => {
      const user = this.phones.get((data as { phone: string }).phone.replace(/\s/g, ''));
      if (!user) throw new DomainError('NOT_FOUND', 'User was not found');

      return user;
    });
  }

  static async start(overrides: Record<string, string> = {}): Promise<WalletKit> {
    const environment = await TestEnvironment.create();
    const bus = await TestBus.connect(environment);
    const logs = new LogCapture();
    const service = await startService(
      walletService,
      environment,
      { DB_POOL_SIZE: '20', ...overrides },
      logs,
    );

    return new WalletKit(environment, bus, service, logs);
  }

  get db(): DataSource {
    return this.service.app.get(DataSource);
  }

  async stop(): Promise<void> {
    await this.service.close();
    await this.bus.close();
    await this.environment.destroy();
  }

  /** A user known to the auth stand-in, without a wallet yet. */
  user(): TestUser {
    const id = randomUUID();
    const phone = `+22890${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    this.phones.set(phone, {
      user_id: id,
      first_name: 'Ama',
      last_name: 'Koffi',
      phone,
      roles: ['client'],
      status: 'active',
    });

    return { id, phone, caller: { user_id: id, roles: ['client'] } };
  }

  /** Auth suspends the user: its directory stops answering for them and says so on JetStream. */
  async suspend(user: TestUser): Promise<void> {
    this.phones.delete(user.phone);
    await this.publish('auth.user.suspended', { user_id: user.id });
  }

  /** A user whose wallet holds `balance` (credited from suspense), with limits raised when asked. */
  async funded(balance: number, raiseLimits = false): Promise<TestUser> {
    const user = this.user();
    await this.call('wallet.ops.credit', {
      user_id: user.id,
      amount: balance,
      category: 'refund',
      idempotency_key: `fund-${randomUUID()}`,
    });
    if (raiseLimits) {
      await this.call(
        'wallet.admin.limits',
        {
          user_id: user.id,
          single_transaction_max: 10_000_000,
          daily_limit: 10_000_000,
          monthly_limit: 10_000_000,
        },
        { caller: ADMIN },
      );
    }

    return user;
  }

  /** A request as a service or the gateway sends it: the caller and the Idempotency-Key in headers. */
  call<T>(
    subject: string,
    data: unknown,
    from: { caller?: Caller; idempotencyKey?: string } = {},
  ): Promise<T> {
    const requestId = randomUUID();
    const context: RequestContext = { requestId, correlationId: requestId, ...from };

    return this.bus.client.request<T>(subject, data, { context, timeoutMs: 60_000 });
  }

  transfer(
    from: TestUser,
    to: TestUser | string,
    amount: unknown,
    idempotencyKey?: string,
  ): Promise<WalletTransactionView> {
    return this.call(
      'wallet.transfer.create',
      { to_phone: typeof to === 'string' ? to : to.phone, amount },
      { caller: from.caller, idempotencyKey },
    );
  }

  async balanceOf(user: TestUser): Promise<number> {
    return (await this.call<{ balance: number }>('wallet.balance.get', {}, { caller: user.caller })).balance;
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

  async postingsCount(): Promise<number> {
    const [row] = await this.db.query<{ count: number }[]>('SELECT count(*)::int AS count FROM postings');

    return row?.count ?? 0;
  }

  /** Events written to the wallet's outbox (committed with the change), oldest first. */
  async outbox<T>(type: string): Promise<EventEnvelope<T>[]> {
    const rows = await this.db.query<{ envelope: EventEnvelope<T> }[]>(
      'SELECT envelope FROM outbox WHERE type = $1 ORDER BY seq',
      [type],
    );

    return rows.map((row) => row.envelope);
  }

  /** Publishes an event as its producer's outbox relay would. */
  async publish(type: string, data: unknown, id: string = randomUUID()): Promise<void> {
    // A message id of its own: the same event id published twice reaches the consumer twice.
    await this.bus.publishEvent(eventEnvelope(type, data, id), `${id}:${randomUUID()}`);
  }
}
