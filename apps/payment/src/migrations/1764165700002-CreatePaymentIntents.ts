import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payment intents and everything that happens to them: each status change (with its cause), each provider
 * callback as received (raw body: the signature was over it), each refund, and the sandbox provider's own
 * book of the payments it was asked for. Intents are kept forever (money records); erasure only anonymises.
 */
export class CreatePaymentIntents1764165700002 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE intents (
        id uuid PRIMARY KEY,
        idempotency_key varchar(200) NOT NULL UNIQUE,
        request_hash char(64) NOT NULL,
        purpose varchar(20) NOT NULL CHECK (purpose IN ('order', 'ride', 'wallet_recharge')),
        reference_id uuid NOT NULL,
        reference_label varchar(100),
        payer_id uuid NOT NULL,
        payer_phone varchar(20),
        method varchar(20) NOT NULL
          CHECK (method IN ('wallet', 'cash_on_delivery', 'yas', 'flooz', 'pispi', 'visa')),
        capture_mode varchar(10) NOT NULL CHECK (capture_mode IN ('immediate', 'manual')),
        status varchar(20) NOT NULL CHECK (status IN
          ('pending', 'processing', 'succeeded', 'failed', 'cancelled', 'refunded', 'partially_refunded')),
        amount bigint NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        captured_amount bigint NOT NULL DEFAULT 0,
        refunded_amount bigint NOT NULL DEFAULT 0,
        payee_type varchar(10),
        payee_id uuid,
        commission_amount bigint,
        description varchar(200),
        provider varchar(20),
        provider_reference varchar(128),
        next_action jsonb,
        wallet_hold_id uuid,
        wallet_transaction_id uuid,
        failure_code varchar(64),
        failure_reason varchar(300),
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT intents_refund_within_capture CHECK (refunded_amount >= 0 AND refunded_amount <= captured_amount),
        CONSTRAINT intents_capture_within_amount CHECK (captured_amount >= 0 AND captured_amount <= amount)
      )`);
    await runner.query(
      'CREATE UNIQUE INDEX intents_provider_reference_idx ON intents (provider, provider_reference) WHERE provider_reference IS NOT NULL',
    );
    await runner.query('CREATE INDEX intents_payer_idx ON intents (payer_id, created_at DESC)');
    await runner.query('CREATE INDEX intents_reference_idx ON intents (reference_id)');
    await runner.query(
      "CREATE INDEX intents_open_idx ON intents (updated_at) WHERE status IN ('pending', 'processing')",
    );
    await runner.query(`
      CREATE TABLE intent_transitions (
        id bigserial PRIMARY KEY,
        intent_id uuid NOT NULL REFERENCES intents (id),
        from_status varchar(20),
        to_status varchar(20) NOT NULL,
        cause varchar(300) NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX intent_transitions_intent_idx ON intent_transitions (intent_id, id)');
    await runner.query(`
      CREATE TABLE webhooks (
        id uuid PRIMARY KEY,
        provider varchar(20) NOT NULL,
        event_id varchar(128),
        intent_id uuid REFERENCES intents (id),
        raw_body text,
        headers jsonb,
        outcome varchar(30) NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX webhooks_intent_idx ON webhooks (intent_id)');
    await runner.query(`
      CREATE TABLE refunds (
        id uuid PRIMARY KEY,
        intent_id uuid NOT NULL REFERENCES intents (id),
        idempotency_key varchar(200) NOT NULL UNIQUE,
        amount bigint NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        reason varchar(200) NOT NULL,
        provider_reference varchar(128),
        wallet_transaction_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX refunds_intent_idx ON refunds (intent_id)');
    await runner.query(`
      CREATE TABLE sandbox_payments (
        reference varchar(64) PRIMARY KEY,
        intent_id uuid NOT NULL UNIQUE,
        method varchar(20) NOT NULL,
        amount bigint NOT NULL,
        currency char(3) NOT NULL,
        phone varchar(20),
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
        refunded_amount bigint NOT NULL DEFAULT 0 CHECK (refunded_amount <= amount),
        created_at timestamptz NOT NULL DEFAULT now(),
        answered_at timestamptz
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE sandbox_payments');
    await runner.query('DROP TABLE refunds');
    await runner.query('DROP TABLE webhooks');
    await runner.query('DROP TABLE intent_transitions');
    await runner.query('DROP TABLE intents');
  }
}
