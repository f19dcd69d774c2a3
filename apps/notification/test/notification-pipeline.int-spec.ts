import { randomUUID } from 'node:crypto';

import {
  AUTH_EVENTS,
  MARKETPLACE_EVENTS,
  NOTIFICATION_SUBJECTS,
  PAYMENT_EVENTS,
  TRANSPORT_EVENTS,
  WALLET_EVENTS,
  type Caller,
  type EventEnvelope,
  type InAppNotificationPage,
  type NotificationPreferencesView,
  type OrderPlacedEvent,
  type OtpRequestedEvent,
  type PaymentIntentEvent,
  type RideEvent,
  type SendNotificationReply,
  type TransferCompletedEvent,
  type UnreadCountView,
  type UserRegisteredEvent,
} from '@ecom/contracts';
import { MetricsService, SealedBox, type RequestContext, type RunningApp } from '@ecom/platform';
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

const SID = 'AC00000000000000000000000000000001';
const TWILIO_PATH = `/2010-04-01/Accounts/${SID}/Messages.json`;
const DEAD_TOKEN = 'dead-token-000000000000000000000001';
const FLAKY_TOKEN = 'flaky-token-00000000000000000000001';
const DOWN_TOKEN = 'down-token-000000000000000000000001';
const twilioAccepts = { status: 201, body: { sid: 'SM0001', status: 'queued' } };
const twilioError = (status: number, code: number, message: string): { status: number; body: unknown } => ({
  status,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});

interface MessageRecord {
  id: string;
  channel: string;
  recipient: string;
  recipient_user_id: string | null;
  template: string;
  topic: string;
  status: string;
  attempts: number;
  body: string | null;
  last_error: string | null;
  failover_of: string | null;
  sealed_content: string | null;
  next_attempt_at: Date | null;
}

let phoneCounter = 0;
/** A fresh E.164 Togolese number per test, so counts per phone are this test's alone. */
function newPhone(): string {
  phoneCounter += 1;

  return `+2289${String(Date.now() % 1000).padStart(3, '0')}${String(phoneCounter).padStart(4, '0')}`;
}

