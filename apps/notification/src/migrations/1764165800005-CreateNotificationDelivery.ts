import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The delivery pipeline, recipients, preferences and devices.
 *
 * A consumer only records messages (`queued`, `next_attempt_at` = when to try); the delivery worker claims
 * due rows with `FOR UPDATE SKIP LOCKED`, pushing `next_attempt_at` forward as a lease, so replicas share
 * the work and a restarted worker resumes what a dead one held. `sealed_content` is what the provider must
 * receive, sealed at rest and cleared once the message reaches a final outcome (it may hold a one-time code).
 * `failover_of` links a security message re-sent on the next channel to the one that failed. Inserting a
 * queued message notifies `notification_delivery`, which the delivery worker listens on.
 */
export class CreateNotificationDelivery1764165800005 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE messages
        ADD COLUMN topic varchar(16) NOT NULL DEFAULT 'transactional'
          CHECK (topic IN ('security', 'transactional', 'marketing')),
        ADD COLUMN sealed_content text,
        ADD COLUMN next_attempt_at timestamptz,
        ADD COLUMN failover_of uuid REFERENCES messages (id) ON DELETE SET NULL`);
    await runner.query("CREATE INDEX messages_due_idx ON messages (next_attempt_at) WHERE status = 'queued'");
    // The per-address rate limit: one row per send let through in the last minute (older rows are deleted).
    await runner.query(`
      CREATE TABLE send_window (
        channel varchar(16) NOT NULL,
        recipient varchar(320) NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX send_window_recipient_idx ON send_window (channel, recipient, sent_at)');
    await runner.query('CREATE INDEX send_window_age_idx ON send_window (sent_at)');
    // A queued message wakes the delivery worker when its transaction commits, at no extra round trip.
    await runner.query(`
      CREATE FUNCTION messages_wake_delivery() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('notification_delivery', '');
        RETURN NULL;
      END $$`);
    await runner.query(`
      CREATE TRIGGER messages_wake_delivery AFTER INSERT ON messages
      FOR EACH ROW WHEN (NEW.status = 'queued') EXECUTE FUNCTION messages_wake_delivery()`);
    await runner.query(`
      CREATE TABLE recipients (
        user_id uuid PRIMARY KEY,
        phone varchar(20),
        email varchar(320),
        locale varchar(8) NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
        marketing_channels text[] NOT NULL DEFAULT '{}',
        quiet_start time,
        quiet_end time,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
      )`);
    await runner.query('CREATE INDEX recipients_phone_idx ON recipients (phone)');
    await runner.query(`
      CREATE TABLE devices (
        token varchar(512) PRIMARY KEY,
        user_id uuid NOT NULL,
        platform varchar(8) NOT NULL CHECK (platform IN ('android', 'ios', 'web')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX devices_user_idx ON devices (user_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE devices');
    await runner.query('DROP TABLE recipients');
    await runner.query('DROP TRIGGER messages_wake_delivery ON messages');
    await runner.query('DROP FUNCTION messages_wake_delivery()');
    await runner.query('DROP TABLE send_window');
    await runner.query('DROP INDEX messages_due_idx');
    await runner.query(
      'ALTER TABLE messages DROP COLUMN failover_of, DROP COLUMN next_attempt_at, DROP COLUMN sealed_content, DROP COLUMN topic',
    );
  }
}
