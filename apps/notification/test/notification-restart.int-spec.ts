import { randomUUID } from 'node:crypto';

import { AUTH_EVENTS, type OtpRequestedEvent } from '@ecom/contracts';
import { SealedBox, type RunningApp } from '@ecom/platform';
import {
  eventEnvelope,
  LOCAL_OTP_DELIVERY_KEY,
  startService,
  TestBus,
  TestEnvironment,
  waitFor,
} from '@ecom/testing';
import { DataSource } from 'typeorm';

import { FakeProvider } from '../src/channels/test/fake-provider';
import type { NotificationConfig } from '../src/config';
import { notificationService } from '../src/service';

const SID = 'AC00000000000000000000000000000002';
const TWILIO_PATH = `/2010-04-01/Accounts/${SID}/Messages.json`;

describe('notification delivery across a restart', () => {
  let environment: TestEnvironment;
  let bus: TestBus;
  const twilio = new FakeProvider();
  let settings: Record<string, string>;

  beforeAll(async () => {
    const base = await twilio.start();
    twilio.otherwise(TWILIO_PATH, () => ({ status: 201, body: { sid: 'SM0002' } }));
    environment = await TestEnvironment.create();
    bus = await TestBus.connect(environment);
    settings = {
      SMS_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: SID,
      TWILIO_AUTH_TOKEN: 'twilio-secret-token',
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE_URL: base,
      // The retry comes due 2 to 4 s after the first try: after the first process is gone.
      DELIVERY_BACKOFF_BASE_MS: '4000',
      DELIVERY_POLL_MS: '50',
    };
  });

  afterAll(async () => {
    await bus.close();
    await environment.destroy();
    await twilio.stop();
  });

  it('sends a retry that came due while the service was down once it is back', async () => {
    const first: RunningApp<NotificationConfig> = await startService(
      notificationService,
      environment,
      settings,
    );
    const db = first.app.get(DataSource);
    twilio.answer(TWILIO_PATH, { status: 503, body: { code: 20503, message: 'Service unavailable' } });
    const otpId = randomUUID();
    const event = eventEnvelope<OtpRequestedEvent>(AUTH_EVENTS.otpRequested, {
      otp_id: otpId,
      phone: '+22890999001',
      purpose: 'login',
      sealed_code: new SealedBox(LOCAL_OTP_DELIVERY_KEY).seal('908172', otpId),
      expires_at: new Date(Date.now() + 5 * 60_000).toISOString(),
    });
    await bus.publishEvent(event);
    const [queued] = await waitFor(
      async () => {
        const rows = await db.query<{ id: string; attempts: number; status: string }[]>(
          'SELECT id, attempts, status FROM messages WHERE event_id = $1',
          [event.id],
        );

        return rows[0]?.attempts === 1 ? rows : undefined;
      },
      { what: 'the first try to fail' },
    );
    await first.close();
    const stoppedAt = Date.now();

    const second = await startService(notificationService, environment, settings);
    try {
      const sent = await waitFor(
        async () => {
          const [row] = await second.app
            .get(DataSource)
            .query<{ attempts: number; status: string }[]>(
              'SELECT attempts, status FROM messages WHERE id = $1',
              [queued?.id],
            );

          return row?.status === 'sending' ? row : undefined;
        },
        { what: 'the retry to be sent by the restarted service' },
      );

      expect(queued?.status).toBe('queued');
      expect(sent.attempts).toBe(2);
      const requests = twilio.to(TWILIO_PATH);
      expect(requests).toHaveLength(2);
      expect(requests[1]?.at).toBeGreaterThan(stoppedAt);
    } finally {
      await second.close();
    }
  });
});
