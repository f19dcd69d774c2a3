import { Module } from '@nestjs/common';

import { PrivacyController } from './privacy/privacy.controller';

/** Root of the analytics service's features. */
@Module({ controllers: [PrivacyController] })
export class AnalyticsModule {}
