import { Module } from '@nestjs/common';

import { PaymentSandboxController } from './payment-sandbox.controller';
import { PaymentWebhooksController } from './payment-webhooks.controller';
import { PaymentsController } from './payments.controller';

/** The payment service's routes: `/payments/...`, its provider webhooks and sandbox. */
@Module({ controllers: [PaymentWebhooksController, PaymentSandboxController, PaymentsController] })
export class PaymentsRoutesModule {}
