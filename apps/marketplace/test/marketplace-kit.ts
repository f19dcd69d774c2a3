import { randomInt, randomUUID } from 'node:crypto';

import {
  AUTH_SUBJECTS,
  PAYMENT_SUBJECTS,
  type AddressView,
  type Caller,
  type CategoryView,
  type CreateIntentRequest,
  type EventEnvelope,
  type PaymentIntentEvent,
  type PaymentIntentView,
  type ProductView,
  type StoreView,
  type UserSummary,
} from '@ecom/contracts';
import { contextFromHeaders, DomainError, type RequestContext, type RunningApp } from '@ecom/platform';
import { eventEnvelope, LogCapture, startService, TestBus, TestEnvironment } from '@ecom/testing';
import { JSONCodec } from 'nats';
import { DataSource } from 'typeorm';

import type { MarketplaceConfig } from '../src/config';
import { marketplaceService } from '../src/service';

const codec = JSONCodec();

export const ADMIN: Caller = { user_id: '00000000-0000-4000-8000-0000000000ad', roles: ['admin'] };

export const LOME = { lat: 6.1319, lng: 1.2228 };

/** Open every day, all day: checkouts do not depend on the hour the tests run. */
export const ALWAYS_OPEN = Object.fromEntries(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
    day,
    [{ open: '00:00', close: '24:00' }],
  ]),
);

export function newCaller(role: Caller['roles'][number] = 'client'): Caller {
  return { user_id: randomUUID(), roles: [role] };
}

/**
 * The payment service as the marketplace sees it: intents by idempotency key, wallet paid at once (unless
 * the payer is broke), providers waiting for the phone, cash waiting for the door; every command recorded.
 */
export class PaymentStandIn {
  readonly intents = new Map<string, PaymentIntentView & { request: CreateIntentRequest }>();
  readonly refunds: { intent_id: string; idempotency_key: string }[] = [];
  readonly cashRecords: Record<string, unknown>[] = [];
  readonly cancels: string[] = [];
  readonly brokePayers = new Set<string>();
  private readonly refundKeys = new Set<string>();

  handleCreate(data: CreateIntentRequest): PaymentIntentView {
    const known = [...this.intents.values()].find(
      (intent) => intent.request.idempotency_key === data.idempotency_key,
    );
    if (known) return known;
    if (data.method === 'wallet' && this.brokePayers.has(data.payer_id)) {
      throw new DomainError('WALLET_INSUFFICIENT_FUNDS');
    }
    const provider = !['wallet', 'cash_on_delivery'].includes(data.method);
    const now = new Date().toISOString();
    const intent = {
      id: randomUUID(),
      amount: data.amount,
      currency: 'XOF' as const,
      method: data.method,
      purpose: data.purpose,
      status:
        data.method === 'wallet'
          ? ('succeeded' as const)
          : provider
            ? ('processing' as const)
            : ('pending' as const),
      reference_id: data.reference_id,
      reference_label: data.reference_label ?? null,
      payer_id: data.payer_id,
      provider: provider ? data.method : null,
      provider_reference: null,
      captured_amount: data.method === 'wallet' ? data.amount : 0,
      refunded_amount: 0,
      next_action: provider ? { type: 'confirm_on_phone' as const, phone: data.payer_phone } : null,
      failure_reason: null,
      expires_at: null,
      created_at: now,
      updated_at: now,
      request: data,
    };
    this.intents.set(intent.id, intent);

    return intent;
  }

  /** The same key refunds once, as payment guarantees. */
  handleRefund(data: { intent_id: string; idempotency_key: string }): { ok: true } {
    if (!this.refundKeys.has(data.idempotency_key)) {
      this.refundKeys.add(data.idempotency_key);
      this.refunds.push(data);
    }

    return { ok: true };
  }

  intentFor(orderId: string): (PaymentIntentView & { request: CreateIntentRequest }) | undefined {
    return [...this.intents.values()].find((intent) => intent.reference_id === orderId);
  }
}

/** The marketplace service in this process, the test's NATS client standing in for auth and payment. */
export class MarketplaceKit {
  readonly payments = new PaymentStandIn();
  /** Saved addresses per user, as auth answers them to that user. */
  readonly addresses = new Map<string, AddressView[]>();

