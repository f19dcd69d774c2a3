import 'reflect-metadata';

import { createService, runUntilSignal } from '@ecom/platform';

import { marketplaceService } from './service';

void runUntilSignal(() => createService(marketplaceService));
