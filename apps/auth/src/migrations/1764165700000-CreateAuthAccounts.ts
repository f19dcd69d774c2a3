import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users, credentials, one-time codes, verifications, refresh tokens, signing keys, addresses and consents.
 * Phones are E.164; emails lower-cased; secrets only as keyed hashes (codes, tokens) or argon2id
 * (passwords) or sealed (private keys). An erased user keeps its row (status `erased`, personal fields
 * emptied) so that ids referenced by other services stay valid.
 */
export class CreateAuthAccounts1764165700000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        phone varchar(16),
        email varchar(254),
        first_name varchar(100) NOT NULL,
        last_name varchar(100) NOT NULL,
        date_of_birth date,
        user_type varchar(16) NOT NULL CHECK (user_type IN ('client', 'driver', 'store_owner', 'admin')),
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'erased')),
        company_name varchar(200),
        phone_verified boolean NOT NULL DEFAULT false,
        email_verified boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        CHECK (status = 'erased' OR phone IS NOT NULL),
        CHECK (email IS NULL OR email = lower(email))
      )`);
    await runner.query('CREATE UNIQUE INDEX users_phone_key ON users (phone)');
    await runner.query('CREATE UNIQUE INDEX users_email_key ON users (email)');
    await runner.query('CREATE INDEX users_listing_idx ON users (created_at DESC, id DESC)');
    await runner.query(`
      CREATE TABLE credentials (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        password_hash text NOT NULL,
        failed_attempts integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_login_at timestamptz,
        password_changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE otp_codes (
        id uuid PRIMARY KEY,
        phone varchar(16) NOT NULL,
        purpose varchar(16) NOT NULL CHECK (purpose IN ('registration', 'login', 'password_reset')),
        code_hash varchar(64) NOT NULL,
        client_ip varchar(64),
        attempts integer NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX otp_codes_phone_idx ON otp_codes (phone, created_at DESC)');
    await runner.query('CREATE INDEX otp_codes_ip_idx ON otp_codes (client_ip, created_at DESC)');
    await runner.query(`
      CREATE TABLE verifications (
        id uuid PRIMARY KEY,
        token_hash varchar(64) NOT NULL UNIQUE,
        phone varchar(16) NOT NULL,
        purpose varchar(16) NOT NULL CHECK (purpose IN ('registration', 'password_reset')),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash varchar(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        spent_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)');
    await runner.query('CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)');
    await runner.query(`
      CREATE TABLE signing_keys (
        kid varchar(64) PRIMARY KEY,
        algorithm varchar(16) NOT NULL,
        public_jwk jsonb NOT NULL,
        private_key_sealed text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        activated_at timestamptz NOT NULL,
        retired_at timestamptz
      )`);
    await runner.query(`
      CREATE TABLE addresses (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        label varchar(50) NOT NULL,
        street varchar(200) NOT NULL,
        city varchar(100) NOT NULL,
        zip_code varchar(20),
        country char(2) NOT NULL,
        latitude double precision,
        longitude double precision,
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((latitude IS NULL) = (longitude IS NULL))
      )`);
    await runner.query('CREATE INDEX addresses_user_idx ON addresses (user_id, created_at)');
    await runner.query('CREATE UNIQUE INDEX addresses_one_default ON addresses (user_id) WHERE is_default');
    await runner.query(`
      CREATE TABLE consents (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        purpose varchar(16) NOT NULL CHECK (purpose IN ('marketing', 'analytics')),
        granted_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz
      )`);
    await runner.query(
      'CREATE UNIQUE INDEX consents_one_open ON consents (user_id, purpose) WHERE withdrawn_at IS NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'consents',
      'addresses',
      'signing_keys',
      'refresh_tokens',
      'verifications',
      'otp_codes',
      'credentials',
      'users',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
