import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CaptureRequest,
  CashCommissionRequest,
  CreditRequest,
  DebitRequest,
  HoldRequest,
  PayeeStatementRequest,
  RefundRequest,
  ReleaseRequest,
  WALLET_SUBJECTS,
  type HoldView,
  type PayeeStatement,
  type PayeeStatementLine,
  type WalletTransactionView,
} from '@ecom/contracts';

import { HoldsService } from './holds.service';
import { OperationsService } from './operations.service';
import { PayeesService } from './payees.service';

/**
 * Money movements for the payment, marketplace and transport services. Service-only (no `@Roles`): the
 * gateway never routes to `wallet.ops.*`, and only services hold NATS credentials. Every one carries an
 * idempotency key: a retry answers the first result.
 */
@Controller()
export class OperationsController {
  constructor(
    private readonly operations: OperationsService,
    private readonly holds: HoldsService,
    private readonly payees: PayeesService,
  ) {}

  @MessagePattern(WALLET_SUBJECTS.credit)
  credit(@Payload() request: CreditRequest): Promise<WalletTransactionView> {
    return this.operations.credit(request);
  }

  @MessagePattern(WALLET_SUBJECTS.debit)
  debit(@Payload() request: DebitRequest): Promise<WalletTransactionView> {
    return this.operations.debit(request);
  }

  @MessagePattern(WALLET_SUBJECTS.hold)
  hold(@Payload() request: HoldRequest): Promise<HoldView> {
    return this.holds.hold(request);
  }

  @MessagePattern(WALLET_SUBJECTS.capture)
  capture(@Payload() request: CaptureRequest): Promise<HoldView> {
    return this.holds.capture(request);
  }

  @MessagePattern(WALLET_SUBJECTS.release)
  release(@Payload() request: ReleaseRequest): Promise<HoldView> {
    return this.holds.release(request);
  }

  @MessagePattern(WALLET_SUBJECTS.refund)
  refund(@Payload() request: RefundRequest): Promise<WalletTransactionView> {
    return this.operations.refund(request);
  }

  @MessagePattern(WALLET_SUBJECTS.bookCashCommission)
  cashCommission(@Payload() request: CashCommissionRequest): Promise<PayeeStatementLine> {
    return this.operations.cashCommission(request);
  }

  @MessagePattern(WALLET_SUBJECTS.payeeStatement)
  payeeStatement(@Payload() request: PayeeStatementRequest): Promise<PayeeStatement> {
    return this.payees.statement(request);
  }
}
