import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import type {
  CreatePaymentMethodRequest,
  PaymentMethodProvider,
  PaymentMethodType,
  PaymentMethodView,
} from '@ecom/contracts';
import { DomainError, inTransaction } from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import { WalletsService } from '../wallets/wallets.service';
import { maskIdentifier, normalizeIdentifier } from './identifiers';
import { MethodKeys } from './method-keys';

interface MethodRow {
  id: string;
  user_id: string;
  type: PaymentMethodType;
  provider: PaymentMethodProvider;
  identifier_sealed: string;
  key_id: string;
  masked: string;
  is_default: boolean;
  created_at: Date;
}

/** Only the masked form ever leaves the service. */
function toView(row: MethodRow): PaymentMethodView {
  return {
    id: row.id,
    type: row.type,
    provider: row.provider,
    identifier: row.masked,
    is_default: row.is_default,
    created_at: row.created_at.toISOString(),
  };
}

/** Saved payment methods: identifiers sealed at rest, shown masked, one default per user. */
@Injectable()
export class MethodsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly wallets: WalletsService,
    private readonly keys: MethodKeys,
  ) {}

  async list(userId: string): Promise<PaymentMethodView[]> {
    const rows = await this.dataSource.query<MethodRow[]>(
      'SELECT * FROM payment_methods WHERE user_id = $1 ORDER BY is_default DESC, created_at DESC',
      [userId],
    );

    return rows.map(toView);
  }

  /** The first method saved is the default; a new default takes the place of the old one. */
  async create(userId: string, request: CreatePaymentMethodRequest): Promise<PaymentMethodView> {
    const identifier = normalizeIdentifier(request.type, request.provider, request.identifier);
    await this.wallets.ensure(userId);
    const id = randomUUID();
    const { sealed, keyId } = this.keys.seal(identifier, id);

    return inTransaction(this.dataSource, async (manager) => {
      await this.lockUser(manager, userId);
      const [existing] = await manager.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM payment_methods WHERE user_id = $1',
        [userId],
      );
      const isDefault = request.is_default === true || existing?.count === 0;
      if (isDefault) {
        await manager.query(
          'UPDATE payment_methods SET is_default = false WHERE user_id = $1 AND is_default',
          [userId],
        );
      }
      const [row] = await manager.query<MethodRow[]>(
        `INSERT INTO payment_methods (id, user_id, type, provider, identifier_sealed, key_id, masked, is_default)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [
          id,
          userId,
          request.type,
          request.provider,
          sealed,
          keyId,
          maskIdentifier(request.type, identifier),
          isDefault,
        ],
      );
      if (!row) throw new Error('The payment method was not written');

      return toView(row);
    });
  }

  /** Deleting the default makes the most recent remaining method the default. */
  async delete(userId: string, id: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      await this.lockUser(manager, userId);
      const [deleted] = await manager.query<[{ is_default: boolean }[], number]>(
        'DELETE FROM payment_methods WHERE id = $1 AND user_id = $2 RETURNING is_default',
        [id, userId],
      );
      const row = deleted[0];
      if (!row) throw new DomainError('WALLET_METHOD_NOT_FOUND');
      if (row.is_default) {
        await manager.query(
          `UPDATE payment_methods SET is_default = true
            WHERE id = (SELECT id FROM payment_methods WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1)`,
          [userId],
        );
      }
    });
  }

  /** The identifier in clear, for the payment it is used for (never answered to a client). */
  async reveal(
    userId: string,
    id: string,
  ): Promise<{ type: PaymentMethodType; provider: PaymentMethodProvider; identifier: string }> {
    const [row] = await this.dataSource.query<MethodRow[]>(
      'SELECT * FROM payment_methods WHERE id = $1 AND user_id = $2',
      [id, userId],
    );
    if (!row) throw new DomainError('WALLET_METHOD_NOT_FOUND');

    return {
      type: row.type,
      provider: row.provider,
      identifier: this.keys.open(row.identifier_sealed, row.key_id, row.id),
    };
  }

  async erase(manager: EntityManager, userId: string): Promise<number> {
    const [rows] = await manager.query<[unknown[], number]>(
      'DELETE FROM payment_methods WHERE user_id = $1 RETURNING id',
      [userId],
    );

    return rows.length;
  }

  /** The wallet row serialises a user's method changes (one default at a time); payments do not take it. */
  private async lockUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.query('SELECT 1 FROM wallets WHERE user_id = $1 FOR UPDATE', [userId]);
  }
}
