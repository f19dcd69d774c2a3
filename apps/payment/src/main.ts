import 'reflect-metadata';

import { createService, runUntilSignal } from '@ecom/platform';

import { paymentService } from './service';

void runUntilSignal(() => createService(paymentService));
