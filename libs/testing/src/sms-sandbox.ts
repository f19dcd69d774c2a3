import { AUTH_EVENTS, type EventEnvelope, type OtpPurpose, type OtpRequestedEvent } from '@ecom/contracts';
import { Naming, SealedBox } from '@ecom/platform';
import { connect, type ConsumerMessages, type NatsConnection } from 'nats';

import { waitFor } from './harness';
import { TEST_NATS_URL, type TestEnvironment } from './infrastructure';

/** The auth service's local OTP_DELIVERY_KEY (never valid in production). */
export const LOCAL_OTP_DELIVERY_KEY = 'bG9jYWwtb3RwLWRlbGl2ZXJ5LWtleS0zMi1ieXRlcyE=';

/**
 * The sandbox SMS outbox of a test run: every `auth.otp.requested` event of its JetStream stream, opened
 * with the delivery key, as the notification service will. When notification sends real SMS through a
 * sandbox provider, only `nextCode` needs to read from there instead.
 */
export class SmsSandbox {
  private readonly sms: OtpRequestedEvent[] = [];
  private readonly read = new Set<string>();
  private readonly sealer: SealedBox;

  private constructor(
    private readonly connection: NatsConnection,
    private readonly messages: ConsumerMessages,
    key: string,
  ) {
    this.sealer = new SealedBox(key);
    void this.collect();
  }

  /** Call once the platform runs (the events stream exists). */
  static async open(environment: TestEnvironment, key = LOCAL_OTP_DELIVERY_KEY): Promise<SmsSandbox> {
    const naming = new Naming(environment.natsPrefix);
    const connection = await connect({ servers: TEST_NATS_URL });
    const consumer = await connection
      .jetstream()
      .consumers.get(naming.eventsStream, { filterSubjects: naming.event(AUTH_EVENTS.otpRequested) });

    return new SmsSandbox(connection, await consumer.consume(), key);
  }

  /** Every code request delivered to `phone` so far, oldest first (sealed, as on the bus). */
  sentTo(phone: string): OtpRequestedEvent[] {
    return this.sms.filter((sms) => sms.phone === phone);
  }

  /** The code of the newest SMS to `phone` not read yet, waiting for the outbox relay to publish it. */
  async nextCode(phone: string, purpose?: OtpPurpose): Promise<string> {
    const sms = await waitFor(
      () =>
        this.sentTo(phone)
          .filter(
            (candidate) => !this.read.has(candidate.otp_id) && (!purpose || candidate.purpose === purpose),
          )
          .at(-1),
      { what: `an SMS to ${phone}` },
    );
    this.read.add(sms.otp_id);

    return this.sealer.open(sms.sealed_code, sms.otp_id);
  }

  async close(): Promise<void> {
    this.messages.stop();
    await this.connection.close();
  }

  private async collect(): Promise<void> {
    for await (const message of this.messages) {
      this.sms.push(message.json<EventEnvelope<OtpRequestedEvent>>().data);
    }
  }
}
