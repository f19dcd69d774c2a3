import { Module } from '@nestjs/common';
import { UserDirectory } from '@ecom/platform';

import { AmlController } from './aml/aml.controller';
import { AmlService } from './aml/aml.service';
import { Idempotency } from './ledger/idempotency';
import { LedgerRepository } from './ledger/ledger.repository';
import { MethodKeys } from './methods/method-keys';
import { MethodsController } from './methods/methods.controller';
import { MethodsService } from './methods/methods.service';
import { HoldsService } from './operations/holds.service';
import { OperationsController } from './operations/operations.controller';
import { OperationsService } from './operations/operations.service';
import { PayeesService } from './operations/payees.service';
import { PrivacyController } from './privacy/privacy.controller';
import { PrivacyService } from './privacy/privacy.service';
import { PaymentOutcomeConsumer } from './recharges/payment-outcome.consumer';
import { RechargesController } from './recharges/recharges.controller';
import { RechargesService } from './recharges/recharges.service';
import { ReconciliationController } from './reconciliation/reconciliation.controller';
import { ReconciliationService } from './reconciliation/reconciliation.service';
import { TransactionsController } from './transactions/transactions.controller';
import { TransactionsService } from './transactions/transactions.service';
import { TransfersController } from './transfers/transfers.controller';
import { TransfersService } from './transfers/transfers.service';
import { WalletLifecycleConsumer } from './wallets/wallet-lifecycle.consumer';
import { WalletsController } from './wallets/wallets.controller';
import { WalletsRepository } from './wallets/wallets.repository';
import { WalletsService } from './wallets/wallets.service';

/** Root of the wallet service's features. */
@Module({
  controllers: [
    WalletsController,
    TransactionsController,
    TransfersController,
    OperationsController,
    RechargesController,
    MethodsController,
    AmlController,
    ReconciliationController,
    PrivacyController,
  ],
  providers: [
    LedgerRepository,
    Idempotency,
    WalletsRepository,
    WalletsService,
    OperationsService,
    HoldsService,
    PayeesService,
    TransfersService,
    TransactionsService,
    AmlService,
    MethodKeys,
    MethodsService,
    RechargesService,
    ReconciliationService,
    PrivacyService,
    WalletLifecycleConsumer,
    PaymentOutcomeConsumer,
    UserDirectory,
  ],
})
export class WalletModule {}
