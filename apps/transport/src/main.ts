import 'reflect-metadata';

import { createService, runUntilSignal } from '@ecom/platform';

import { transportService } from './service';

void runUntilSignal(() => createService(transportService));
