import type { ServiceDefinition } from '@ecom/platform';

import { WalletModule } from './wallet.module';
import { WalletConfig } from './config';
import { walletDatabase } from './database';

export const walletService: ServiceDefinition<WalletConfig> = {
  name: 'wallet',
  module: WalletModule,
  config: WalletConfig,
  database: walletDatabase,
};
