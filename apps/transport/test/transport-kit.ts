import { randomUUID } from 'node:crypto';

import {
  PAYMENT_SUBJECTS,
  TRANSPORT_SUBJECTS,
  WALLET_SUBJECTS,
  type CaptureIntentRequest,
  type Caller,
  type CreateIntentRequest,
  type DriverView,
  type PayeeStatement,
  type PayeeStatementRequest,
  type PaymentIntentView,
  type RecordCashRequest,
  type RideView,
  type VehicleType,
} from '@ecom/contracts';
import { DomainError, type RequestContext } from '@ecom/platform';
import type { TestBus } from '@ecom/testing';

/** A position as a plain object, to spread into request bodies. */
export interface Point {
  lat: number;
  lng: number;
}

export const LOME: Point = { lat: 6.1319, lng: 1.2228 };

/** A point `north` and `east` metres from `from` (small distances: a flat earth is exact enough). */
export function offset(from: Point, north: number, east = 0): Point {
  return {
    lat: from.lat + north / 111_320,
    lng: from.lng + east / (111_320 * Math.cos((from.lat * Math.PI) / 180)),
  };
}

/** Each test works in its own town, 50 km from the others: no test sees another's drivers. */
let towns = 0;
export function newTown(): Point {
  towns += 1;

  return offset(LOME, towns * 50_000);
}

export function client(): Caller {
  return { user_id: randomUUID(), roles: ['client'] };
}

export function driverCaller(): Caller {
  return { user_id: randomUUID(), roles: ['driver'] };
}

export const ADMIN: Caller = { user_id: randomUUID(), roles: ['admin'] };

export function caller(bus: TestBus) {
  return <T>(subject: string, data: unknown, who?: Caller): Promise<T> => {
    const requestId = randomUUID();
    const context: RequestContext = { requestId, correlationId: requestId, caller: who };

    return bus.client.request<T>(subject, data, { context, timeoutMs: 10_000 });
  };
}

export type Call = ReturnType<typeof caller>;

let licences = 0;

/** Registers, approves and brings online a driver at `at`. */
export async function onlineDriver(
  call: Call,
  at: Point,
  vehicle: VehicleType = 'taxi',
): Promise<{ caller: Caller; driver: DriverView }> {
  const who = driverCaller();
  licences += 1;
  const registered = await call<DriverView>(
    TRANSPORT_SUBJECTS.registerDriver,
    {
      license_number: `TG-${Date.now()}-${licences}`,
      vehicle_type: vehicle,
      vehicle_plate: `TG ${licences} AB`,
    },
    who,
  );
  await call(TRANSPORT_SUBJECTS.approveDriver, { driver_id: registered.id }, ADMIN);
  const driver = await call<DriverView>(
    TRANSPORT_SUBJECTS.setDriverStatus,
    { is_online: true, location: at },
    who,
  );

  return { caller: who, driver };
}

export function rideRequest(
  pickup: Point,
  destination: Point,
  paymentMethod: 'wallet' | 'cash' = 'wallet',
  serviceType = 'taxi',
): Record<string, unknown> {
  return {
    pickup: { ...pickup, address: 'Grand Marché, Lomé' },
    destination: { ...destination, address: 'Université de Lomé' },
    service_type: serviceType,
    payment_method: paymentMethod,
  };
}

export interface FakeIntent {
  view: PaymentIntentView;
  request: CreateIntentRequest;
  captures: CaptureIntentRequest[];
  cash: RecordCashRequest[];
  cancels: number;
}

/**
 * The payment service as transport sees it, over real NATS: intents by idempotency key, manual capture
 * for wallet rides, cancel, cash. `captureMode` makes captures hang, as a payment service away would.
 */
export class FakePayment {
  readonly intents = new Map<string, FakeIntent>();
  captureMode: 'answer' | 'hang' = 'answer';
  readonly brokePayers = new Set<string>();

