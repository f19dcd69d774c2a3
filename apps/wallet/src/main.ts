import 'reflect-metadata';

import { createService, runUntilSignal } from '@ecom/platform';

import { walletService } from './service';

void runUntilSignal(() => createService(walletService));
