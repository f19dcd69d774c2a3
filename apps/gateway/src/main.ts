import 'reflect-metadata';

import { runUntilSignal } from '@ecom/platform';

import { createGateway } from './app';

void runUntilSignal(() => createGateway());
