import { Inject, Injectable } from '@nestjs/common';
import type { PrivacyExportReply } from '@ecom/contracts';
import { LOGGER, type Logger } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import { toIntentView } from '../intents/intent-views';
import { amountOf, IntentsRepository } from '../intents/intents.repository';
import { RefundsRepository } from '../refunds/refunds.repository';

/** The user's payments for an RGPD export, and their anonymisation on erasure (money records stay). */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly intents: IntentsRepository,
    private readonly refunds: RefundsRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async export(userId: string): Promise<PrivacyExportReply> {
    const manager = this.dataSource.manager;
    const rows = await this.intents.findByPayer(manager, userId);
    const payments = await Promise.all(
      rows.map(async (row) => ({
        ...toIntentView(row),
        payer_phone: row.payer_phone,
        refunds: (await this.refunds.findByIntent(manager, row.id)).map((refund) => ({
          id: refund.id,
          amount: amountOf(refund.amount),
          currency: refund.currency,
          reason: refund.reason,
          created_at: refund.created_at.toISOString(),
        })),
      })),
    );

    return { service: 'payment', user_id: userId, data: payments.length > 0 ? { payments } : {} };
  }

  /**
   * Payments are accounting records and stay; what identifies the payer beyond the erased account's id
   * goes: phones, free-text descriptions, and the raw callbacks (they may quote the phone).
   */
  async erase(manager: EntityManager, userId: string): Promise<void> {
    const anonymised = await this.intents.anonymisePayer(manager, userId);
    this.logger.info('Payments of an erased user anonymised', { user_id: userId, payments: anonymised });
  }
}
