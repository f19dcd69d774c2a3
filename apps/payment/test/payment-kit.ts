import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  WALLET_SUBJECTS,
  type EventEnvelope,
  type HoldView,
  type PaymentIntentEvent,
  type WalletTransactionView,
} from '@ecom/contracts';
import { DomainError, Naming } from '@ecom/platform';
import { TEST_NATS_URL, type TestBus, type TestEnvironment } from '@ecom/testing';
import { connect, type ConsumerMessages, type NatsConnection } from 'nats';

interface Operation {
  subject: string;
  data: Record<string, unknown>;
}

/**
 * The wallet service stood in over real NATS: balances per user, every `wallet.ops.*` keyed by its
 * idempotency key (a retry answers the first result, as the real wallet promises), and a record of each
 * operation actually applied.
 */
export class WalletStandIn {
  readonly applied: Operation[] = [];
  private readonly balances = new Map<string, number>();
  private readonly answers = new Map<string, unknown>();
  private readonly holds = new Map<string, { user: string; amount: number; status: string }>();
  private readonly transactions = new Map<string, { user: string; amount: number; refunded: number }>();
  frozen = new Set<string>();

  constructor(bus: TestBus) {
    const ops = ['debit', 'hold', 'capture', 'release', 'refund', 'bookCashCommission'] as const;
    for (const op of ops) {
      bus.respond(WALLET_SUBJECTS[op], (data) =>
        this.once(WALLET_SUBJECTS[op], data as Record<string, unknown>),
      );
    }
  }

  fund(userId: string, amount: number): void {
    this.balances.set(userId, (this.balances.get(userId) ?? 0) + amount);
  }

  balanceOf(userId: string): number {
    return this.balances.get(userId) ?? 0;
  }

  ops(subject: string): Operation[] {
    return this.applied.filter((operation) => operation.subject === subject);
  }

  private once(subject: string, data: Record<string, unknown>): unknown {
    const key = String(data['idempotency_key']);
    if (this.answers.has(key)) return this.answers.get(key);
    const answer = this.apply(subject, data);
    this.answers.set(key, answer);
    this.applied.push({ subject, data });

    return answer;
  }

  private apply(subject: string, data: Record<string, unknown>): unknown {
    const amount = Number(data['amount'] ?? 0);
    const user = typeof data['user_id'] === 'string' ? data['user_id'] : '';
    switch (subject) {
      case WALLET_SUBJECTS.debit:
      case WALLET_SUBJECTS.hold: {
        if (this.frozen.has(user)) throw new DomainError('WALLET_FROZEN');
        if (this.balanceOf(user) < amount) throw new DomainError('WALLET_INSUFFICIENT_FUNDS');
        this.balances.set(user, this.balanceOf(user) - amount);
        if (subject === WALLET_SUBJECTS.hold) {
          const holdId = randomUUID();
          this.holds.set(holdId, { user, amount, status: 'held' });

          return this.holdView(holdId, null, 0);
        }

        return this.transaction(user, amount, 'debit');
      }
      case WALLET_SUBJECTS.capture: {
        const holdId = String(data['hold_id']);
        const hold = this.holds.get(holdId);
        if (hold?.status !== 'held') throw new DomainError('WALLET_HOLD_NOT_ACTIVE');
        if (amount > hold.amount) throw new DomainError('WALLET_CAPTURE_EXCEEDS_HOLD');
        hold.status = 'captured';
        this.balances.set(hold.user, this.balanceOf(hold.user) + hold.amount - amount);

        return this.holdView(holdId, this.transaction(hold.user, amount, 'debit').id, amount);
      }
      case WALLET_SUBJECTS.release: {
        const holdId = String(data['hold_id']);
        const hold = this.holds.get(holdId);
        if (hold?.status !== 'held') throw new DomainError('WALLET_HOLD_NOT_ACTIVE');
        hold.status = 'released';
        this.balances.set(hold.user, this.balanceOf(hold.user) + hold.amount);

        return this.holdView(holdId, null, 0);
      }
      case WALLET_SUBJECTS.refund: {
        const original = this.transactions.get(String(data['transaction_id']));
        if (!original) throw new DomainError('WALLET_TRANSACTION_NOT_FOUND');
        if (original.refunded + amount > original.amount)
          throw new DomainError('WALLET_REFUND_EXCEEDS_ORIGINAL');
        original.refunded += amount;
        this.balances.set(original.user, this.balanceOf(original.user) + amount);

        return this.transaction(original.user, amount, 'credit');
      }
      default:
        return { booked: true };
    }
  }

  private holdView(holdId: string, transactionId: string | null, captured: number): HoldView {
    const hold = this.holds.get(holdId);
    if (!hold) throw new DomainError('WALLET_HOLD_NOT_FOUND');

    return {
      hold_id: holdId,
      user_id: hold.user,
      status: hold.status as HoldView['status'],
      amount: hold.amount,
      captured_amount: captured,
      currency: 'XOF',
      transaction_id: transactionId,
      created_at: new Date().toISOString(),
    };
  }

  private transaction(user: string, amount: number, type: 'credit' | 'debit'): WalletTransactionView {
    const id = randomUUID();
    if (type === 'debit') this.transactions.set(id, { user, amount, refunded: 0 });

    return {
      id,
      type,
      amount,
      currency: 'XOF',
      category: 'shopping',
      description: null,
      reference: null,
      status: 'completed',
      payment_method: 'wallet',
      related_service_id: null,
      balance_after: this.balanceOf(user),
      created_at: new Date().toISOString(),
    };
  }
}

export interface CaughtCallback {
  rawBody: string;
  headers: Record<string, string>;
}

/** Stands where the gateway's webhook route is: keeps every callback the sandbox posts, answers 200. */
export class CallbackCatcher {
  readonly callbacks: CaughtCallback[] = [];
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string') headers[name] = value;
      }
      this.callbacks.push({ rawBody: Buffer.concat(chunks).toString('utf8'), headers });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));

    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  for(intentId: string): CaughtCallback | undefined {
    return this.callbacks.find((callback) => callback.rawBody.includes(intentId));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
  }
}

/** Every `payment.intent.*` event of the test run's stream, as consumers receive them. */
export class PaymentEvents {
  readonly events: EventEnvelope<PaymentIntentEvent>[] = [];

  private constructor(
    private readonly connection: NatsConnection,
    private readonly messages: ConsumerMessages,
  ) {
    void this.collect();
  }

  static async open(environment: TestEnvironment): Promise<PaymentEvents> {
    const naming = new Naming(environment.natsPrefix);
    const connection = await connect({ servers: TEST_NATS_URL });
    const consumer = await connection
      .jetstream()
      .consumers.get(naming.eventsStream, { filterSubjects: naming.event('payment.intent.>') });

    return new PaymentEvents(connection, await consumer.consume());
  }

  of(intentId: string, type?: string): EventEnvelope<PaymentIntentEvent>[] {
    return this.events.filter((event) => event.data.intent_id === intentId && (!type || event.type === type));
  }

  async close(): Promise<void> {
    this.messages.stop();
    await this.connection.close();
  }

  private async collect(): Promise<void> {
    for await (const message of this.messages) {
      this.events.push(message.json<EventEnvelope<PaymentIntentEvent>>());
    }
  }
}
