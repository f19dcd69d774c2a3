import 'reflect-metadata';

import { createService, runUntilSignal } from '@ecom/platform';

import { authService } from './service';

void runUntilSignal(() => createService(authService));
