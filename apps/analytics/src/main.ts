import 'reflect-metadata';

import { createService, runUntilSignal } from '@ecom/platform';

import { analyticsService } from './service';

void runUntilSignal(() => createService(analyticsService));
