import { Module } from '@nestjs/common';

import { AdminWalletsController } from './admin-wallets.controller';
import { WalletController } from './wallet.controller';

/** The wallet service's routes: `/wallet/...` and `/admin/wallets/...`. */
@Module({ controllers: [WalletController, AdminWalletsController] })
export class WalletRoutesModule {}