describe('notification pipeline on real Postgres and JetStream, with a fake Twilio', () => {
  let environment: TestEnvironment;
  let bus: TestBus;
  let service: RunningApp<NotificationConfig>;
  let db: DataSource;
  let settings: Record<string, string>;
  const twilio = new FakeProvider();
  const sealer = new SealedBox(LOCAL_OTP_DELIVERY_KEY);

  const otpEvent = (phone: string, code: string): EventEnvelope<OtpRequestedEvent> => {
    const otpId = randomUUID();

    return eventEnvelope(AUTH_EVENTS.otpRequested, {
      otp_id: otpId,
      phone,
      purpose: 'login',
      sealed_code: sealer.seal(code, otpId),
      expires_at: new Date(Date.now() + 5 * 60_000).toISOString(),
    });
  };
  const call = <T>(subject: string, data: unknown, caller?: Caller): Promise<T> => {
    const requestId = randomUUID();
    const context: RequestContext = { requestId, correlationId: requestId, caller };

    return bus.client.request<T>(subject, data, { context });
  };
  const messagesOf = (eventId: string): Promise<MessageRecord[]> =>
    db.query<MessageRecord[]>('SELECT * FROM messages WHERE event_id = $1 ORDER BY created_at, channel', [
      eventId,
    ]);
  const attemptsOf = (
    messageId: string,
  ): Promise<{ attempt: number; outcome: string; error: string | null }[]> =>
    db.query('SELECT attempt, outcome, error FROM message_attempts WHERE message_id = $1 ORDER BY attempt', [
      messageId,
    ]);
  /** Waits until the event's messages on `channel` all reached one of `statuses`. */
  const settled = (
    eventId: string,
    channel: string,
    statuses: string[],
    count = 1,
  ): Promise<MessageRecord[]> =>
    waitFor(
      async () => {
        const rows = (await messagesOf(eventId)).filter((row) => row.channel === channel);

        return rows.length === count && rows.every((row) => statuses.includes(row.status)) ? rows : undefined;
      },
      { what: `${count} ${channel} message(s) of ${eventId} to be ${statuses.join(' or ')}` },
    );
  const twilioRequestsTo = (phone: string): number =>
    twilio.to(TWILIO_PATH).filter((request) => new URLSearchParams(request.body).get('To') === phone).length;
  const register = async (phone: string, firstName = 'Afi'): Promise<Caller> => {
    const userId = randomUUID();
    const registered: UserRegisteredEvent = {
      user_id: userId,
      user_type: 'client',
      roles: ['client'],
      phone,
      email: null,
      first_name: firstName,
      company_name: null,
    };
    const event = eventEnvelope(AUTH_EVENTS.userRegistered, registered);
    await bus.publishEvent(event);
    await settled(event.id, 'in_app', ['delivered']);

    return { user_id: userId, roles: ['client'] };
  };
  const metric = async (name: string, labels: Record<string, string>): Promise<number> => {
    const found = (await service.app.get(MetricsService).registry.getMetricsAsJSON()).find(
      (item) => item.name === name,
    );

    return (found?.values ?? [])
      .filter((value) => Object.entries(labels).every(([key, wanted]) => value.labels[key] === wanted))
      .reduce((sum, value) => sum + value.value, 0);
  };

  beforeAll(async () => {
    const base = await twilio.start();
    twilio.otherwise(TWILIO_PATH, () => twilioAccepts);
    environment = await TestEnvironment.create();
    bus = await TestBus.connect(environment);
    settings = {
      SMS_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: SID,
      TWILIO_AUTH_TOKEN: 'twilio-secret-token',
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE_URL: base,
      SANDBOX_FAIL_ADDRESSES: DEAD_TOKEN,
      SANDBOX_FLAKY_ADDRESSES: `${FLAKY_TOKEN}=2,${DOWN_TOKEN}=10`,
      DELIVERY_MAX_ATTEMPTS: '4',
      DELIVERY_BACKOFF_BASE_MS: '50',
      DELIVERY_BACKOFF_MAX_MS: '200',
      DELIVERY_POLL_MS: '50',
      SMS_RATE_LIMIT_PER_MINUTE: '3',
      EVENT_BACKOFF_MS: '100,200',
    };
    service = await startService(notificationService, environment, settings);
    db = service.app.get(DataSource);
  });

  afterAll(async () => {
    await service.close();
    await bus.close();
    await environment.destroy();
    await twilio.stop();
  });

  describe('delivery', () => {
    it('sends one SMS for an event delivered three times', async () => {
      const phone = newPhone();
      const event = otpEvent(phone, '482913');

      await bus.publishEvent(event, `${event.id}:1`);
      await bus.publishEvent(event, `${event.id}:2`);
      await bus.publishEvent(event, `${event.id}:3`);

      const [sms] = await settled(event.id, 'sms', ['sending']);
      await waitFor(
        async () =>
          (await metric('ecom_events_consumed_total', {
            consumer: AUTH_EVENTS.otpRequested,
            outcome: 'duplicate',
          })) >= 2
            ? true
            : undefined,
        { what: 'the two redeliveries to be recognised' },
      );
      expect(twilioRequestsTo(phone)).toBe(1);
      expect(sms).toMatchObject({ provider_message_id: 'SM0001', attempts: 1, sealed_content: null });
      expect(new URLSearchParams(twilio.to(TWILIO_PATH).at(-1)?.body).get('Body')).toBe(
        'Votre code Ecom : 482913. Il expire dans 5 minutes. Ne le partagez avec personne.',
      );
      // A real provider's message keeps no body at rest: it held a code.
      expect(sms?.body).toBeNull();
    });

    it('delivers once after the provider answers 503 twice, with both retries recorded', async () => {
      const phone = newPhone();
      const retriesBefore = await metric('ecom_notification_retries_total', { channel: 'sms' });
      twilio.answer(
        TWILIO_PATH,
        twilioError(503, 20503, 'Service unavailable'),
        twilioError(503, 20503, 'Service unavailable'),
      );
      const event = otpEvent(phone, '100200');

      await bus.publishEvent(event);

      const [sms] = await settled(event.id, 'sms', ['sending']);
      expect(sms).toMatchObject({ attempts: 3, last_error: null });
      expect(await attemptsOf(sms?.id ?? '')).toEqual([
        {
          attempt: 1,
          outcome: 'retryable',
          error: 'TWILIO_REJECTED: HTTP 503 code 20503: Service unavailable',
        },
        {
          attempt: 2,
          outcome: 'retryable',
          error: 'TWILIO_REJECTED: HTTP 503 code 20503: Service unavailable',
        },
        { attempt: 3, outcome: 'sent', error: null },
      ]);
      expect(twilioRequestsTo(phone)).toBe(3);
      expect(await messagesOf(event.id)).toHaveLength(1);
      expect((await metric('ecom_notification_retries_total', { channel: 'sms' })) - retriesBefore).toBe(2);
    });

    it('fails a message at once on a 400, without retrying it', async () => {
      const phone = newPhone();
      const user = await register(phone);
      twilio.answer(TWILIO_PATH, twilioError(400, 21211, "The 'To' number is not a valid phone number."));
      const requestId = randomUUID();

      const reply = await call<SendNotificationReply>(NOTIFICATION_SUBJECTS.send, {
        request_id: requestId,
        user_id: user.user_id,
        topic: 'transactional',
        channels: ['sms'],
        template: 'account.notice',
        title: 'Ecom',
        body: 'Votre compte a été vérifié.',
      });

      expect(reply).toEqual({ queued: 1 });
      const [sms] = await settled(requestId, 'sms', ['failed']);
      expect(sms).toMatchObject({ attempts: 1, next_attempt_at: null, sealed_content: null });
      expect(sms?.last_error).toContain('21211');
      expect(await attemptsOf(sms?.id ?? '')).toEqual([
        {
          attempt: 1,
          outcome: 'permanent',
          error: expect.stringContaining('HTTP 400 code 21211') as unknown,
        },
      ]);
      // Transactional: no failover to other channels.
      expect(await messagesOf(requestId)).toHaveLength(1);
      expect(twilioRequestsTo(phone)).toBe(1);
    });

    it('sends a code that SMS cannot deliver on WhatsApp instead, each attempt on the record', async () => {
      const phone = newPhone();
      twilio.answer(TWILIO_PATH, twilioError(400, 21610, 'Attempt to send to unsubscribed recipient'));
      const event = otpEvent(phone, '555123');

      await bus.publishEvent(event);

      const [whatsapp] = await settled(event.id, 'whatsapp', ['delivered']);
      const [sms] = await settled(event.id, 'sms', ['failed']);
      expect(whatsapp).toMatchObject({
        recipient: phone,
        topic: 'security',
        failover_of: sms?.id,
        body: 'Votre code Ecom : 555123. Il expire dans 5 minutes. Ne le partagez avec personne.',
      });
      expect(await attemptsOf(sms?.id ?? '')).toEqual([
        { attempt: 1, outcome: 'permanent', error: expect.stringContaining('21610') as unknown },
      ]);
      expect(await attemptsOf(whatsapp?.id ?? '')).toEqual([{ attempt: 1, outcome: 'sent', error: null }]);
    });

    it('makes a fourth SMS to one phone within a minute wait', async () => {
      const phone = newPhone();
      const user = await register(phone);
      const send = (index: number): Promise<SendNotificationReply> =>
        call<SendNotificationReply>(NOTIFICATION_SUBJECTS.send, {
          request_id: randomUUID(),
          user_id: user.user_id,
          topic: 'transactional',
          channels: ['sms'],
          template: 'account.notice',
          title: 'Ecom',
          body: `Avis ${index}`,
        });

      for (const index of [1, 2, 3, 4]) await send(index);

      await waitFor(
        async () => {
          const sms = await db.query<MessageRecord[]>(
            "SELECT * FROM messages WHERE recipient = $1 AND channel = 'sms'",
            [phone],
          );
          const sent = sms.filter((row) => row.status === 'sending');
          // Postponed: still untried, and not due before the first send leaves the minute.
          const postponed = sms.filter(
            (row) =>
              row.status === 'queued' &&
              row.attempts === 0 &&
              (row.next_attempt_at?.getTime() ?? 0) > Date.now() + 30_000,
          );

          return sent.length === 3 && postponed.length === 1 ? postponed : undefined;
        },
        { what: 'three SMS sent and the fourth postponed' },
      );
      expect(twilioRequestsTo(phone)).toBe(3);
    });
  });

  describe('preferences', () => {
    it('does not send marketing the user did not opt into, while their code goes out', async () => {
      const phone = newPhone();
      const user = await register(phone);
      const promotion = (requestId: string): Promise<SendNotificationReply> =>
        call<SendNotificationReply>(NOTIFICATION_SUBJECTS.send, {
          request_id: requestId,
          user_id: user.user_id,
          topic: 'marketing',
          channels: ['sms', 'in_app'],
          template: 'promo.weekend',
          title: 'Promo',
          body: '-20 % sur les courses ce week-end',
        });
      const firstPromotion = randomUUID();

      const refused = await promotion(firstPromotion);
      const otp = otpEvent(phone, '246810');
      await bus.publishEvent(otp);

      expect(refused).toEqual({ queued: 0 });
      await settled(otp.id, 'sms', ['sending']);
      expect(await messagesOf(firstPromotion)).toEqual([]);
      expect(twilioRequestsTo(phone)).toBe(1);

      const preferences = await call<NotificationPreferencesView>(
        NOTIFICATION_SUBJECTS.updatePreferences,
        { marketing_channels: ['in_app'] },
        user,
      );
      const secondPromotion = randomUUID();
      const accepted = await promotion(secondPromotion);

      expect(preferences.channels.in_app).toEqual({ security: true, transactional: true, marketing: true });
      expect(preferences.channels.sms).toEqual({ security: true, transactional: true, marketing: false });
      expect(accepted).toEqual({ queued: 1 });
      expect((await messagesOf(secondPromotion)).map((row) => row.channel)).toEqual(['in_app']);
    });

    it('holds a push until quiet hours end, but not a code', async () => {
      const phone = newPhone();
      const user = await register(phone);
      const token = `quiet-token-${randomUUID()}`;
      const hhmm = (date: Date): string => date.toISOString().slice(11, 16);
      const now = Date.now();
      await call(NOTIFICATION_SUBJECTS.registerDevice, { token, platform: 'android' }, user);
      const saved = await call<NotificationPreferencesView>(
        NOTIFICATION_SUBJECTS.updatePreferences,
        { quiet_hours: { start: hhmm(new Date(now - 3_600_000)), end: hhmm(new Date(now + 3_600_000)) } },
        user,
      );
      const payment = eventEnvelope(PAYMENT_EVENTS.intentSucceeded, paymentEvent(user.user_id));
      const otp = otpEvent(phone, '135790');

      await bus.publishEvent(payment);
      await bus.publishEvent(otp);

      await settled(otp.id, 'sms', ['sending']);
      const [push] = await settled(payment.id, 'push', ['queued']);
      expect(saved.quiet_hours).toEqual({
        start: hhmm(new Date(now - 3_600_000)),
        end: hhmm(new Date(now + 3_600_000)),
      });
      expect(push?.attempts).toBe(0);
      expect(push?.next_attempt_at?.getTime()).toBeGreaterThan(now + 50 * 60_000);
      // The in-app note is stored at once: the inbox is not a disturbance.
      await settled(payment.id, 'in_app', ['delivered']);
    });

    it('reads, changes and keeps the caller’s preferences', async () => {
      const user = await register(newPhone());

      const initial = await call<NotificationPreferencesView>(NOTIFICATION_SUBJECTS.getPreferences, {}, user);
      const changed = await call<NotificationPreferencesView>(
        NOTIFICATION_SUBJECTS.updatePreferences,
        { locale: 'en', quiet_hours: { start: '22:00', end: '06:30' } },
        user,
      );
      const cleared = await call<NotificationPreferencesView>(
        NOTIFICATION_SUBJECTS.updatePreferences,
        { quiet_hours: null },
        user,
      );
      const invalid = call(
        NOTIFICATION_SUBJECTS.updatePreferences,
        { quiet_hours: { start: '25:00', end: '06:00' } },
        user,
      );

      expect(initial).toMatchObject({ locale: 'fr', quiet_hours: null });
      expect(
        Object.values(initial.channels).every((topics) => !topics.marketing && topics.transactional),
      ).toBe(true);
      expect(changed).toMatchObject({ locale: 'en', quiet_hours: { start: '22:00', end: '06:30' } });
      expect(cleared).toMatchObject({ locale: 'en', quiet_hours: null });
      await expect(invalid).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });

  describe('triggers', () => {
    it('sends the seller the order on WhatsApp in seed 000’s layout and tells the customer in the app', async () => {
      const seller = await register(newPhone(), 'Afi');
      const customer = await register(newPhone(), 'Kofi');
      const order = orderEvent(seller.user_id, customer.user_id);
      const event = eventEnvelope(MARKETPLACE_EVENTS.orderPlaced, order);

      await bus.publishEvent(event);

      const [whatsapp] = await settled(event.id, 'whatsapp', ['delivered']);
      expect(whatsapp).toMatchObject({
        recipient: '+22890112233',
        recipient_user_id: seller.user_id,
        template: 'order.placed.seller',
      });
      expect(whatsapp?.body).toBe(
        [
          '🚀 *Nouvelle Commande Boutique Afi !*',
          '---------------------------',
          'Commande : CMD-2026-000042',
          'Client : Kofi Mensah',
          'Téléphone : +22891445566',
          'Adresse de livraison : Rue 124, Bè Kpota, Lomé',
          '',
          'Articles :',
          '- 2x T-shirt Blanc (10 000 F CFA)',
          '- 1x Cookies Chocolat (1 500 F CFA)',
          '',
          'Instructions : Appeler avant de venir',
          '',
          '*Total : 12 500 F CFA*',
          '---------------------------',
          `Lien de gestion : ${order.manage_url}`,
        ].join('\n'),
      );
      const inbox = await call<InAppNotificationPage>(NOTIFICATION_SUBJECTS.listInbox, {}, customer);
      expect(inbox.items[0]).toMatchObject({
        template: 'order.placed.customer',
        body: 'Votre commande CMD-2026-000042 chez Boutique Afi est enregistrée (12 500 F CFA). Le vendeur la prépare.',
      });
    });

    it('tells both parties of a transfer, each in their own language, and counts unread notes', async () => {
      const sender = await register(newPhone(), 'Ama');
      const receiver = await register(newPhone(), 'Yao');
      await call(NOTIFICATION_SUBJECTS.updatePreferences, { locale: 'en' }, receiver);
      const transfer: TransferCompletedEvent = {
        transfer_id: randomUUID(),
        sender_id: sender.user_id,
        receiver_id: receiver.user_id,
        amount: 25000,
        currency: 'XOF',
        description: 'Loyer',
        sender_balance_after: 75000,
        receiver_balance_after: 125000,
      };
      const event = eventEnvelope(WALLET_EVENTS.transferCompleted, transfer);

      await bus.publishEvent(event);

      await settled(event.id, 'in_app', ['delivered'], 2);
      const senderInbox = await call<InAppNotificationPage>(NOTIFICATION_SUBJECTS.listInbox, {}, sender);
      const receiverInbox = await call<InAppNotificationPage>(NOTIFICATION_SUBJECTS.listInbox, {}, receiver);
      expect(senderInbox.items[0]?.body).toBe('Vous avez envoyé 25 000 F CFA. Nouveau solde : 75 000 F CFA.');
      expect(receiverInbox.items[0]?.body).toBe(
        'You received 25 000 F CFA « Loyer ». New balance: 125 000 F CFA.',
      );
      // Welcome + transfer, none read yet; reading one leaves one.
      expect(await call<UnreadCountView>(NOTIFICATION_SUBJECTS.unreadCount, {}, receiver)).toEqual({
        unread: 2,
      });
      await call(NOTIFICATION_SUBJECTS.markRead, { id: receiverInbox.items[0]?.id }, receiver);
      expect(await call<UnreadCountView>(NOTIFICATION_SUBJECTS.unreadCount, {}, receiver)).toEqual({
        unread: 1,
      });
    });

    it('pushes each ride step to the rider’s and the driver’s devices, and tells the customer of order changes', async () => {
      const rider = await register(newPhone(), 'Kossi');
      const driver = await register(newPhone(), 'Edem');
      const riderToken = `rider-token-${randomUUID()}`;
      const driverToken = `driver-token-${randomUUID()}`;
      await call(NOTIFICATION_SUBJECTS.registerDevice, { token: riderToken, platform: 'ios' }, rider);
      await call(NOTIFICATION_SUBJECTS.registerDevice, { token: driverToken, platform: 'android' }, driver);
      const arrived = eventEnvelope(TRANSPORT_EVENTS.driverArrived, rideEvent(rider.user_id, driver.user_id));
      const status = eventEnvelope(MARKETPLACE_EVENTS.orderStatusChanged, {
        order_id: randomUUID(),
        order_number: 'CMD-7',
        store_id: randomUUID(),
        customer_id: rider.user_id,
        status: 'out_for_delivery',
        previous_status: 'ready',
        payment_status: 'paid',
        total_amount: 5000,
        currency: 'XOF',
        actor: { user_id: null, role: 'seller' },
        reason: null,
      });

      await bus.publishEvent(arrived);
      await bus.publishEvent(status);

      const pushes = await settled(arrived.id, 'push', ['delivered'], 2);
      expect(pushes.map((row) => [row.recipient, row.template]).sort()).toEqual(
        [
          [driverToken, 'ride.driver_arrived.driver'],
          [riderToken, 'ride.driver_arrived.rider'],
        ].sort(),
      );
      expect(pushes.find((row) => row.recipient === riderToken)?.body).toBe('Votre chauffeur est arrivé.');
      await settled(status.id, 'push', ['delivered']);
      const [note] = await settled(status.id, 'in_app', ['delivered']);
      expect(note?.body).toBe('Votre commande CMD-7 est en cours de livraison.');
    });

    it('retries a push the sandbox refuses twice, and forgets a token the provider calls dead', async () => {
      const user = await register(newPhone());
      await call(NOTIFICATION_SUBJECTS.registerDevice, { token: FLAKY_TOKEN, platform: 'android' }, user);
      await call(NOTIFICATION_SUBJECTS.registerDevice, { token: DEAD_TOKEN, platform: 'web' }, user);
      const event = eventEnvelope(PAYMENT_EVENTS.intentFailed, {
        ...paymentEvent(user.user_id),
        reason: 'declined',
      });

      await bus.publishEvent(event);

      const pushes = await waitFor(
        async () => {
          const rows = (await messagesOf(event.id)).filter((row) => row.channel === 'push');
          const flaky = rows.find((row) => row.recipient === FLAKY_TOKEN);
          const dead = rows.find((row) => row.recipient === DEAD_TOKEN);

          return flaky?.status === 'delivered' && dead?.status === 'failed' ? { flaky, dead } : undefined;
        },
        { what: 'the flaky push delivered and the dead one failed' },
      );
      expect(await attemptsOf(pushes.flaky.id)).toEqual([
        expect.objectContaining({ attempt: 1, outcome: 'retryable' }),
        expect.objectContaining({ attempt: 2, outcome: 'retryable' }),
        expect.objectContaining({ attempt: 3, outcome: 'sent' }),
      ]);
      expect(pushes.dead.attempts).toBe(1);
      const devices = await db.query<{ token: string }[]>('SELECT token FROM devices WHERE user_id = $1', [
        user.user_id,
      ]);
      expect(devices).toEqual([{ token: FLAKY_TOKEN }]);
    });

    it('fails a message for good after DELIVERY_MAX_ATTEMPTS retryable failures, keeping the device', async () => {
      const user = await register(newPhone());
      await call(NOTIFICATION_SUBJECTS.registerDevice, { token: DOWN_TOKEN, platform: 'android' }, user);
      const event = eventEnvelope(PAYMENT_EVENTS.intentSucceeded, paymentEvent(user.user_id));

      await bus.publishEvent(event);

      const [push] = await settled(event.id, 'push', ['failed']);
      expect(push).toMatchObject({ attempts: 4, next_attempt_at: null, sealed_content: null });
      expect(push?.last_error).toContain('SANDBOX_UNAVAILABLE');
      expect((await attemptsOf(push?.id ?? '')).map((attempt) => attempt.outcome)).toEqual([
        'retryable',
        'retryable',
        'retryable',
        'retryable',
      ]);
      expect(await db.query('SELECT token FROM devices WHERE token = $1', [DOWN_TOKEN])).toEqual([
        { token: DOWN_TOKEN },
      ]);
    });

    it('lets a user remove only their own device', async () => {
      const owner = await register(newPhone());
      const other = await register(newPhone());
      const token = `own-token-${randomUUID()}`;
      await call(NOTIFICATION_SUBJECTS.registerDevice, { token, platform: 'web' }, owner);

      const stranger = call(NOTIFICATION_SUBJECTS.unregisterDevice, { token }, other);

      await expect(stranger).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(call(NOTIFICATION_SUBJECTS.unregisterDevice, { token }, owner)).resolves.toEqual({
        removed: true,
      });
      expect(await db.query('SELECT token FROM devices WHERE token = $1', [token])).toEqual([]);
    });
  });

  describe('replicas', () => {
    it('shares the queue between two replicas without sending any message twice or past the limit', async () => {
      const replica = await startService(notificationService, environment, settings);
      try {
        const events = Array.from({ length: 40 }, (_, index) => otpEvent(newPhone(), String(100000 + index)));

        await Promise.all(events.map((event) => bus.publishEvent(event)));

        const sent = await waitFor(
          async () => {
            const rows = await db.query<MessageRecord[]>(
              "SELECT * FROM messages WHERE event_id = ANY($1::uuid[]) AND status = 'sending'",
              [events.map((event) => event.id)],
            );

            return rows.length === events.length ? rows : undefined;
          },
          { what: 'every code to be sent' },
        );
        expect(sent.every((row) => row.attempts === 1)).toBe(true);
        for (const event of events) expect(twilioRequestsTo(event.data.phone)).toBe(1);

        // Both replicas together keep to the per-phone limit (3 a minute here).
        const phone = newPhone();
        const user = await register(phone);
        await Promise.all(
          [1, 2, 3, 4, 5, 6].map((index) =>
            call(NOTIFICATION_SUBJECTS.send, {
              request_id: randomUUID(),
              user_id: user.user_id,
              topic: 'transactional',
              channels: ['sms'],
              template: 'account.notice',
              title: 'Ecom',
              body: `Avis ${index}`,
            }),
          ),
        );
        await waitFor(
          async () => {
            const [counts] = await db.query<{ sent: number; waiting: number }[]>(
              `SELECT count(*) FILTER (WHERE status = 'sending')::int AS sent,
                      count(*) FILTER (WHERE status = 'queued' AND next_attempt_at > now() + interval '30 seconds')::int AS waiting
               FROM messages WHERE recipient = $1 AND channel = 'sms'`,
              [phone],
            );

            return counts?.sent === 3 && counts.waiting === 3 ? true : undefined;
          },
          { what: 'three SMS sent and three held back' },
        );
        expect(twilioRequestsTo(phone)).toBe(3);
      } finally {
        await replica.close();
      }
    });
  });

  it('counts messages by channel and status, provider latency and retries', async () => {
    const metrics = await service.app.get(MetricsService).render();

    expect(metrics).toMatch(
      /ecom_notification_messages_total\{[^}]*channel="sms"[^}]*status="sent"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(
      /ecom_notification_messages_total\{[^}]*channel="sms"[^}]*status="failed"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(
      /ecom_notification_provider_latency_seconds_count\{[^}]*channel="sms"[^}]*provider="twilio"/,
    );
    expect(metrics).toMatch(
      /ecom_notification_retries_total\{[^}]*channel="push"[^}]*provider="sandbox"[^}]*\} [1-9]/,
    );
  });
});

