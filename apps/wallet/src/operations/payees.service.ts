import { Injectable } from '@nestjs/common';
import { DomainError } from '@ecom/platform';
import type { PayeeStatement, PayeeStatementLine, PayeeStatementRequest } from '@ecom/contracts';

import { LedgerRepository, payeeAccountCode, type EntryRow } from '../ledger/ledger.repository';

/** One ledger entry as a line of the payee's statement; refunds count negative. */
export function statementLine(entry: EntryRow): PayeeStatementLine {
  const base = {
    entry_id: entry.id,
    related_service_id: entry.related_service_id,
    reference: entry.reference,
    created_at: entry.created_at.toISOString(),
  };
  switch (entry.kind) {
    case 'cash_commission': {
      const gross = entry.gross_amount ?? entry.amount;

      return { ...base, kind: 'cash_commission', gross, commission: entry.amount, net: gross - entry.amount };
    }
    case 'refund':
      return {
        ...base,
        kind: 'refund',
        gross: -entry.amount,
        commission: -entry.commission_amount,
        net: -(entry.amount - entry.commission_amount),
      };
    case 'credit':
    case 'debit':
    case 'transfer':
    case 'capture':
      return {
        ...base,
        kind: 'payment',
        gross: entry.amount,
        commission: entry.commission_amount,
        net: entry.amount - entry.commission_amount,
      };
  }
}

/** A driver's or store's earnings, read from the ledger: every ride or order that paid it, gross to net. */
@Injectable()
export class PayeesService {
  constructor(private readonly ledger: LedgerRepository) {}

  async statement(request: PayeeStatementRequest): Promise<PayeeStatement> {
    for (const field of ['from', 'to'] as const) {
      const value = request[field];
      if (value !== undefined && Number.isNaN(Date.parse(value))) {
        throw new DomainError('VALIDATION_FAILED', `${field}: must be a date`, undefined, [
          { field, message: 'must be a date' },
        ]);
      }
    }
    const lines = (await this.ledger.payeeEntries(request.payee, request.from, request.to)).map(
      statementLine,
    );
    const total = (field: 'gross' | 'commission' | 'net'): number =>
      lines.reduce((sum, line) => sum + line[field], 0);

    return {
      payee: { type: request.payee.type, id: request.payee.id },
      currency: 'XOF',
      gross: total('gross'),
      commission: total('commission'),
      net: total('net'),
      balance: await this.ledger.balanceOf(payeeAccountCode(request.payee)),
      lines,
    };
  }
}