  constructor(bus: TestBus) {
    bus.respond(PAYMENT_SUBJECTS.createIntent, (data) => this.create(data as CreateIntentRequest));
    bus.respond(PAYMENT_SUBJECTS.captureIntent, (data) => {
      if (this.captureMode === 'hang') return undefined;
      const request = data as CaptureIntentRequest;
      const intent = this.find(request.intent_id);
      if (intent.view.status !== 'processing') {
        throw new DomainError('PAYMENT_INVALID_TRANSITION', `intent is ${intent.view.status}`);
      }
      intent.captures.push(request);
      intent.view = {
        ...intent.view,
        status: 'succeeded',
        captured_amount: request.amount ?? intent.view.amount,
      };

      return intent.view;
    });
    bus.respond(PAYMENT_SUBJECTS.recordCash, (data) => {
      const request = data as RecordCashRequest;
      const intent = this.find(request.intent_id);
      intent.cash.push(request);
      intent.view = { ...intent.view, status: 'succeeded', captured_amount: request.amount };

      return intent.view;
    });
    bus.respond(PAYMENT_SUBJECTS.cancelIntent, (data) => {
      const intent = this.find((data as { intent_id: string }).intent_id);
      intent.cancels += 1;
      intent.view = { ...intent.view, status: 'cancelled' };

      return intent.view;
    });
    bus.respond(
      PAYMENT_SUBJECTS.getIntent,
      (data) => this.find((data as { intent_id: string }).intent_id).view,
    );
  }

  ofRide(rideId: string): FakeIntent {
    const intent = [...this.intents.values()].find((candidate) => candidate.request.reference_id === rideId);
    if (!intent) throw new Error(`No intent for ride ${rideId}`);

    return intent;
  }

  private find(id: string): FakeIntent {
    const intent = this.intents.get(id);
    if (!intent) throw new DomainError('PAYMENT_NOT_FOUND');

    return intent;
  }

  private create(request: CreateIntentRequest): PaymentIntentView {
    const existing = [...this.intents.values()].find(
      (i) => i.request.idempotency_key === request.idempotency_key,
    );
    if (existing) return existing.view;
    if (this.brokePayers.has(request.payer_id)) {
      throw new DomainError('WALLET_INSUFFICIENT_FUNDS');
    }
    const now = new Date().toISOString();
    const view: PaymentIntentView = {
      id: randomUUID(),
      amount: request.amount,
      currency: 'XOF',
      method: request.method,
      purpose: request.purpose,
      status: request.method === 'wallet' ? 'processing' : 'pending',
      reference_id: request.reference_id,
      reference_label: null,
      payer_id: request.payer_id,
      provider: null,
      provider_reference: null,
      captured_amount: 0,
      refunded_amount: 0,
      next_action: null,
      failure_reason: null,
      expires_at: null,
      created_at: now,
      updated_at: now,
    };
    this.intents.set(view.id, { view, request, captures: [], cash: [], cancels: 0 });

    return view;
  }

  /** What the wallet's ledger would say of a driver: one line per capture or cash record naming them. */
  statementOf(request: PayeeStatementRequest): PayeeStatement {
    const lines = [...this.intents.values()].flatMap((intent) =>
      [...intent.captures, ...intent.cash]
        .filter((paid) => paid.payee?.id === request.payee.id)
        .map((paid) => {
          const gross = paid.amount ?? intent.view.amount;
          const commission = paid.commission_amount ?? 0;
          const cash = intent.cash.includes(paid as RecordCashRequest);

          return {
            entry_id: randomUUID(),
            related_service_id: intent.view.id,
            reference: intent.request.reference_id,
            gross: cash ? 0 : gross,
            commission,
            net: cash ? -commission : gross - commission,
            kind: cash ? ('cash_commission' as const) : ('payment' as const),
            created_at: new Date().toISOString(),
          };
        }),
    );
    const sum = (pick: (line: (typeof lines)[number]) => number): number =>
      lines.reduce((total, line) => total + pick(line), 0);

    return {
      payee: request.payee,
      currency: 'XOF',
      gross: sum((line) => line.gross),
      commission: sum((line) => line.commission),
      net: sum((line) => line.net),
      balance: sum((line) => line.net),
      lines,
    };
  }

  /** Stands in for the wallet's statement too: its lines are the fake's captures. */
  serveStatements(bus: TestBus): void {
    bus.respond(WALLET_SUBJECTS.payeeStatement, (data) => this.statementOf(data as PayeeStatementRequest));
  }
}

export type { RideView };