function paymentEvent(payerId: string): PaymentIntentEvent {
  return {
    intent_id: randomUUID(),
    purpose: 'order',
    reference_id: randomUUID(),
    reference_label: 'Commande CMD-9',
    payer_id: payerId,
    method: 'flooz',
    amount: 8000,
    captured_amount: 8000,
    refunded_amount: 0,
    currency: 'XOF',
    reason: null,
    refund_id: null,
    refund_amount: null,
  };
}

function orderEvent(sellerId: string, customerId: string): OrderPlacedEvent {
  const orderId = randomUUID();

  return {
    order_id: orderId,
    order_number: 'CMD-2026-000042',
    store: { id: randomUUID(), name: 'Boutique Afi', owner_id: sellerId, phone: '+22890112233' },
    customer: { user_id: customerId, name: 'Kofi Mensah', phone: '+22891445566' },
    items: [
      { product_id: randomUUID(), name: 'T-shirt Blanc', quantity: 2, unit_price: 5000, line_total: 10000 },
      { product_id: randomUUID(), name: 'Cookies Chocolat', quantity: 1, unit_price: 1500, line_total: 1500 },
    ],
    subtotal: 11500,
    delivery_fee: 1000,
    total_amount: 12500,
    currency: 'XOF',
    delivery_address: 'Rue 124, Bè Kpota, Lomé',
    special_instructions: 'Appeler avant de venir',
    payment_method: 'cash_on_delivery',
    manage_url: `https://vendeur.ecom.tg/orders/${orderId}`,
    placed_at: new Date().toISOString(),
  };
}

function rideEvent(riderId: string, driverUserId: string): RideEvent {
  return {
    ride_id: randomUUID(),
    status: 'driver_arrived',
    service_type: 'moto',
    customer_id: riderId,
    driver_user_id: driverUserId,
    driver_id: randomUUID(),
    pickup: { lat: 6.1319, lng: 1.2228, address: 'Grand Marché' },
    destination: { lat: 6.1725, lng: 1.2314, address: 'Université de Lomé' },
    fare: 1500,
    currency: 'XOF',
    payment_method: 'cash',
    reason: null,
  };
}
