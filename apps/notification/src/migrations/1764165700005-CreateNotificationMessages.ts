import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every message the service sends and each try to send it. One message per (event, channel, recipient):
 * the unique key makes a redelivered event a no-op even past the inbox. `recipient` is the address the
 * channel needs (E.164 phone, email, device token, or the user id for in_app); `body` is kept for in_app
 * (it is the inbox) and by the sandbox providers (the local outbox), never for real SMS (OTP at rest).
 */
export class CreateNotificationMessages1764165700005 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY,
        event_id uuid NOT NULL,
        event_type varchar(100) NOT NULL,
        channel varchar(16) NOT NULL CHECK (channel IN ('sms', 'whatsapp', 'email', 'push', 'in_app')),
        recipient_user_id uuid,
        recipient varchar(320) NOT NULL,
        template varchar(64) NOT NULL,
        locale varchar(8) NOT NULL,
        body text,
        provider varchar(32),
        status varchar(16) NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'sending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        provider_message_id varchar(128),
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        CONSTRAINT messages_once_key UNIQUE (event_id, channel, recipient)
      )`);
    await runner.query(
      "CREATE INDEX messages_inbox_idx ON messages (recipient_user_id, created_at DESC, id DESC) WHERE channel = 'in_app'",
    );
    await runner.query('CREATE INDEX messages_listing_idx ON messages (created_at DESC, id DESC)');
    await runner.query('CREATE INDEX messages_user_idx ON messages (recipient_user_id)');
    await runner.query(`
      CREATE TABLE message_attempts (
        id uuid PRIMARY KEY,
        message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        provider varchar(32) NOT NULL,
        outcome varchar(16) NOT NULL CHECK (outcome IN ('sent', 'retryable', 'permanent')),
        error text,
        provider_message_id varchar(128),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (message_id, attempt)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE message_attempts');
    await runner.query('DROP TABLE messages');
  }
}
