import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { PAYMENT_SUBJECTS, type PaymentReconciliationReport } from '@ecom/contracts';

import { ReconciliationService } from './reconciliation.service';

/** Service-only: ops tooling and tests run a reconciliation pass without waiting for the schedule. */
@Controller()
export class ReconciliationController {
  constructor(private readonly reconciliation: ReconciliationService) {}

  @MessagePattern(PAYMENT_SUBJECTS.reconcile)
  run(): Promise<PaymentReconciliationReport> {
    return this.reconciliation.run();
  }
}
