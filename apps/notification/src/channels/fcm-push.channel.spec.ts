import { createVerify, generateKeyPairSync } from 'node:crypto';

import { loadConfig } from '@ecom/platform';

import { NotificationConfig } from '../config';
import type { OutgoingMessage } from './delivery-channel';
import { FcmPushChannel } from './fcm-push.channel';
import { FakeProvider, type RecordedRequest } from './test/fake-provider';

const PROJECT = 'ecom-togo';
const EMAIL = 'push@ecom-togo.iam.gserviceaccount.com';
const SEND_PATH = `/v1/projects/${PROJECT}/messages:send`;
const TOKEN_PATH = '/token';
const DEVICE = 'dXk3Zk9pRlE6APA91bHxyz-device-token-0123456789';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const message: OutgoingMessage = {
  messageId: 'msg-1',
  to: DEVICE,
  title: 'Votre course',
  body: 'Votre chauffeur est arrivé.',
  data: { ride_id: 'r-1', status: 'driver_arrived' },
  attempt: 1,
  locale: 'fr',
};
const fcmError = (status: number, state: string, errorCode?: string): { status: number; body: unknown } => ({
  status,
  body: {
    error: {
      code: status,
      message: 'Requested entity was not found.',
      status: state,
      details: errorCode
        ? [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }]
        : [],
    },
  },
});

function decodeJwt(jwt: string): { header: unknown; claims: Record<string, unknown>; valid: boolean } {
  const [header = '', claims = '', signature = ''] = jwt.split('.');
  const valid = createVerify('RSA-SHA256')
    .update(`${header}.${claims}`)
    .verify(publicKey, Buffer.from(signature, 'base64url'));

  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()) as unknown,
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>,
    valid,
  };
}

describe('FcmPushChannel', () => {
  const google = new FakeProvider();
  let base: string;
  let issued = 0;
  const channel = (): FcmPushChannel =>
    new FcmPushChannel(
      loadConfig(NotificationConfig, {
        PUSH_PROVIDER: 'fcm',
        FCM_PROJECT_ID: PROJECT,
        FCM_CLIENT_EMAIL: EMAIL,
        // As an environment variable usually carries it: newlines escaped.
        FCM_PRIVATE_KEY: PEM.replace(/\n/g, '\\n'),
        FCM_API_BASE_URL: base,
        FCM_TOKEN_URL: `${base}${TOKEN_PATH}`,
      }),
    );

  beforeAll(async () => {
    base = await google.start();
  });

  afterAll(async () => {
    await google.stop();
  });

  beforeEach(() => {
    google.reset();
    issued = 0;
    google.otherwise(TOKEN_PATH, () => {
      issued += 1;

      return {
        status: 200,
        body: { access_token: `ya29.token-${issued}`, expires_in: 3599, token_type: 'Bearer' },
      };
    });
    google.otherwise(SEND_PATH, () => ({
      status: 200,
      body: { name: `projects/${PROJECT}/messages/0:1500415314455276` },
    }));
  });

  it('exchanges a signed service-account JWT for a token, then posts the message FCM v1 documents', async () => {
    const push = channel();

    await expect(push.send(message)).resolves.toEqual({
      outcome: 'sent',
      providerMessageId: `projects/${PROJECT}/messages/0:1500415314455276`,
    });

    const [tokenRequest] = google.to(TOKEN_PATH);
    expect(tokenRequest?.method).toBe('POST');
    expect(tokenRequest?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(tokenRequest?.body);
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const jwt = decodeJwt(form.get('assertion') ?? '');
    expect(jwt.valid).toBe(true);
    expect(jwt.header).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(jwt.claims).toMatchObject({
      iss: EMAIL,
      scope: 'https://www.googleapis.com/auth/firebase.messaging',
      aud: `${base}${TOKEN_PATH}`,
    });
    expect(Number(jwt.claims['exp']) - Number(jwt.claims['iat'])).toBe(3600);

    const [send] = google.to(SEND_PATH) as [RecordedRequest];
    expect(send.method).toBe('POST');
    expect(send.headers.authorization).toBe('Bearer ya29.token-1');
    expect(send.headers['content-type']).toBe('application/json');
    expect(JSON.parse(send.body)).toEqual({
      message: {
        token: DEVICE,
        notification: { title: 'Votre course', body: 'Votre chauffeur est arrivé.' },
        data: { ride_id: 'r-1', status: 'driver_arrived' },
      },
    });
  });

  it('reuses the access token until it nears expiry', async () => {
    const push = channel();

    await push.send(message);
    await push.send(message);

    expect(google.to(TOKEN_PATH)).toHaveLength(1);
    expect(google.to(SEND_PATH).map((request) => request.headers.authorization)).toEqual([
      'Bearer ya29.token-1',
      'Bearer ya29.token-1',
    ]);
  });

  it.each([
    [404, 'NOT_FOUND', 'UNREGISTERED'],
    [400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT'],
  ])('maps HTTP %d %s/%s to permanent and reports the token dead', async (status, state, code) => {
    google.answer(SEND_PATH, fcmError(status, state, code));

    await expect(channel().send(message)).resolves.toEqual({
      outcome: 'permanent',
      error: `FCM_REJECTED: HTTP ${status} ${code} Requested entity was not found.`,
      invalidAddress: true,
    });
  });

  it.each([
    [503, 'UNAVAILABLE'],
    [500, 'INTERNAL'],
    [429, 'QUOTA_EXCEEDED'],
  ])('maps HTTP %d %s to retryable, keeping the token', async (status, code) => {
    google.answer(SEND_PATH, fcmError(status, code, code));

    await expect(channel().send(message)).resolves.toMatchObject({
      outcome: 'retryable',
      invalidAddress: false,
    });
  });

  it('drops a token FCM refuses (401) and asks Google for a new one on the next try', async () => {
    const push = channel();
    google.answer(SEND_PATH, fcmError(401, 'UNAUTHENTICATED'));

    await expect(push.send(message)).resolves.toMatchObject({ outcome: 'retryable' });
    await expect(push.send(message)).resolves.toMatchObject({ outcome: 'sent' });

    expect(google.to(SEND_PATH).map((request) => request.headers.authorization)).toEqual([
      'Bearer ya29.token-1',
      'Bearer ya29.token-2',
    ]);
  });

  it('answers retryable without sending when Google refuses the service account', async () => {
    google.answer(TOKEN_PATH, {
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid JWT' },
    });

    await expect(channel().send(message)).resolves.toEqual({
      outcome: 'retryable',
      error: 'FCM_AUTH_FAILED: HTTP 400 invalid_grant',
    });
    expect(google.to(SEND_PATH)).toHaveLength(0);
  });
});
