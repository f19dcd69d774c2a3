import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { WALLET_SUBJECTS, type ReconciliationReport } from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { ReconciliationService } from './reconciliation.service';

@Roles('admin')
@Controller()
export class ReconciliationController {
  constructor(private readonly reconciliation: ReconciliationService) {}

  @MessagePattern(WALLET_SUBJECTS.reconcile)
  reconcile(): Promise<ReconciliationReport> {
    return this.reconciliation.check();
  }
}
