import { Module } from '@nestjs/common';

import { IntentOutcomesService } from './intents/intent-outcomes.service';
import { IntentsController } from './intents/intents.controller';
import { IntentsRepository } from './intents/intents.repository';
import { IntentsService } from './intents/intents.service';
import { PaymentConfig } from './config';
import { FedaPayProvider } from './providers/fedapay.provider';
import { PAYMENT_PROVIDERS, type PaymentProvider } from './providers/payment-provider';
import { ProvidersRegistry } from './providers/providers.registry';
import { SandboxController } from './providers/sandbox.controller';
import { SandboxProvider } from './providers/sandbox.provider';
import { StripeProvider } from './providers/stripe.provider';
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

/** The adapters some method uses: a webhook for any other provider name is refused as unknown. */
function configuredProviders(
  config: PaymentConfig,
  sandbox: SandboxProvider,
  stripe: StripeProvider,
  fedapay: FedaPayProvider,
): PaymentProvider[] {
  const used = new Set<string>([
    config.PAYMENT_PROVIDER_YAS,
    config.PAYMENT_PROVIDER_FLOOZ,
    config.PAYMENT_PROVIDER_VISA,
    config.PAYMENT_PROVIDER_PISPI,
  ]);

  return [sandbox, stripe, fedapay].filter((provider) => used.has(provider.name));
}

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
    StripeProvider,
    FedaPayProvider,
    {
      provide: PAYMENT_PROVIDERS,
      useFactory: configuredProviders,
      inject: [PaymentConfig, SandboxProvider, StripeProvider, FedaPayProvider],
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
