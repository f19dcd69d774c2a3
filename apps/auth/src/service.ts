import type { ServiceDefinition } from '@ecom/platform';

import { AuthModule } from './auth.module';
import { AuthConfig } from './config';
import { authDatabase } from './database';
import { loadDemoUsers } from './demo/demo-data';

export const authService: ServiceDefinition<AuthConfig> = {
  name: 'auth',
  module: AuthModule,
  config: AuthConfig,
  database: authDatabase,
  demoData: loadDemoUsers,
};
