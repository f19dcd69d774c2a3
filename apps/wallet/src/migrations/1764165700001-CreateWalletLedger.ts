import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The double-entry ledger and what hangs on it. Accounts hold a balance changed only together with the
 * postings that explain it; journal entries and postings are immutable (a trigger refuses UPDATE and
 * DELETE) and the postings of an entry sum to zero (a constraint trigger checks it at commit). A user
 * wallet never goes below its active holds. Idempotency keys live in `operations`, one per (scope, key),
 * with a hash of the request and the first answer.
 */
export class CreateWalletLedger1764165700001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(120) NOT NULL UNIQUE,
        kind varchar(24) NOT NULL CHECK (kind IN ('user_wallet', 'clearing', 'commission_revenue',
          'store_payable', 'driver_payable', 'cash_on_delivery', 'suspense')),
        currency char(3) NOT NULL DEFAULT 'XOF',
        balance bigint NOT NULL DEFAULT 0,
        held bigint NOT NULL DEFAULT 0 CHECK (held >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT accounts_wallet_floor CHECK (kind <> 'user_wallet' OR balance >= held)
      )`);
    await runner.query(`
      INSERT INTO accounts (code, kind) VALUES
        ('clearing:yas', 'clearing'), ('clearing:flooz', 'clearing'), ('clearing:visa', 'clearing'),
        ('clearing:pispi', 'clearing'), ('commission_revenue', 'commission_revenue'),
        ('cash_on_delivery', 'cash_on_delivery'), ('suspense', 'suspense')`);
    await runner.query(`
      CREATE TABLE wallets (
        account_id uuid PRIMARY KEY REFERENCES accounts (id),
        user_id uuid NOT NULL UNIQUE,
        status varchar(8) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'frozen', 'closed')),
        single_transaction_max bigint CHECK (single_transaction_max > 0),
        daily_limit bigint CHECK (daily_limit > 0),
        monthly_limit bigint CHECK (monthly_limit > 0),
        holder_name varchar(200),
        holder_phone varchar(16),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        anonymised_at timestamptz
      )`);
    await runner.query(`
      CREATE TABLE journal_entries (
        id uuid PRIMARY KEY,
        kind varchar(16) NOT NULL
          CHECK (kind IN ('credit', 'debit', 'transfer', 'capture', 'refund', 'cash_commission')),
        category varchar(16) NOT NULL,
        currency char(3) NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        commission_amount bigint NOT NULL DEFAULT 0 CHECK (commission_amount >= 0),
        gross_amount bigint,
        payee_type varchar(8),
        payee_id uuid,
        description varchar(200),
        reference varchar(100),
        related_service_id uuid,
        payment_method varchar(32),
        original_entry_id uuid REFERENCES journal_entries (id),
        hold_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      'CREATE INDEX journal_entries_original_idx ON journal_entries (original_entry_id) WHERE original_entry_id IS NOT NULL',
    );
    await runner.query(
      'CREATE INDEX journal_entries_payee_idx ON journal_entries (payee_type, payee_id, created_at) WHERE payee_id IS NOT NULL',
    );
    await runner.query(`
      CREATE TABLE postings (
        id bigserial PRIMARY KEY,
        entry_id uuid NOT NULL REFERENCES journal_entries (id),
        account_id uuid NOT NULL REFERENCES accounts (id),
        amount bigint NOT NULL CHECK (amount <> 0),
        balance_after bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      'CREATE INDEX postings_account_idx ON postings (account_id, created_at DESC, id DESC)',
    );
    await runner.query('CREATE INDEX postings_entry_idx ON postings (entry_id)');
    await runner.query(`
      CREATE FUNCTION ledger_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger rows are immutable (% on %)', TG_OP, TG_TABLE_NAME;
      END $$`);
    for (const table of ['journal_entries', 'postings']) {
      await runner.query(
        `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table}
           FOR EACH ROW EXECUTE FUNCTION ledger_immutable()`,
      );
    }
    // Checked at commit, once every posting of the entry is in: an entry that does not balance never lands.
    await runner.query(`
      CREATE FUNCTION postings_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT sum(amount) FROM postings WHERE entry_id = NEW.entry_id) <> 0 THEN
          RAISE EXCEPTION 'journal entry % does not balance', NEW.entry_id;
        END IF;
        RETURN NULL;
      END $$`);
    await runner.query(`
      CREATE CONSTRAINT TRIGGER postings_balanced AFTER INSERT ON postings
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION postings_balanced()`);
    await runner.query(`
      CREATE TABLE operations (
        scope varchar(64) NOT NULL,
        key varchar(200) NOT NULL,
        request_hash char(64) NOT NULL,
        result jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    await runner.query(`
      CREATE TABLE holds (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id),
        user_id uuid NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        captured_amount bigint NOT NULL DEFAULT 0,
        currency char(3) NOT NULL,
        status varchar(8) NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'captured', 'released')),
        category varchar(16) NOT NULL,
        description varchar(200),
        reference varchar(100),
        related_service_id uuid,
        capture_entry_id uuid REFERENCES journal_entries (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (captured_amount BETWEEN 0 AND amount)
      )`);
    await runner.query("CREATE INDEX holds_active_idx ON holds (account_id) WHERE status = 'held'");
    await runner.query(`
      CREATE TABLE transfers (
        entry_id uuid PRIMARY KEY REFERENCES journal_entries (id),
        sender_id uuid NOT NULL,
        receiver_id uuid NOT NULL,
        amount bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX transfers_sender_idx ON transfers (sender_id, created_at DESC)');
    await runner.query(
      'CREATE INDEX transfers_pair_idx ON transfers (receiver_id, sender_id, created_at DESC)',
    );
    await runner.query(`
      CREATE TABLE recharges (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        method varchar(8) NOT NULL CHECK (method IN ('yas', 'flooz', 'visa', 'pispi')),
        payment_method_id uuid,
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
        payment_intent_id uuid,
        failure_reason varchar(200),
        idempotency_key varchar(200) NOT NULL,
        request_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, idempotency_key)
      )`);
    await runner.query('CREATE INDEX recharges_user_idx ON recharges (user_id, created_at DESC)');
    await runner.query(`
      CREATE TABLE payment_methods (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        type varchar(16) NOT NULL CHECK (type IN ('mobile_money', 'card', 'bank_account')),
        provider varchar(16) NOT NULL,
        identifier_sealed text NOT NULL,
        key_id varchar(32) NOT NULL,
        masked varchar(40) NOT NULL,
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX payment_methods_user_idx ON payment_methods (user_id, created_at DESC)');
    await runner.query(
      'CREATE UNIQUE INDEX payment_methods_one_default ON payment_methods (user_id) WHERE is_default',
    );
    await runner.query(`
      CREATE TABLE aml_flags (
        id uuid PRIMARY KEY,
        kind varchar(16) NOT NULL CHECK (kind IN ('large_transfer', 'many_receivers', 'round_trip')),
        user_id uuid NOT NULL,
        transfer_id uuid NOT NULL REFERENCES journal_entries (id),
        amount bigint NOT NULL,
        currency char(3) NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (transfer_id, kind)
      )`);
    await runner.query('CREATE INDEX aml_flags_listing_idx ON aml_flags (created_at DESC, id DESC)');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'aml_flags',
      'payment_methods',
      'recharges',
      'transfers',
      'holds',
      'operations',
      'postings',
      'journal_entries',
      'wallets',
      'accounts',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
    await runner.query('DROP FUNCTION postings_balanced');
    await runner.query('DROP FUNCTION ledger_immutable');
  }
}
