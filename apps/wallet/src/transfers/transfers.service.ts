import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import {
  WALLET_EVENTS,
  type TransferCompletedEvent,
  type TransferRequest,
  type UserSummary,
  type WalletTransactionView,
} from '@ecom/contracts';
import { currentContext, DomainError, EventPublisher, UserDirectory } from '@ecom/platform';

import { AmlService } from '../aml/aml.service';
import { Idempotency } from '../ledger/idempotency';
import { LedgerRepository } from '../ledger/ledger.repository';
import { toTransactionView } from '../ledger/transaction-view';
import { callerId } from '../security/caller';
import { WalletsService } from '../wallets/wallets.service';

/** Person-to-person transfers by phone, from the verified caller's wallet. */
@Injectable()
export class TransfersService {
  constructor(
    private readonly directory: UserDirectory,
    private readonly ledger: LedgerRepository,
    private readonly idempotency: Idempotency,
    private readonly wallets: WalletsService,
    private readonly aml: AmlService,
    private readonly events: EventPublisher,
  ) {}

  /**
   * Moves money once per Idempotency-Key of the sender (a retry answers the first transfer; without a
   * key each request is its own transfer). Both accounts are locked in id order, so A→B and B→A at the
   * same moment queue instead of deadlocking.
   */
  async transfer(request: TransferRequest): Promise<WalletTransactionView> {
    const senderId = callerId();
    const key = currentContext()?.idempotencyKey ?? randomUUID();
    const receiver = await this.receiverOf(request.to_phone);
    if (receiver.user_id === senderId) throw new DomainError('WALLET_SELF_TRANSFER');
    const senderAccount = await this.wallets.accountOf(senderId);
    const receiverAccount = await this.wallets.accountOf(receiver.user_id);

    return this.idempotency.run(`transfer:${senderId}`, key, request, async (manager) => {
      const { accounts, wallets } = await this.wallets.lockToPay(manager, senderAccount, request.amount, [
        receiverAccount,
      ]);
      const to = wallets.get(receiverAccount);
      if (!to) throw new DomainError('WALLET_RECIPIENT_NOT_FOUND');
      this.wallets.assertCanReceive(to);
      const posted = await this.ledger.post(
        manager,
        {
          kind: 'transfer',
          category: 'transfer',
          currency: 'XOF',
          amount: request.amount,
          description: request.description,
          payment_method: 'wallet',
        },
        [
          { accountId: senderAccount, amount: -request.amount },
          { accountId: receiverAccount, amount: request.amount },
        ],
        accounts,
      );
      await this.aml.record(manager, {
        id: posted.id,
        sender_id: senderId,
        receiver_id: receiver.user_id,
        amount: request.amount,
      });
      const event: TransferCompletedEvent = {
        transfer_id: posted.id,
        sender_id: senderId,
        receiver_id: receiver.user_id,
        amount: request.amount,
        currency: 'XOF',
        description: request.description ?? null,
        sender_balance_after: posted.balances.get(senderAccount) ?? 0,
        receiver_balance_after: posted.balances.get(receiverAccount) ?? 0,
      };
      await this.events.publish(manager, WALLET_EVENTS.transferCompleted, event, { aggregateId: senderId });

      return toTransactionView({
        id: posted.id,
        category: 'transfer',
        currency: 'XOF',
        description: request.description ?? null,
        reference: null,
        payment_method: 'wallet',
        related_service_id: null,
        amount: -request.amount,
        balance_after: event.sender_balance_after,
        created_at: posted.created_at,
      });
    });
  }

  /** The active account behind a phone, as auth knows it; an unknown or invalid phone is no receiver. */
  private async receiverOf(phone: string): Promise<UserSummary> {
    try {
      return await this.directory.byPhone(phone);
    } catch (error) {
      if (
        error instanceof DomainError &&
        (error.code === 'NOT_FOUND' || error.code === 'AUTH_PHONE_INVALID')
      ) {
        throw new DomainError('WALLET_RECIPIENT_NOT_FOUND');
      }
      throw error;
    }
  }
}
