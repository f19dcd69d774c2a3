import { createHash, randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import {
  AUTH_SUBJECTS,
  MARKETPLACE_EVENTS,
  PROVIDER_METHODS,
  type AddressView,
  type Caller,
  type OrderView,
  type PayOrderRequest,
  type OrderPlacedEvent,
  type PlaceOrderReply,
  type PlaceOrderRequest,
  type UserSummary,
} from '@ecom/contracts';
import {
  currentContext,
  DomainError,
  EventPublisher,
  inTransaction,
  LOGGER,
  preparedQuery,
  ServiceClient,
  ValidationFailedError,
  UserDirectory,
  type Logger,
  type PreparedStatement,
} from '@ecom/platform';
import { DataSource, type EntityManager } from 'typeorm';

import { CartService, type CartLine } from '../cart/cart.service';
import { MarketplaceConfig } from '../config';
import { PaymentClient } from '../payments/payment-client';
import { orderNumber } from './order-number';
import { OrderLifecycleService } from './order-lifecycle.service';
import { OrdersRepository, type OrderRow } from './orders.repository';

interface Delivery {
  text: string;
  lat: number | null;
  lng: number | null;
}

/** A line to sell, with its product's price and name and its store. */
interface SoldLine {
  id: string;
  name: string;
  price: string;
  store_id: string;
  store_owner_id: string;
  store_name: string;
  store_phone: string;
  delivery_fee: string;
  min_order_amount: string;
  quantity: number;
}

/**
 * Claims the Idempotency-Key (no checkout id when a concurrent request took it) and reads the products
 * as sold now, with their stores: always one row, product columns null when none is for sale.
 */
const CLAIM_AND_PRICE: PreparedStatement = {
  name: 'marketplace.checkout.claim-and-price',
  text: `WITH claim AS (
           INSERT INTO checkouts (id, customer_id, idempotency_key, request_hash) VALUES ($1, $2, $3, $4)
           ON CONFLICT (customer_id, idempotency_key) DO NOTHING RETURNING id)
         SELECT (SELECT id FROM claim) AS checkout_id, sold.*
           FROM (SELECT 1) AS one
           LEFT JOIN LATERAL (
             SELECT p.id, p.name, p.price, p.stock_quantity, p.store_id, s.owner_id AS store_owner_id,
                    s.name AS store_name, s.phone AS store_phone, s.delivery_fee, s.min_order_amount
               FROM products p JOIN stores s ON s.id = p.store_id
              WHERE p.id = ANY($5::uuid[]) AND p.is_active AND p.deleted_at IS NULL AND s.is_active) AS sold ON true`,
};

/**
 * Locks the lines' products in id order, then takes each line's units where the stock covers them; the
 * products of the lines not taken come back (the caller aborts). The lock holds the latest stock, which
 * the update then decrements. NO KEY UPDATE, as the update itself takes: the order items inserted before
 * hold KEY SHARE locks on their products (foreign keys), which FOR UPDATE would wait on and deadlock.
 */
const TAKE_STOCK: PreparedStatement = {
  name: 'marketplace.checkout.take-stock',
  text: `WITH wanted AS (SELECT * FROM unnest($1::uuid[], $2::int[]) AS line (product_id, quantity)),
         locked AS MATERIALIZED (
           SELECT id, stock_quantity FROM products
            WHERE id = ANY($1::uuid[]) AND is_active AND deleted_at IS NULL ORDER BY id FOR NO KEY UPDATE),
         taken AS (
           UPDATE products p SET stock_quantity = p.stock_quantity - w.quantity, updated_at = now()
             FROM locked k JOIN wanted w ON w.product_id = k.id
            WHERE p.id = k.id AND k.stock_quantity >= w.quantity RETURNING p.id)
         SELECT w.product_id FROM wanted w WHERE NOT EXISTS (SELECT 1 FROM taken t WHERE t.id = w.product_id)`,
};

/** The order, its items and its first timeline step, unless its number is taken (then nothing). */
const PLACE_ORDER: PreparedStatement = {
  name: 'marketplace.checkout.place-order',
  text: `WITH placed AS (
           INSERT INTO orders (id, checkout_id, customer_id, customer_name, customer_phone, store_id, payment_method,
                               payment_due_at, payer_phone, subtotal, delivery_fee, total_amount, commission_amount,
                               delivery_address, delivery_lat, delivery_lng, special_instructions, placed_at, order_number)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
           ON CONFLICT (order_number) DO NOTHING RETURNING *),
         items AS (
           INSERT INTO order_items (id, order_id, product_id, name, unit_price, quantity, line_total)
           SELECT gen_random_uuid(), placed.id, line.product_id, line.name, line.unit_price, line.quantity,
                  line.unit_price * line.quantity
             FROM placed, unnest($20::uuid[], $21::text[], $22::bigint[], $23::int[])
               AS line (product_id, name, unit_price, quantity)),
         first_step AS (
           INSERT INTO order_timeline (order_id, from_status, to_status, payment_status, actor_id, actor_role, reason)
           SELECT id, NULL, status, payment_status, customer_id, 'customer', 'placed' FROM placed)
         SELECT *, to_json(placed_at) #>> '{}' AS placed_key FROM placed`,
};

/**
 * `POST /orders`: one order per store, all in one transaction. Stock is taken in one statement that locks
 * the products in id order (two checkouts sharing products lock them in the same order and cannot
 * deadlock); one line short and the whole checkout rolls back, naming the product. A checkout is
 * recorded under the caller's Idempotency-Key, so a retry after a crash answers the same orders.
 */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: MarketplaceConfig,
    private readonly cart: CartService,
    private readonly orders: OrdersRepository,
    private readonly lifecycle: OrderLifecycleService,
    private readonly payments: PaymentClient,
    private readonly client: ServiceClient,
    private readonly directory: UserDirectory,
    private readonly events: EventPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async place(who: Caller, request: PlaceOrderRequest): Promise<PlaceOrderReply> {
    const key = currentContext()?.idempotencyKey;
    const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    const replayed = await this.replayOrCount(who.user_id, key, requestHash);
    if (replayed) return replayed;
    const fromCart = request.items === undefined;
    const lines = mergeLines(fromCart ? await this.cart.lines(who.user_id) : (request.items ?? []));
    if (lines.length === 0) throw new DomainError('CART_EMPTY');
    const units = lines.reduce((sum, line) => sum + line.quantity, 0);
    if (lines.length > this.config.ORDER_MAX_LINES || units > this.config.ORDER_MAX_UNITS) {
      throw new DomainError(
        'ORDER_TOO_MANY_ITEMS',
        `An order holds at most ${this.config.ORDER_MAX_LINES} lines and ${this.config.ORDER_MAX_UNITS} units`,
        { lines: lines.length, units },
      );
    }
    const delivery = await this.delivery(request);
    const customer = await this.directory.byId(who.user_id);

    const created = await inTransaction(this.dataSource, async (manager) => {
      const claimed = await this.claimAndPrice(manager, who.user_id, key, requestHash, lines);
      // The same key committed by a concurrent request meanwhile: answered below from its orders.
      if (!claimed) return [];
      const { checkoutId, sold } = claimed;
      const rows = await this.createOrders(manager, checkoutId, who, customer, sold, delivery, request);
      if (fromCart) {
        await manager.query('DELETE FROM cart_items WHERE user_id = $1 AND product_id = ANY($2)', [
          who.user_id,
          lines.map((line) => line.product_id),
        ]);
      }
      // Last, so that the product and store rows stay locked only from here to the commit: buyers of the
      // same products or store wait for each other as briefly as possible.
      await this.takeStock(manager, lines);
      // One store at a time in id order, like the products: two multi-store checkouts cannot deadlock.
      for (const storeId of rows.map((row) => row.store_id).sort()) {
        await manager.query('UPDATE stores SET total_orders = total_orders + 1 WHERE id = $1', [storeId]);
      }

      return rows;
    });
    if (created.length === 0 && key) {
      const replayed = await this.replay(who.user_id, key, requestHash);
      if (replayed) return replayed;
    }
    await this.startPayments(created);

    return { orders: await this.orders.views(this.dataSource.manager, await this.reload(created)) };
  }

  /**
   * Asks payment for each order's intent. A wallet order is paid by the reply; a provider order waits for
   * `payment.intent.succeeded`; cash waits for the delivery. A refusal cancels every order of the checkout
   * (stock back, what was already paid refunded) and is the answer.
   */
  private async startPayments(created: OrderRow[]): Promise<void> {
    for (const order of created) {
      if (order.payment_intent_id || order.status === 'cancelled') continue;
      try {
        const intent = await this.payments.createIntent(
          order,
          order.payment_method,
          order.payer_phone ?? order.customer_phone,
        );
        if (intent.status === 'failed' || intent.status === 'cancelled') {
          throw new DomainError('PAYMENT_DECLINED', intent.failure_reason ?? undefined);
        }
        if (intent.status === 'succeeded') {
          // Paid at once (wallet): the intent is recorded with the payment, in one transaction.
          await inTransaction(this.dataSource, (manager) =>
            this.lifecycle.markPaid(manager, order.id, intent.id),
          );
        } else {
          await this.dataSource.query(
            'UPDATE orders SET payment_intent_id = $2, payment_next_action = $3, updated_at = now() WHERE id = $1',
            [order.id, intent.id, intent.next_action ? JSON.stringify(intent.next_action) : null],
          );
        }
      } catch (error) {
        this.logger.info('Payment refused at checkout: its orders are cancelled', {
          order_id: order.id,
          code: error instanceof DomainError ? error.code : 'INTERNAL',
        });
        for (const each of created) await this.lifecycle.cancelBySystem(each.id, 'payment refused');
        throw error;
      }
    }
  }

  /**
   * `POST /orders/:id/pay`: the customer pays a pending order another way (cash chosen first, then the
   * wallet; a mobile-money push that expired). The previous intent is cancelled; a refusal leaves the
   * order as it was.
   */
  async pay(who: Caller, request: PayOrderRequest): Promise<OrderView> {
    const order = await this.orders.find(this.dataSource.manager, request.id);
    if (order?.customer_id !== who.user_id) throw new DomainError('ORDER_NOT_FOUND');
    if (order.status === 'cancelled' || order.payment_status !== 'pending') {
      throw new DomainError(
        'ORDER_INVALID_TRANSITION',
        `An order ${order.status} and ${order.payment_status} cannot be paid`,
      );
    }
    const intent = await this.payments.createIntent(
      order,
      request.payment_method,
      request.payer_phone ?? order.payer_phone ?? order.customer_phone,
    );
    if (intent.status === 'failed' || intent.status === 'cancelled') {
      throw new DomainError('PAYMENT_DECLINED', intent.failure_reason ?? undefined);
    }
    const previous = order.payment_intent_id;
    const dueAt =
      request.payment_method === 'cash_on_delivery'
        ? null
        : new Date(Date.now() + this.config.UNPAID_ORDER_TIMEOUT_SECONDS * 1000);
    await inTransaction(this.dataSource, async (manager) => {
      await manager.query(
        `UPDATE orders SET payment_method = $2, payment_intent_id = $3, payment_next_action = $4, payment_due_at = $5,
                payer_phone = coalesce($6, payer_phone), updated_at = now()
          WHERE id = $1 AND payment_status = 'pending'`,
        [
          order.id,
          request.payment_method,
          intent.id,
          intent.next_action ? JSON.stringify(intent.next_action) : null,
          dueAt,
          request.payer_phone ?? null,
        ],
      );
      if (intent.status === 'succeeded') await this.lifecycle.markPaid(manager, order.id, intent.id);
    });
    if (previous && previous !== intent.id) {
      await this.payments.cancel(previous, 'paid another way').catch((error: unknown) => {
        this.logger.warn('Previous payment intent not cancelled', {
          order_id: order.id,
          error: error instanceof Error ? error.message : String(error),
        });
      });
    }

    return this.lifecycle.view(order.id);
  }

  /** The orders of an earlier checkout under this key; the same key with another request is a conflict. */
  private async replay(userId: string, key: string, requestHash: string): Promise<PlaceOrderReply | null> {
    const [checkout] = await this.dataSource.query<{ id: string; request_hash: string }[]>(
      'SELECT id, request_hash FROM checkouts WHERE customer_id = $1 AND idempotency_key = $2',
      [userId, key],
    );

    return checkout ? this.answerCheckout(checkout.id, checkout.request_hash, requestHash) : null;
  }

  private async answerCheckout(
    checkoutId: string,
    storedHash: string | null,
    requestHash: string,
  ): Promise<PlaceOrderReply> {
    if (storedHash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    const rows = await this.orders.findMany(
      this.dataSource.manager,
      'o.checkout_id = $1',
      [checkoutId],
      'ORDER BY o.order_number',
    );
    // The first attempt committed its orders but stopped before asking payment for all of them.
    await this.startPayments(rows);

    return { orders: await this.orders.views(this.dataSource.manager, await this.reload(rows)) };
  }

  private async reload(rows: OrderRow[]): Promise<OrderRow[]> {
    if (rows.length === 0) return [];

    return this.orders.findMany(
      this.dataSource.manager,
      'o.id = ANY($1)',
      [rows.map((row) => row.id)],
      'ORDER BY o.order_number',
    );
  }

  /**
   * The orders of an earlier checkout under this key, or else counts this attempt, failed or not: past the
   * limit the caller waits (seed 000: sellers' WhatsApp). One statement, on the path of every checkout.
   */
  private async replayOrCount(
    userId: string,
    key: string | undefined,
    requestHash: string,
  ): Promise<PlaceOrderReply | null> {
    const [row] = await this.dataSource.query<
      { recent: number; checkout_id: string | null; request_hash: string | null }[]
    >(
      `WITH earlier AS (SELECT id, request_hash FROM checkouts WHERE customer_id = $1 AND idempotency_key = $2),
            attempt AS (INSERT INTO checkout_attempts (user_id) SELECT $1 WHERE NOT EXISTS (SELECT 1 FROM earlier))
       SELECT (SELECT count(*)::int FROM checkout_attempts
                WHERE user_id = $1 AND attempted_at > now() - interval '1 minute') AS recent,
              (SELECT id FROM earlier) AS checkout_id, (SELECT request_hash FROM earlier) AS request_hash`,
      [userId, key ?? null],
    );
    if (row?.checkout_id) return this.answerCheckout(row.checkout_id, row.request_hash, requestHash);
    if ((row?.recent ?? 0) >= this.config.ORDER_ATTEMPTS_PER_MINUTE) {
      throw new DomainError(
        'RATE_LIMITED',
        `At most ${this.config.ORDER_ATTEMPTS_PER_MINUTE} orders a minute`,
      );
    }

    return null;
  }

  private async delivery(request: PlaceOrderRequest): Promise<Delivery> {
    if ((request.delivery_address_id === undefined) === (request.delivery_address === undefined)) {
      throw new ValidationFailedError([
        { field: 'delivery_address', message: 'give either delivery_address_id or delivery_address' },
      ]);
    }
    if (request.delivery_address) {
      const inline = request.delivery_address;
      const text = [inline.street, inline.details, inline.city, inline.country ?? 'TG']
        .filter(Boolean)
        .join(', ');

      return { text, lat: inline.location?.lat ?? null, lng: inline.location?.lng ?? null };
    }
    // Auth answers the caller's own addresses only: the request context is forwarded as it came.
    const { items } = await this.client.request<{ items: AddressView[] }>(AUTH_SUBJECTS.listAddresses, {});
    const saved = items.find((address) => address.id === request.delivery_address_id);
    if (!saved) throw new DomainError('ADDRESS_NOT_FOUND');
    const text = [saved.street, saved.zip_code, saved.city, saved.country].filter(Boolean).join(', ');

    return { text, lat: saved.location?.lat ?? null, lng: saved.location?.lng ?? null };
  }

  /**
   * Claims the checkout's Idempotency-Key and reads each line's product as sold now: price and name (the
   * order keeps them) and its store, in one statement. Undefined when the key was taken meanwhile. Lines
   * that cannot be sold are refused before anything else is written; stock itself is decided by
   * `takeStock`.
   */
  private async claimAndPrice(
    manager: EntityManager,
    customerId: string,
    key: string | undefined,
    requestHash: string,
    lines: CartLine[],
  ): Promise<{ checkoutId: string; sold: SoldLine[] } | undefined> {
    const rows = await preparedQuery<
      ({ checkout_id: string | null } & Omit<SoldLine, 'quantity'> & { stock_quantity: number })[]
    >(manager, CLAIM_AND_PRICE, [
      randomUUID(),
      customerId,
      key ?? `none:${randomUUID()}`,
      requestHash,
      lines.map((line) => line.product_id),
    ]);
    const checkoutId = rows[0]?.checkout_id;
    if (!checkoutId) return undefined;
    const sold: SoldLine[] = [];
    for (const line of lines) {
      const row = rows.find((candidate) => candidate.id === line.product_id);
      if (!row || row.stock_quantity < line.quantity) await this.explainShortage(manager, line);
      else sold.push({ ...row, quantity: line.quantity });
    }

    return { checkoutId, sold };
  }

  /**
   * Takes every line's units in one statement: the products locked in id order (two checkouts of the same
   * products queue instead of deadlocking), each line taken only if its stock covers it. A line short
   * aborts the transaction, naming the product.
   */
  private async takeStock(manager: EntityManager, lines: CartLine[]): Promise<void> {
    const short = await preparedQuery<{ product_id: string }[]>(manager, TAKE_STOCK, [
      lines.map((line) => line.product_id),
      lines.map((line) => line.quantity),
    ]);
    const first = lines.find((line) => short.some((row) => row.product_id === line.product_id));
    if (first) await this.explainShortage(manager, first);
  }

  private async explainShortage(manager: EntityManager, line: CartLine): Promise<never> {
    const [product] = await manager.query<
      { name: string; stock_quantity: number; for_sale: boolean; store_active: boolean }[]
    >(
      `SELECT p.name, p.stock_quantity, (p.is_active AND p.deleted_at IS NULL) AS for_sale, s.is_active AS store_active
         FROM products p JOIN stores s ON s.id = p.store_id WHERE p.id = $1`,
      [line.product_id],
    );
    if (!product) {
      throw new DomainError('PRODUCT_NOT_FOUND', `Product ${line.product_id} does not exist`, {
        product_id: line.product_id,
      });
    }
    if (!product.store_active)
      throw new DomainError('STORE_INACTIVE', undefined, { product_id: line.product_id });
    if (!product.for_sale) {
      throw new DomainError('PRODUCT_UNAVAILABLE', `${product.name} is not for sale`, {
        product_id: line.product_id,
        product_name: product.name,
      });
    }
    throw new DomainError('ORDER_OUT_OF_STOCK', `Not enough stock of ${product.name}`, {
      product_id: line.product_id,
      product_name: product.name,
      requested: line.quantity,
      available: product.stock_quantity,
    });
  }

  private async createOrders(
    manager: EntityManager,
    checkoutId: string,
    who: Caller,
    customer: UserSummary,
    sold: SoldLine[],
    delivery: Delivery,
    request: PlaceOrderRequest,
  ): Promise<OrderRow[]> {
    const stores = [...new Map(sold.map((line) => [line.store_id, line])).values()]
      .map((line) => ({
        id: line.store_id,
        owner_id: line.store_owner_id,
        name: line.store_name,
        phone: line.store_phone,
        delivery_fee: line.delivery_fee,
        min_order_amount: line.min_order_amount,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const placedAt = new Date();
    const customerName = [customer.first_name, customer.last_name].filter(Boolean).join(' ');
    const dueAt =
      (PROVIDER_METHODS as readonly string[]).includes(request.payment_method) ||
      request.payment_method === 'wallet'
        ? new Date(placedAt.getTime() + this.config.UNPAID_ORDER_TIMEOUT_SECONDS * 1000)
        : null;
    const created: OrderRow[] = [];
    for (const store of stores) {
      const lines = sold.filter((line) => line.store_id === store.id);
      const subtotal = lines.reduce((sum, line) => sum + Number(line.price) * line.quantity, 0);
      if (subtotal < Number(store.min_order_amount)) {
        throw new DomainError(
          'ORDER_BELOW_MINIMUM',
          `${store.name} delivers orders from ${store.min_order_amount} XOF`,
          {
            store_id: store.id,
            min_order_amount: Number(store.min_order_amount),
            subtotal,
          },
        );
      }
      const deliveryFee = Number(store.delivery_fee);
      const commission = Math.floor((subtotal * this.config.COMMISSION_RATE_BPS) / 10_000);
      const id = randomUUID();
      const inserted = await this.insertOrder(manager, lines, [
        id,
        checkoutId,
        who.user_id,
        customerName,
        customer.phone,
        store.id,
        request.payment_method,
        dueAt,
        request.payer_phone ?? null,
        subtotal,
        deliveryFee,
        subtotal + deliveryFee,
        commission,
        delivery.text,
        delivery.lat,
        delivery.lng,
        request.special_instructions ?? null,
        placedAt,
      ]);
      const number = inserted.order_number;
      const order: OrderRow = {
        ...inserted,
        store_name: store.name,
        store_phone: store.phone,
        store_owner_id: store.owner_id,
      };
      const event: OrderPlacedEvent = {
        order_id: id,
        order_number: number,
        store: { id: store.id, name: store.name, owner_id: store.owner_id, phone: store.phone },
        customer: { user_id: who.user_id, name: customerName, phone: customer.phone },
        items: lines.map((line) => ({
          product_id: line.id,
          name: line.name,
          quantity: line.quantity,
          unit_price: Number(line.price),
          line_total: Number(line.price) * line.quantity,
        })),
        subtotal,
        delivery_fee: deliveryFee,
        total_amount: subtotal + deliveryFee,
        currency: 'XOF',
        delivery_address: delivery.text,
        special_instructions: request.special_instructions ?? null,
        payment_method: request.payment_method,
        manage_url: `${this.config.STORE_ORDERS_URL}/${id}`,
        placed_at: placedAt.toISOString(),
      };
      await this.events.publish(manager, MARKETPLACE_EVENTS.orderPlaced, event, { aggregateId: id });
      created.push(order);
    }

    return created;
  }

  /**
   * Inserts the order, its items and its first timeline step under a fresh number; a taken number (rare)
   * draws again without aborting.
   */
  private async insertOrder(
    manager: EntityManager,
    lines: SoldLine[],
    values: unknown[],
  ): Promise<Omit<OrderRow, 'store_name' | 'store_phone' | 'store_owner_id'>> {
    const items = [
      lines.map((line) => line.id),
      lines.map((line) => line.name),
      lines.map((line) => line.price),
      lines.map((line) => line.quantity),
    ];
    for (let attempt = 0; ; attempt += 1) {
      const number = orderNumber(values[17] as Date, attempt);
      const [row] = await preparedQuery<Omit<OrderRow, 'store_name' | 'store_phone' | 'store_owner_id'>[]>(
        manager,
        PLACE_ORDER,
        [...values, number, ...items],
      );
      if (row) return row;
    }
  }
}

/** One line per product: the same product twice is one line of both quantities. */
function mergeLines(lines: CartLine[]): CartLine[] {
  const merged = new Map<string, number>();
  for (const line of lines) merged.set(line.product_id, (merged.get(line.product_id) ?? 0) + line.quantity);

  return [...merged].map(([product_id, quantity]) => ({ product_id, quantity }));
}
