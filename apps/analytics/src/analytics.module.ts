import { Module } from '@nestjs/common';

/** Root of the analytics service's features. */
@Module({})
export class AnalyticsModule {}
