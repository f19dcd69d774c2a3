import type { ServiceDefinition } from '@ecom/platform';

import { PaymentModule } from './payment.module';
import { PaymentConfig } from './config';
import { paymentDatabase } from './database';

export const paymentService: ServiceDefinition<PaymentConfig> = {
  name: 'payment',
  module: PaymentModule,
  config: PaymentConfig,
  database: paymentDatabase,
};
