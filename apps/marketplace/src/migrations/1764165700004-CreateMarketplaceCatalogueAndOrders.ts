import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Categories, stores, products with their French search vector, carts, orders with their lines and
 * timeline, and the checkout records that make a retried checkout answer the same orders.
 *
 * Search: `french` stems ("chênes" → "chen") and `immutable_unaccent` drops accents on both sides, so
 * "fut chene" finds "Fût de chêne". `unaccent()` itself is only STABLE (its dictionary could change), so
 * a wrapper pinned to the dictionary is declared IMMUTABLE to be usable in a generated column and index.
 */
export class CreateMarketplaceCatalogueAndOrders1764165700004 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    // Extensions are per database and other services create some of them too, possibly at the same time.
    for (const extension of ['unaccent', 'pg_trgm', 'cube', 'earthdistance']) {
      await runner.query(`
        DO $$ BEGIN
          CREATE EXTENSION IF NOT EXISTS ${extension} SCHEMA public;
        EXCEPTION WHEN unique_violation OR duplicate_object THEN NULL;
        END $$`);
    }
    await runner.query(`
      CREATE FUNCTION immutable_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);
    await runner.query(`
      CREATE FUNCTION specification_text(jsonb) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT coalesce(string_agg(value, ' '), '') FROM jsonb_each_text(coalesce($1, '{}'::jsonb)) $$`);

    await runner.query(`
      CREATE TABLE categories (
        id uuid PRIMARY KEY,
        name varchar(100) NOT NULL,
        slug varchar(100) NOT NULL UNIQUE,
        icon varchar(300) NOT NULL,
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await runner.query(`
      CREATE TABLE stores (
        id uuid PRIMARY KEY,
        owner_id uuid NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        description text,
        category varchar(100),
        address varchar(300) NOT NULL,
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
        phone varchar(20) NOT NULL,
        logo_url varchar(500),
        delivery_fee bigint NOT NULL DEFAULT 0 CHECK (delivery_fee >= 0),
        min_order_amount bigint NOT NULL DEFAULT 0 CHECK (min_order_amount >= 0),
        delivery_time_min integer NOT NULL DEFAULT 30,
        delivery_time_max integer NOT NULL DEFAULT 60,
        currency varchar(3) NOT NULL DEFAULT 'XOF',
        rating numeric(3, 2) NOT NULL DEFAULT 5.00,
        total_orders integer NOT NULL DEFAULT 0,
        business_hours jsonb NOT NULL DEFAULT '{}',
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX stores_location_idx ON stores USING gist (ll_to_earth(lat, lng))');
    await runner.query('CREATE INDEX stores_rating_idx ON stores (rating DESC, id DESC) WHERE is_active');

    await runner.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY,
        store_id uuid NOT NULL REFERENCES stores (id),
        category_id uuid REFERENCES categories (id),
        name varchar(200) NOT NULL,
        description text,
        price bigint NOT NULL CHECK (price > 0),
        currency varchar(3) NOT NULL DEFAULT 'XOF',
        stock_quantity integer NOT NULL DEFAULT 0 CHECK (stock_quantity >= 0),
        low_stock_threshold integer NOT NULL DEFAULT 5 CHECK (low_stock_threshold >= 0),
        is_active boolean NOT NULL DEFAULT true,
        images jsonb NOT NULL DEFAULT '[]',
        specifications jsonb NOT NULL DEFAULT '{}',
        rating numeric(3, 2) NOT NULL DEFAULT 0,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- The name without case or accents: typo fallback (trigrams) and the name bonus of relevance.
        name_key text GENERATED ALWAYS AS (immutable_unaccent(lower(name))) STORED,
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('french'::regconfig, immutable_unaccent(name)), 'A') ||
          setweight(to_tsvector('french'::regconfig, immutable_unaccent(coalesce(description, ''))), 'B') ||
          setweight(to_tsvector('french'::regconfig, immutable_unaccent(specification_text(specifications))), 'B')
        ) STORED
      )`);
    // Public listings see only what is for sale: every index below is partial on it.
    const forSale = 'WHERE is_active AND deleted_at IS NULL';
    await runner.query(`CREATE INDEX products_search_idx ON products USING gin (search_vector) ${forSale}`);
    await runner.query(
      `CREATE INDEX products_name_trgm_idx ON products USING gin (name_key gin_trgm_ops) ${forSale}`,
    );
    await runner.query(`CREATE INDEX products_newest_idx ON products (created_at DESC, id DESC) ${forSale}`);
    await runner.query(`CREATE INDEX products_price_idx ON products (price, id) ${forSale}`);
    await runner.query(`CREATE INDEX products_rating_idx ON products (rating DESC, id DESC) ${forSale}`);
    await runner.query('CREATE INDEX products_store_idx ON products (store_id, created_at DESC, id DESC)');
    await runner.query(
      `CREATE INDEX products_category_idx ON products (category_id, created_at DESC) ${forSale}`,
    );

    await runner.query(`
      CREATE TABLE cart_items (
        user_id uuid NOT NULL,
        product_id uuid NOT NULL REFERENCES products (id),
        quantity integer NOT NULL CHECK (quantity > 0),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, product_id)
      )`);

    await runner.query(`
      CREATE TABLE checkouts (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        idempotency_key varchar(200) NOT NULL,
        request_hash varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (customer_id, idempotency_key)
      )`);

    await runner.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY,
        order_number varchar(20) NOT NULL UNIQUE,
        checkout_id uuid REFERENCES checkouts (id),
        customer_id uuid NOT NULL,
        customer_name varchar(200) NOT NULL,
        customer_phone varchar(20) NOT NULL,
        store_id uuid NOT NULL REFERENCES stores (id),
        status varchar(20) NOT NULL DEFAULT 'pending' CHECK (status IN
          ('pending', 'confirmed', 'preparing', 'ready', 'out_for_delivery', 'delivered', 'cancelled')),
        payment_status varchar(10) NOT NULL DEFAULT 'pending' CHECK (payment_status IN ('pending', 'paid', 'refunded')),
        payment_method varchar(20) NOT NULL,
        payment_intent_id uuid,
        payment_next_action jsonb,
        payment_due_at timestamptz,
        payer_phone varchar(20),
        subtotal bigint NOT NULL CHECK (subtotal >= 0),
        delivery_fee bigint NOT NULL CHECK (delivery_fee >= 0),
        total_amount bigint NOT NULL CHECK (total_amount >= 0),
        commission_amount bigint NOT NULL CHECK (commission_amount >= 0),
        currency varchar(3) NOT NULL DEFAULT 'XOF',
        delivery_address text NOT NULL,
        delivery_lat double precision,
        delivery_lng double precision,
        special_instructions text,
        placed_at timestamptz NOT NULL DEFAULT now(),
        confirmed_at timestamptz,
        paid_at timestamptz,
        delivered_at timestamptz,
        cancelled_at timestamptz,
        -- Set once, by the one transaction that gives the stock back: restock happens exactly once.
        restocked_at timestamptz,
        -- Set once, by the one transaction that decides to refund; refunded_at when payment confirmed it.
        refund_requested_at timestamptz,
        refunded_at timestamptz,
        cash_recorded_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX orders_customer_idx ON orders (customer_id, placed_at DESC, id DESC)');
    await runner.query('CREATE INDEX orders_store_idx ON orders (store_id, placed_at DESC, id DESC)');
    await runner.query('CREATE INDEX orders_listing_idx ON orders (placed_at DESC, id DESC)');
    await runner.query('CREATE INDEX orders_intent_idx ON orders (payment_intent_id)');
    await runner.query(
      `CREATE INDEX orders_follow_up_idx ON orders (id) WHERE
         (payment_status = 'pending' AND status <> 'cancelled' AND payment_due_at IS NOT NULL)
         OR (refund_requested_at IS NOT NULL AND refunded_at IS NULL)
         OR (status = 'delivered' AND payment_method = 'cash_on_delivery' AND cash_recorded_at IS NULL)`,
    );

    await runner.query(`
      CREATE TABLE order_items (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        product_id uuid NOT NULL REFERENCES products (id),
        name varchar(200) NOT NULL,
        unit_price bigint NOT NULL CHECK (unit_price > 0),
        quantity integer NOT NULL CHECK (quantity > 0),
        line_total bigint NOT NULL CHECK (line_total > 0)
      )`);
    await runner.query('CREATE INDEX order_items_order_idx ON order_items (order_id)');
    await runner.query('CREATE INDEX order_items_product_idx ON order_items (product_id)');

    await runner.query(`
      CREATE TABLE order_timeline (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        from_status varchar(20),
        to_status varchar(20) NOT NULL,
        payment_status varchar(10) NOT NULL,
        actor_id uuid,
        actor_role varchar(20) NOT NULL,
        reason varchar(300),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX order_timeline_order_idx ON order_timeline (order_id, id)');

    // Order attempts per user: seed 000 limits them so that a buyer cannot spam sellers' WhatsApp.
    await runner.query(`
      CREATE TABLE checkout_attempts (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      'CREATE INDEX checkout_attempts_user_idx ON checkout_attempts (user_id, attempted_at)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'checkout_attempts',
      'order_timeline',
      'order_items',
      'orders',
      'checkouts',
      'cart_items',
      'products',
      'stores',
      'categories',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
    await runner.query('DROP FUNCTION specification_text(jsonb)');
    await runner.query('DROP FUNCTION immutable_unaccent(text)');
  }
}
