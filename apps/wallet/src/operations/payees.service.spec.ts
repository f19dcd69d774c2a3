import type { EntryRow } from '../ledger/ledger.repository';
import { statementLine } from './payees.service';

function entry(fields: Partial<EntryRow>): EntryRow {
  return {
    id: 'e1',
    kind: 'capture',
    category: 'transport',
    currency: 'XOF',
    amount: 3_000,
    commission_amount: 450,
    gross_amount: null,
    payee_type: 'driver',
    payee_id: 'd1',
    description: null,
    reference: 'RIDE-7',
    related_service_id: null,
    payment_method: 'wallet',
    original_entry_id: null,
    created_at: new Date('2025-11-26T10:00:00Z'),
    ...fields,
  };
}

describe('statementLine', () => {
  it('shows a paid ride gross, commission and what the driver earns', () => {
    expect(statementLine(entry({}))).toMatchObject({
      kind: 'payment',
      gross: 3_000,
      commission: 450,
      net: 2_550,
    });
  });

  it('counts a refund against the payee, commission included', () => {
    expect(statementLine(entry({ kind: 'refund', amount: 1_000, commission_amount: 150 }))).toMatchObject({
      kind: 'refund',
      gross: -1_000,
      commission: -150,
      net: -850,
    });
  });

  it('shows a cash ride with the cash kept and the commission owed', () => {
    expect(
      statementLine(
        entry({ kind: 'cash_commission', amount: 300, commission_amount: 300, gross_amount: 2_000 }),
      ),
    ).toMatchObject({ kind: 'cash_commission', gross: 2_000, commission: 300, net: 1_700 });
  });
});