  private constructor(
    readonly environment: TestEnvironment,
    readonly bus: TestBus,
    readonly service: RunningApp<MarketplaceConfig>,
    readonly logs: LogCapture,
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<MarketplaceKit> {
    const environment = await TestEnvironment.create();
    const bus = await TestBus.connect(environment);
    const logs = new LogCapture();
    const service = await startService(
      marketplaceService,
      environment,
      { PAYMENT_FOLLOW_UP_MS: '200', ORDER_ATTEMPTS_PER_MINUTE: '1000', ...overrides },
      logs,
    );
    const kit = new MarketplaceKit(environment, bus, service, logs);
    kit.standIn();

    return kit;
  }

  get db(): DataSource {
    return this.service.app.get(DataSource);
  }

  async stop(): Promise<void> {
    await this.service.close();
    await this.bus.close();
    await this.environment.destroy();
  }

  /** A request as the gateway sends it: the verified caller and the Idempotency-Key in headers. */
  call<T>(subject: string, data: unknown, caller?: Caller, idempotencyKey?: string): Promise<T> {
    const requestId = randomUUID();
    const context: RequestContext = { requestId, correlationId: requestId, caller, idempotencyKey };

    return this.bus.client.request<T>(subject, data, { context, timeoutMs: 15_000 });
  }

  /** The error a request is answered with (fails the test if it succeeds). */
  async errorOf(request: Promise<unknown>): Promise<DomainError> {
    try {
      await request;
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error('The request succeeded');
  }

  async codeOf(request: Promise<unknown>): Promise<string> {
    return (await this.errorOf(request)).code;
  }

  async category(slug = `cat-${randomInt(1_000_000)}`): Promise<CategoryView> {
    return this.call('marketplace.categories.create', { name: `Catégorie ${slug}`, slug, icon: '🛒' }, ADMIN);
  }

  async store(owner: Caller, fields: Record<string, unknown> = {}): Promise<StoreView> {
    return this.call(
      'marketplace.store.create',
      {
        name: `Boutique ${randomInt(1_000_000)}`,
        address: 'Boulevard du 13 Janvier, Lomé',
        location: LOME,
        phone: '+22890112233',
        delivery_fee: 500,
        business_hours: ALWAYS_OPEN,
        ...fields,
      },
      owner,
    );
  }

  async product(
    owner: Caller,
    categoryId: string,
    fields: Record<string, unknown> = {},
  ): Promise<ProductView> {
    return this.call(
      'marketplace.store-products.create',
      {
        category_id: categoryId,
        name: `Produit ${randomInt(1_000_000)}`,
        price: 1000,
        stock_quantity: 10,
        ...fields,
      },
      owner,
    );
  }

  async stock(productId: string): Promise<number> {
    const [row] = await this.db.query<{ stock_quantity: number }[]>(
      'SELECT stock_quantity FROM products WHERE id = $1',
      [productId],
    );

    return row?.stock_quantity ?? -1;
  }

  /** Events written to the outbox (committed with the change), oldest first. */
  async outbox<T>(type: string): Promise<EventEnvelope<T>[]> {
    const rows = await this.db.query<{ envelope: EventEnvelope<T> }[]>(
      'SELECT envelope FROM outbox WHERE type = $1 ORDER BY created_at, id',
      [type],
    );

    return rows.map((row) => row.envelope);
  }

  /** A payment outcome as the payment service publishes it on JetStream. */
  async publishPaymentEvent(type: string, data: PaymentIntentEvent): Promise<void> {
    await this.bus.publishEvent(eventEnvelope(type, data));
  }

  private standIn(): void {
    this.bus.respond(AUTH_SUBJECTS.getUserSummary, (data) => {
      const { user_id } = data as { user_id: string };
      const summary: UserSummary = {
        user_id,
        first_name: 'Kossi',
        last_name: 'Mensah',
        phone: '+22891234567',
        roles: ['client'],
        status: 'active',
      };

      return summary;
    });
    // Auth answers the caller's own addresses: the stand-in reads the caller from the forwarded headers.
    this.bus.connection.subscribe(this.bus.naming.rpc(AUTH_SUBJECTS.listAddresses), {
      callback: (error, message) => {
        if (error) return;
        const { id } = codec.decode(message.data) as { id: string };
        const caller = contextFromHeaders(message.headers).caller;
        const items = caller ? (this.addresses.get(caller.user_id) ?? []) : [];
        message.respond(codec.encode({ id, response: { items }, isDisposed: true }));
      },
    });
    this.bus.respond(PAYMENT_SUBJECTS.createIntent, (data) =>
      this.payments.handleCreate(data as CreateIntentRequest),
    );
    this.bus.respond(PAYMENT_SUBJECTS.refund, (data) =>
      this.payments.handleRefund(data as { intent_id: string; idempotency_key: string }),
    );
    this.bus.respond(PAYMENT_SUBJECTS.recordCash, (data) => {
      this.payments.cashRecords.push(data as Record<string, unknown>);

      return { ok: true };
    });
    this.bus.respond(PAYMENT_SUBJECTS.cancelIntent, (data) => {
      this.payments.cancels.push((data as { intent_id: string }).intent_id);

      return { ok: true };
    });
  }
}
