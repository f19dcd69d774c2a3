import { Module } from '@nestjs/common';

import { IntentOutcomesService } from './intents/intent-outcomes.service';
import { IntentsController } from './intents/intents.controller';
import { IntentsRepository } from './intents/intents.repository';
import { IntentsService } from './intents/intents.service';
import { PAYMENT_PROVIDERS, type PaymentProvider } from './providers/payment-provider';
import { ProvidersRegistry } from './providers/providers.registry';
import { SandboxController } from './providers/sandbox.controller';
import { SandboxProvider } from './providers/sandbox.provider';
import { PrivacyController } from './privacy/privacy.controller';
import { PrivacyService } from './privacy/privacy.service';
import { UserErasedConsumer } from './privacy/user-erased.consumer';
import { ReconciliationController } from './reconciliation/reconciliation.controller';
import { ReconciliationService } from './reconciliation/reconciliation.service';
import { RefundsController } from './refunds/refunds.controller';
import { RefundsRepository } from './refunds/refunds.repository';
import { RefundsService } from './refunds/refunds.service';
import { WalletOpsClient } from './wallet/wallet-ops.client';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksRepository } from './webhooks/webhooks.repository';
import { WebhooksService } from './webhooks/webhooks.service';

/** Root of the payment service's features. */
@Module({
  controllers: [
    IntentsController,
    WebhooksController,
    RefundsController,
    SandboxController,
    ReconciliationController,
    PrivacyController,
  ],
  providers: [
    SandboxProvider,
    {
      provide: PAYMENT_PROVIDERS,
      useFactory: (sandbox: SandboxProvider): PaymentProvider[] => [sandbox],
      inject: [SandboxProvider],
    },
    ProvidersRegistry,
    IntentsRepository,
    IntentOutcomesService,
    IntentsService,
    WalletOpsClient,
    WebhooksRepository,
    WebhooksService,
    RefundsRepository,
    RefundsService,
    ReconciliationService,
    PrivacyService,
    UserErasedConsumer,
  ],
})
export class PaymentModule {}
