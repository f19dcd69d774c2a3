import { Module } from '@nestjs/common';

/** Root of the wallet service's features. */
@Module({})
export class WalletModule {}
