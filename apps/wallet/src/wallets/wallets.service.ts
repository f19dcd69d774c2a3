import { Injectable } from '@nestjs/common';
import {
  WALLET_EVENTS,
  type AdminWalletView,
  type SetWalletLimitsRequest,
  type WalletBalanceView,
  type WalletOpenedEvent,
  type WalletStatus,
} from '@ecom/contracts';
import { DomainError, EventPublisher, inTransaction } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import { WalletConfig } from '../config';
import { checkLimits, type WalletLimits } from './limits';
import { WalletsRepository, type Holder, type PaymentState, type WalletRow } from './wallets.repository';

const ACCOUNT_CACHE_SIZE = 100_000;

/** Wallet lifecycle (open, freeze, close), limits and the checks every payment from a wallet passes. */
@Injectable()
export class WalletsService {
  private readonly accountIds = new Map<string, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly wallets: WalletsRepository,
    private readonly events: EventPublisher,
    private readonly config: WalletConfig,
  ) {}

  /** Opens the wallet once (a redelivered registration, or a credit that came first, changes nothing). */
  async open(manager: EntityManager, userId: string, holder: Holder): Promise<void> {
    if (await this.wallets.open(manager, userId, holder)) {
      const event: WalletOpenedEvent = { user_id: userId, currency: 'XOF' };
      await this.events.publish(manager, WALLET_EVENTS.walletOpened, event, { aggregateId: userId });
    }
  }

  /**
   * The ledger account of the user's wallet, opened if need be. A wallet's account never changes: it is
   * remembered, which spares a query on every payment (status and limits are read under the lock).
   */
  async accountOf(userId: string): Promise<string> {
    const known = this.accountIds.get(userId);
    if (known) return known;
    const wallet = await this.ensure(userId);
    if (this.accountIds.size >= ACCOUNT_CACHE_SIZE) this.accountIds.clear();
    this.accountIds.set(userId, wallet.account_id);

    return wallet.account_id;
  }

  /** The user's wallet, opened now if its registration event has not arrived yet. */
  async ensure(userId: string): Promise<WalletRow> {
    const existing = await this.wallets.findByUser(userId);
    if (existing) return existing;
    await inTransaction(this.dataSource, (manager) =>
      this.open(manager, userId, { name: null, phone: null }),
    );
    const opened = await this.wallets.findByUser(userId);
    if (!opened) throw new DomainError('WALLET_NOT_FOUND');

    return opened;
  }

  /** An existing wallet: paying from one that was never opened is refused, not opened. */
  async get(userId: string, manager?: EntityManager): Promise<WalletRow> {
    const wallet = await this.wallets.findByUser(userId, manager);
    if (!wallet) throw new DomainError('WALLET_NOT_FOUND');

    return wallet;
  }

  limitsOf(wallet: WalletRow): WalletLimits {
    return {
      single_transaction_max: wallet.single_transaction_max ?? this.config.WALLET_SINGLE_TRANSACTION_MAX,
      daily_limit: wallet.daily_limit ?? this.config.WALLET_DAILY_LIMIT,
      monthly_limit: wallet.monthly_limit ?? this.config.WALLET_MONTHLY_LIMIT,
    };
  }

  /** Receiving: anything but a closed wallet. */
  assertCanReceive(wallet: WalletRow): void {
    if (wallet.status === 'closed') throw new DomainError('WALLET_CLOSED');
  }

  /**
   * Locks the payer's account (and `others`: a transfer's receiver), always in id order, and checks that
   * it can pay `amount`: status, limits (read under the lock, so that two concurrent debits cannot both
   * fit in what is left of a limit) and available funds. Answers the locked accounts and their wallets as
   * read under the lock: a freeze or a limit change committed before it counts.
   */
  async lockToPay(
    manager: EntityManager,
    payerAccountId: string,
    amount: number,
    others: string[] = [],
  ): Promise<Pick<PaymentState, 'accounts' | 'wallets'>> {
    const { accounts, wallets, spending } = await this.wallets.lockForPayment(
      manager,
      payerAccountId,
      others,
    );
    const account = accounts.get(payerAccountId);
    const current = wallets.get(payerAccountId);
    if (!account || !current) throw new DomainError('WALLET_NOT_FOUND');
    if (current.status === 'frozen') throw new DomainError('WALLET_FROZEN');
    if (current.status === 'closed') throw new DomainError('WALLET_CLOSED');
    checkLimits(amount, this.limitsOf(current), { ...spending, held: account.held });
    if (account.balance - account.held < amount) {
      throw new DomainError('WALLET_INSUFFICIENT_FUNDS', undefined, {
        available_balance: account.balance - account.held,
      });
    }

    return { accounts, wallets };
  }

  async balance(userId: string): Promise<WalletBalanceView> {
    const wallet = await this.ensure(userId);

    return this.view(wallet);
  }

  async setStatus(userId: string, to: Extract<WalletStatus, 'active' | 'frozen'>): Promise<AdminWalletView> {
    const wallet = await this.get(userId);
    if (wallet.status === 'closed') throw new DomainError('WALLET_CLOSED');
    await this.wallets.setStatus(userId, to === 'frozen' ? 'active' : 'frozen', to);

    return this.adminView(userId);
  }

  async setLimits(request: SetWalletLimitsRequest): Promise<AdminWalletView> {
    const { user_id: userId, ...limits } = request;
    if (!(await this.wallets.setLimits(userId, limits))) throw new DomainError('WALLET_NOT_FOUND');

    return this.adminView(userId);
  }

  private async adminView(userId: string): Promise<AdminWalletView> {
    return { user_id: userId, ...(await this.view(await this.get(userId))) };
  }

  private async view(wallet: WalletRow): Promise<WalletBalanceView> {
    const manager = this.dataSource.manager;
    const [account] = await manager.query<{ balance: number; held: number }[]>(
      'SELECT balance::float8 AS balance, held::float8 AS held FROM accounts WHERE id = $1',
      [wallet.account_id],
    );
    const spending = await this.wallets.spending(manager, wallet.account_id);
    const balance = account?.balance ?? 0;
    const held = account?.held ?? 0;

    return {
      balance,
      available_balance: balance - held,
      currency: 'XOF',
      status: wallet.status,
      ...this.limitsOf(wallet),
      daily_spent: spending.daily + held,
      monthly_spent: spending.monthly + held,
    };
  }
}
