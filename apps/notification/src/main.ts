import 'reflect-metadata';

import { createService, runUntilSignal } from '@ecom/platform';

import { notificationService } from './service';

void runUntilSignal(() => createService(notificationService));
