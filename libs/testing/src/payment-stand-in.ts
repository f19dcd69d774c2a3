import { randomUUID } from 'node:crypto';

import {
  PAYMENT_SUBJECTS,
  WALLET_SUBJECTS,
  type CaptureIntentRequest,
  type CreateIntentRequest,
  type PayeeStatement,
  type PayeeStatementRequest,
  type PaymentIntentView,
  type RecordCashRequest,
} from '@ecom/contracts';
import { DomainError } from '@ecom/platform';

import type { TestBus } from './harness';

export interface StandInIntent {
  view: PaymentIntentView;
  request: CreateIntentRequest;
  captures: CaptureIntentRequest[];
  cash: RecordCashRequest[];
  cancels: number;
}

/**
 * The payment service as its callers (transport, marketplace) see it, over real NATS, for tests that run
 * without it: intents by idempotency key, holds captured or cancelled, cash recorded. `captureMode`
 * makes captures hang, as a payment service away would; `brokePayers` are refused for lack of funds.
 */
export class PaymentStandIn {
  readonly intents = new Map<string, StandInIntent>();
  captureMode: 'answer' | 'hang' = 'answer';
  readonly brokePayers = new Set<string>();

  constructor(bus: TestBus) {
    bus.respond(PAYMENT_SUBJECTS.createIntent, (data) => this.create(data as CreateIntentRequest));
    bus.respond(PAYMENT_SUBJECTS.captureIntent, (data) => {
      if (this.captureMode === 'hang') return undefined;
      const request = data as CaptureIntentRequest;
      const intent = this.find(request.intent_id);
      // As payment does: a capture asked again answers the intent already captured.
      if (intent.view.status === 'succeeded') return intent.view;
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
      if (request.amount > intent.view.amount) {
        throw new DomainError('VALIDATION_FAILED', 'amount: must not be more than the payment');
      }
      intent.cash.push(request);
      intent.view = { ...intent.view, status: 'succeeded', captured_amount: request.amount };

      return intent.view;
    });
    bus.respond(PAYMENT_SUBJECTS.cancelIntent, (data) => {
      const intent = this.find((data as { intent_id: string }).intent_id);
      // Counted at every call (payment answers a repeated cancel alike): tests check transport asks once.
      intent.cancels += 1;
      intent.view = { ...intent.view, status: 'cancelled' };

      return intent.view;
    });
  }

  ofRide(rideId: string): StandInIntent {
    const intent = [...this.intents.values()].find((candidate) => candidate.request.reference_id === rideId);
    if (!intent) throw new Error(`No intent for ride ${rideId}`);

    return intent;
  }

  private find(id: string): StandInIntent {
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
