import { Injectable } from '@nestjs/common';
import {
  WALLET_SUBJECTS,
  type Caller,
  type DriverEarnings,
  type EarningsRequest,
  type PayeeStatement,
  type PayeeStatementRequest,
} from '@ecom/contracts';
import { DomainError, ServiceClient } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { DriversRepository } from '../drivers/drivers.repository';

interface RideRef {
  id: string;
  payment_intent_id: string | null;
  payment_method: 'wallet' | 'cash';
  completed_at: Date | null;
}

/**
 * A driver's earnings are what the ledger says they are: the wallet's statement of the driver's payable
 * account over the period, each line joined with the ride it paid for (by ride or payment intent id).
 */
@Injectable()
export class EarningsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly drivers: DriversRepository,
    private readonly wallet: ServiceClient,
  ) {}

  async earnings(caller: Caller, request: EarningsRequest): Promise<DriverEarnings> {
    const driver = await this.drivers.findByUser(this.dataSource.manager, caller.user_id);
    if (!driver) throw new DomainError('DRIVER_NOT_FOUND');
    const query: PayeeStatementRequest = {
      payee: { type: 'driver', id: driver.id },
      ...(request.from ? { from: request.from } : {}),
      ...(request.to ? { to: request.to } : {}),
    };
    const statement = await this.wallet.request<PayeeStatement>(WALLET_SUBJECTS.payeeStatement, query);
    const refs = statement.lines.flatMap((line) => [line.related_service_id, line.reference]);
    const ids = [
      ...new Set(refs.filter((ref): ref is string => ref !== null && /^[0-9a-f-]{36}$/i.test(ref))),
    ];
    const rides =
      ids.length === 0
        ? []
        : await this.dataSource.query<RideRef[]>(
            `SELECT id, payment_intent_id, payment_method, completed_at FROM rides
             WHERE driver_id = $1 AND (id = ANY($2::uuid[]) OR payment_intent_id = ANY($2::uuid[]))`,
            [driver.id, ids],
          );
    const rideOf = (line: PayeeStatement['lines'][number]): RideRef | undefined =>
      rides.find((ride) =>
        [line.related_service_id, line.reference].some(
          (ref) => ref !== null && (ref === ride.id || ref === ride.payment_intent_id),
        ),
      );
    const lines = statement.lines.map((line) => {
      const ride = rideOf(line);

      return {
        ride_id: ride?.id ?? null,
        kind: line.kind,
        fare: line.gross,
        commission: line.commission,
        net: line.net,
        payment_method: ride?.payment_method ?? null,
        completed_at: ride?.completed_at?.toISOString() ?? null,
        booked_at: line.created_at,
      };
    });

    return {
      from: request.from ?? null,
      to: request.to ?? null,
      currency: statement.currency,
      rides: new Set(lines.flatMap((line) => (line.ride_id && line.kind !== 'refund' ? [line.ride_id] : [])))
        .size,
      gross: statement.gross,
      commission: statement.commission,
      net: statement.net,
      balance: statement.balance,
      lines,
    };
  }
}
