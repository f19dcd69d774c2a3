import { randomUUID } from 'node:crypto';

import {
  AUTH_EVENTS,
  NOTIFICATION_SUBJECTS,
  privacyExportSubject,
  type AdminMessagePage,
  type Caller,
  type EventEnvelope,
  type InAppNotificationPage,
  type InAppNotificationView,
  type OtpRequestedEvent,
  type PrivacyExportReply,
  type UserRegisteredEvent,
} from '@ecom/contracts';
import { DomainError, MetricsService, SealedBox, type RequestContext, type RunningApp } from '@ecom/platform';
import {
  eventEnvelope,
  LOCAL_OTP_DELIVERY_KEY,
  LogCapture,
  startService,
  TestBus,
  TestEnvironment,
  waitFor,
} from '@ecom/testing';
import { DataSource } from 'typeorm';

import type { NotificationConfig } from '../src/config';
import { notificationService } from '../src/service';

const FAILING_PHONE = '+22890000001';

interface MessageRecord {
  id: string;
  status: string;
  attempts: number;
  body: string | null;
  last_error: string | null;
}

describe('notification delivery on real Postgres and JetStream', () => {
  let environment: TestEnvironment;
  let bus: TestBus;
  let service: RunningApp<NotificationConfig>;
  let db: DataSource;
  const logs = new LogCapture();
  const sealer = new SealedBox(LOCAL_OTP_DELIVERY_KEY);

  const otpEvent = (phone: string, code: string): EventEnvelope<OtpRequestedEvent> => {
    const otpId = randomUUID();

    return eventEnvelope(AUTH_EVENTS.otpRequested, {
      otp_id: otpId,
      phone,
      purpose: 'registration',
      sealed_code: sealer.seal(code, otpId),
      expires_at: new Date(Date.now() + 5 * 60_000).toISOString(),
    });
  };
  const messagesOf = (eventId: string): Promise<MessageRecord[]> =>
    db.query<MessageRecord[]>(
      'SELECT id, status, attempts, body, last_error FROM messages WHERE event_id = $1',
      [eventId],
    );
  const duplicatesOf = async (consumer: string): Promise<number> => {
    const metric = await service.app.get(MetricsService).eventsConsumed.get();

    return metric.values
      .filter((value) => value.labels.consumer === consumer && value.labels.outcome === 'duplicate')
      .reduce((sum, value) => sum + value.value, 0);
  };
  const call = <T>(subject: string, data: unknown, caller?: Caller): Promise<T> => {
    const requestId = randomUUID();
    const context: RequestContext = { requestId, correlationId: requestId, caller };

    return bus.client.request<T>(subject, data, { context });
  };

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    bus = await TestBus.connect(environment);
    service = await startService(
      notificationService,
      environment,
      { SANDBOX_FAIL_PHONES: FAILING_PHONE, LOG_LEVEL: 'debug', EVENT_BACKOFF_MS: '100,200' },
      logs,
    );
    db = service.app.get(DataSource);
  });

  afterAll(async () => {
    await service.close();
    await bus.close();
    await environment.destroy();
  });

  it('sends one SMS for an OTP event delivered three times, and the sandbox marks it delivered', async () => {
    const event = otpEvent('+22890123456', '482913');

    // Three copies on the stream (distinct stream ids, as after relay retries past the duplicate window).
    await bus.publishEvent(event, `${event.id}:1`);
    await bus.publishEvent(event, `${event.id}:2`);
    await bus.publishEvent(event, `${event.id}:3`);

    const [message] = await waitFor(
      async () => {
        const rows = await messagesOf(event.id);

        return rows[0]?.status === 'delivered' ? rows : undefined;
      },
      { what: 'the OTP SMS to be delivered' },
    );
    // Both copies reached the consumer and were recognised as already applied.
    await waitFor(async () => ((await duplicatesOf('auth.otp.requested')) >= 2 ? true : undefined), {
      what: 'the two redeliveries',
    });
    expect(await messagesOf(event.id)).toHaveLength(1);
    expect(message).toMatchObject({ status: 'delivered', attempts: 1, last_error: null });
    const attempts = await db.query<{ outcome: string }[]>(
      'SELECT outcome FROM message_attempts WHERE message_id = $1',
      [message?.id],
    );
    expect(attempts).toEqual([{ outcome: 'sent' }]);
  });

  it('keeps the code in the sandbox body and out of every log line', async () => {
    const code = '739104';
    const event = otpEvent('+22890654321', code);

    await bus.publishEvent(event);

    const message = await waitFor(
      async () => {
        const [row] = await messagesOf(event.id);

        return row?.status === 'delivered' ? row : undefined;
      },
      { what: 'the OTP SMS to be delivered' },
    );
    expect(message.body).toBe(
      `Votre code Ecom : ${code}. Il expire dans 5 minutes. Ne le partagez avec personne.`,
    );
    // The send and the receipt are logged by id: the whole journey is in the logs, the code and phone are not.
    await waitFor(() => (logs.text().includes(message.id) ? true : undefined), {
      what: 'the send to be logged',
    });
    expect(logs.text()).not.toContain(code);
    expect(logs.text()).not.toContain('+22890654321');
  });

  it('fails an SMS to a phone the provider refuses, with its attempt recorded and no retry', async () => {
    const event = otpEvent(FAILING_PHONE, '102938');

    await bus.publishEvent(event);

    const [message] = await waitFor(
      async () => {
        const rows = await messagesOf(event.id);

        return rows[0]?.status === 'failed' ? rows : undefined;
      },
      { what: 'the SMS to fail' },
    );
    expect(message).toMatchObject({ attempts: 1 });
    expect(message?.last_error).toContain('SANDBOX_REJECTED');
    const attempts = await db.query<{ attempt: number; outcome: string; error: string }[]>(
      'SELECT attempt, outcome, error FROM message_attempts WHERE message_id = $1',
      [message?.id],
    );
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ attempt: 1, outcome: 'permanent' });
    expect(attempts[0]?.error).toContain('SANDBOX_REJECTED');
  });

  describe('in-app welcome', () => {
    const userId = randomUUID();
    const caller: Caller = { user_id: userId, roles: ['client'] };
    const registered: UserRegisteredEvent = {
      user_id: userId,
      user_type: 'client',
      roles: ['client'],
      phone: '+22891111111',
      email: null,
      first_name: 'Afi',
      company_name: null,
    };

    it('appears in the new user’s inbox, in French, and can be marked read', async () => {
      await bus.publishEvent(eventEnvelope(AUTH_EVENTS.userRegistered, registered));

      const page = await waitFor(
        async () => {
          const inbox = await call<InAppNotificationPage>(NOTIFICATION_SUBJECTS.listInbox, {}, caller);

          return inbox.items.length > 0 ? inbox : undefined;
        },
        { what: 'the welcome note' },
      );
      expect(page.next_cursor).toBeNull();
      expect(page.items).toHaveLength(1);
      const [welcome] = page.items;
      expect(welcome).toMatchObject({ template: 'welcome', read_at: null });
      expect(welcome?.body).toContain('Bienvenue sur Ecom, Afi');

      const read = await call<InAppNotificationView>(
        NOTIFICATION_SUBJECTS.markRead,
        { id: welcome?.id },
        caller,
      );

      expect(read.read_at).not.toBeNull();
      const after = await call<InAppNotificationPage>(NOTIFICATION_SUBJECTS.listInbox, {}, caller);
      expect(after.items[0]?.read_at).toBe(read.read_at);
    });

    it('does not let another user read or mark it', async () => {
      const other: Caller = { user_id: randomUUID(), roles: ['client'] };
      const [welcome] = (await call<InAppNotificationPage>(NOTIFICATION_SUBJECTS.listInbox, {}, caller))
        .items;

      const inbox = await call<InAppNotificationPage>(NOTIFICATION_SUBJECTS.listInbox, {}, other);
      const marking = call(NOTIFICATION_SUBJECTS.markRead, { id: welcome?.id }, other);

      expect(inbox.items).toEqual([]);
      await expect(marking).rejects.toBeInstanceOf(DomainError);
      await expect(marking).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('shows admins every message with its status, attempts and sandbox body', async () => {
      const admin: Caller = { user_id: randomUUID(), roles: ['admin'] };

      const page = await call<AdminMessagePage>(
        NOTIFICATION_SUBJECTS.listMessages,
        { channel: 'sms', limit: 100 },
        admin,
      );
      const refused = call(NOTIFICATION_SUBJECTS.listMessages, {}, caller);

      expect(page.items.length).toBeGreaterThanOrEqual(3);
      expect(page.items.map((item) => item.status)).toEqual(expect.arrayContaining(['failed']));
      expect(
        page.items.every((item) => item.channel === 'sms' && item.body?.startsWith('Votre code Ecom')),
      ).toBe(true);
      await expect(refused).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('exports the user’s messages, contact and devices, and erases them when auth erases the account', async () => {
      await call(
        NOTIFICATION_SUBJECTS.registerDevice,
        { token: 'fcm-token-of-afi-0123456789', platform: 'ios' },
        caller,
      );
      const exported = await call<PrivacyExportReply>(privacyExportSubject('notification'), {
        user_id: userId,
      });

      expect(exported.data['messages']).toEqual([
        expect.objectContaining({ channel: 'in_app', template: 'welcome' }),
      ]);
      expect(exported.data['contact']).toMatchObject({ phone: '+22891111111', locale: 'fr' });
      expect(exported.data['devices']).toEqual([
        expect.objectContaining({ token: 'fcm-token-of-afi-0123456789', platform: 'ios' }),
      ]);

      await bus.publishEvent(eventEnvelope(AUTH_EVENTS.userErased, { user_id: userId }));

      const erased = await waitFor(
        async () => {
          const reply = await call<PrivacyExportReply>(privacyExportSubject('notification'), {
            user_id: userId,
          });

          return (reply.data['messages'] as unknown[]).length === 0 ? reply : undefined;
        },
        { what: 'the messages to be erased' },
      );
      expect(erased.data['contact']).toBeNull();
      expect(erased.data['devices']).toEqual([]);
    });
  });
});
