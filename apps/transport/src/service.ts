import type { ServiceDefinition } from '@ecom/platform';

import { TransportModule } from './transport.module';
import { TransportConfig } from './config';
import { transportDatabase } from './database';

export const transportService: ServiceDefinition<TransportConfig> = {
  name: 'transport',
  module: TransportModule,
  config: TransportConfig,
  database: transportDatabase,
};
