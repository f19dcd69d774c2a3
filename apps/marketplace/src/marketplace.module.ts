import { Module } from '@nestjs/common';

/** Root of the marketplace service's features. */
@Module({})
export class MarketplaceModule {}
