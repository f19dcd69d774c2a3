import { Inject, Injectable } from '@nestjs/common';
import type { PrivacyExportReply } from '@ecom/contracts';
import { LOGGER, type Logger } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { MethodsService } from '../methods/methods.service';
import { HoldsService } from '../operations/holds.service';
import { TransactionsService } from '../transactions/transactions.service';
import { WalletsRepository } from '../wallets/wallets.repository';
import { WalletsService } from '../wallets/wallets.service';

/** The user's wallet for an RGPD export, and the erasure that forgets the holder but keeps the ledger. */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly wallets: WalletsService,
    private readonly walletRows: WalletsRepository,
    private readonly transactions: TransactionsService,
    private readonly holds: HoldsService,
    private readonly methods: MethodsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async export(userId: string): Promise<PrivacyExportReply> {
    const wallet = await this.walletRows.findByUser(userId);
    if (!wallet) return { service: 'wallet', user_id: userId, data: {} };

    return {
      service: 'wallet',
      user_id: userId,
      data: {
        wallet: {
          ...(await this.wallets.balance(userId)),
          holder_name: wallet.holder_name,
          holder_phone: wallet.holder_phone,
          created_at: wallet.created_at.toISOString(),
        },
        transactions: await this.transactions.all(userId),
        holds: await this.holds.ofUser(userId),
        payment_methods: await this.methods.list(userId),
      },
    };
  }

  /**
   * Saved methods are deleted; the wallet is closed and its holder's name and phone forgotten. Journal
   * entries stay (accounting law keeps them), tied only to the bare user id.
   */
  async erase(manager: EntityManager, userId: string): Promise<void> {
    const methods = await this.methods.erase(manager, userId);
    await this.walletRows.anonymise(manager, userId);
    this.logger.info('Wallet holder of an erased user anonymised', { user_id: userId, methods });
  }
}
