import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import type { Currency, ProviderMethod } from '@ecom/contracts';
import { DomainError, LOGGER, type Logger } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { PaymentConfig } from '../config';
import type {
  Initiated,
  InitiateRequest,
  PaymentProvider,
  ProviderStatus,
  RefundRequest,
  WebhookNotice,
} from './payment-provider';
import { signatureHeader, verifySignatureHeader } from './webhook-signature';

export const SANDBOX_SIGNATURE_HEADER = 'x-sandbox-signature';

/** The sandbox's callback body. */
export interface SandboxCallback {
  id: string;
  type: 'payment.approved' | 'payment.declined';
  created: number;
  data: { reference: string; intent_id: string; amount: number; currency: Currency; reason: string | null };
}

interface SandboxPaymentRow {
  reference: string;
  intent_id: string;
  method: ProviderMethod;
  amount: string;
  currency: Currency;
  phone: string | null;
  status: 'pending' | 'approved' | 'declined';
}

export interface SandboxAnswered {
  intent_id: string;
  answer: 'approve' | 'decline';
  /** `withheld`: the payer's phone is configured to time out, so no callback will come. */
  callback: 'scheduled' | 'withheld';
}

/** Waits between tries of a callback the gateway did not take, like a provider's retry schedule. */
const CALLBACK_RETRY_MS = [200, 1000, 3000];

/**
 * A provider that behaves like the real ones, for local runs and tests: initiating answers at once (the
 * push "is on the payer's phone"), the payer answers through `payment.sandbox.answer` (the gateway's
 * sandbox routes), and the sandbox then posts a signed, timestamped callback to the gateway's webhook URL,
 * asynchronously and with retries. Phones in SANDBOX_SILENT_PHONES never get a callback (a provider that
 * times out), which leaves the intent to reconciliation, and `queryStatus` answers from the sandbox's book.
 */
@Injectable()
export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox';
  private readonly silent: ReadonlySet<string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: PaymentConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.silent = new Set(config.SANDBOX_SILENT_PHONES);
  }

  async initiate(request: InitiateRequest): Promise<Initiated> {
    // The same intent initiated again (a retry) finds its first sandbox payment: the payer is asked once.
    const [row] = await this.dataSource.query<{ reference: string }[]>(
      `INSERT INTO sandbox_payments (reference, intent_id, method, amount, currency, phone)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (intent_id) DO UPDATE SET intent_id = EXCLUDED.intent_id RETURNING reference`,
      [
        `sbx_${randomUUID().replaceAll('-', '')}`,
        request.intentId,
        request.method,
        request.amount,
        request.currency,
        request.phone,
      ],
    );
    if (!row) throw new Error('The sandbox payment was not recorded');

    return {
      providerReference: row.reference,
      nextAction:
        request.method === 'visa'
          ? {
              type: 'redirect',
              // The sandbox's "checkout": posting to it plays the card holder's approval.
              url: `${this.config.GATEWAY_URL}/api/v1/payments/sandbox/${request.intentId}/approve`,
            }
          : { type: 'confirm_on_phone', phone: request.phone ?? undefined },
    };
  }

  verifyWebhook(rawBody: string, headers: Record<string, string>): WebhookNotice {
    verifySignatureHeader(headers[SANDBOX_SIGNATURE_HEADER], rawBody, {
      secret: this.config.SANDBOX_WEBHOOK_SECRET,
      toleranceSeconds: this.config.WEBHOOK_TOLERANCE_SECONDS,
    });
    const callback = JSON.parse(rawBody) as SandboxCallback;

    return {
      eventId: callback.id,
      providerReference: callback.data.reference,
      outcome: callback.type === 'payment.approved' ? 'succeeded' : 'failed',
      amount: callback.data.amount,
      reason: callback.data.reason,
    };
  }

  async queryStatus(providerReference: string): Promise<ProviderStatus> {
    const [row] = await this.dataSource.query<{ status: SandboxPaymentRow['status'] }[]>(
      'SELECT status FROM sandbox_payments WHERE reference = $1',
      [providerReference],
    );
    switch (row?.status) {
      case 'approved':
        return 'succeeded';
      case 'declined':
        return 'failed';
      case 'pending':
        return 'processing';
      case undefined:
        throw new DomainError('PAYMENT_DECLINED', 'The sandbox knows no such payment');
    }
  }

  async refund(request: RefundRequest): Promise<string> {
    const [rows] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE sandbox_payments SET refunded_amount = refunded_amount + $2
       WHERE reference = $1 AND status = 'approved' AND refunded_amount + $2 <= amount RETURNING reference`,
      [request.providerReference, request.amount],
    );
    if (rows.length === 0) {
      throw new DomainError('PAYMENT_DECLINED', 'The sandbox refused the refund');
    }

    return `sbx_rf_${randomUUID().replaceAll('-', '')}`;
  }

  /** The payer answers the push (or the card checkout). The callback follows, after this answer. */
  async answer(intentId: string, answer: 'approve' | 'decline'): Promise<SandboxAnswered> {
    const [rows] = await this.dataSource.query<[SandboxPaymentRow[], number]>(
      `UPDATE sandbox_payments SET status = $2, answered_at = now()
       WHERE intent_id = $1 AND status = 'pending' RETURNING *`,
      [intentId, answer === 'approve' ? 'approved' : 'declined'],
    );
    const payment = rows[0];
    if (!payment) {
      const [known] = await this.dataSource.query<unknown[]>(
        'SELECT 1 FROM sandbox_payments WHERE intent_id = $1',
        [intentId],
      );
      if (!known) throw new DomainError('PAYMENT_NOT_FOUND');
      throw new DomainError('PAYMENT_INVALID_TRANSITION', 'The payer already answered this payment');
    }
    if (payment.phone !== null && this.silent.has(payment.phone)) {
      return { intent_id: intentId, answer, callback: 'withheld' };
    }
    const callback: SandboxCallback = {
      id: `evt_${randomUUID().replaceAll('-', '')}`,
      type: answer === 'approve' ? 'payment.approved' : 'payment.declined',
      created: Math.floor(Date.now() / 1000),
      data: {
        reference: payment.reference,
        intent_id: intentId,
        amount: Number(payment.amount),
        currency: payment.currency,
        reason: answer === 'approve' ? null : 'payer_declined',
      },
    };
    void this.deliver(JSON.stringify(callback));

    return { intent_id: intentId, answer, callback: 'scheduled' };
  }

  /** Posts the callback to the gateway as a provider would: signed at each try, retried on failure. */
  private async deliver(body: string): Promise<void> {
    const url = `${this.config.GATEWAY_URL}/api/v1/payments/webhooks/sandbox`;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [SANDBOX_SIGNATURE_HEADER]: signatureHeader(
              this.config.SANDBOX_WEBHOOK_SECRET,
              body,
              Math.floor(Date.now() / 1000),
            ),
          },
          body,
          signal: AbortSignal.timeout(this.config.PROVIDER_TIMEOUT_MS),
        });
        if (response.ok) return;
        this.logger.warn('Sandbox callback refused', { status: response.status, attempt });
      } catch (error) {
        this.logger.warn('Sandbox callback not delivered', { error: String(error), attempt });
      }
      const wait = CALLBACK_RETRY_MS[attempt];
      if (wait === undefined) {
        this.logger.error('Sandbox callback abandoned: reconciliation will settle the intent');

        return;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
