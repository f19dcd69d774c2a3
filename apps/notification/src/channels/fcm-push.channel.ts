import { createSign } from 'node:crypto';

import { Logger } from '@nestjs/common';

import { NotificationConfig } from '../config';
import type { DeliveryChannel, OutgoingMessage, SendResult } from './delivery-channel';
import { clip, postToProvider } from './provider-http';

const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
/** A token is renewed this long before Google says it expires. */
const RENEW_BEFORE_MS = 60_000;

/** FCM v1 error body (https://firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode). */
interface FcmError {
  error?: { code?: unknown; status?: unknown; message?: unknown; details?: { errorCode?: unknown }[] };
}

/** FCM error codes that say the device token is dead or not ours: the token is forgotten. */
const DEAD_TOKEN_CODES = new Set(['UNREGISTERED', 'INVALID_ARGUMENT', 'SENDER_ID_MISMATCH']);
/** Codes worth another try later: quota, FCM or APNs/Web Push trouble. */
const RETRYABLE_CODES = new Set(['QUOTA_EXCEEDED', 'UNAVAILABLE', 'INTERNAL']);

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Push through Firebase Cloud Messaging HTTP v1: `POST {base}/v1/projects/{project}/messages:send` with an
 * OAuth2 access token obtained from a service-account JWT (RS256, scope firebase.messaging) at Google's
 * token endpoint, cached until shortly before it expires. A 401 drops the cached token and is retried.
 */
export class FcmPushChannel implements DeliveryChannel {
  readonly channel = 'push';
  readonly provider = 'fcm';
  readonly keepsBody = false;
  private readonly logger = new Logger(FcmPushChannel.name);
  private readonly url: string;
  private readonly clientEmail: string;
  private readonly privateKey: string;
  private readonly tokenUrl: string;
  private readonly timeoutMs: number;
  private token?: { value: string; renewAt: number };

  constructor(config: NotificationConfig) {
    const { FCM_PROJECT_ID: project, FCM_CLIENT_EMAIL: email, FCM_PRIVATE_KEY: key } = config;
    if (project === undefined || email === undefined || key === undefined) {
      throw new Error('PUSH_PROVIDER=fcm needs FCM_PROJECT_ID, FCM_CLIENT_EMAIL and FCM_PRIVATE_KEY');
    }
    const base = config.FCM_API_BASE_URL.replace(/\/+$/, '');
    this.url = `${base}/v1/projects/${encodeURIComponent(project)}/messages:send`;
    this.clientEmail = email;
    // Environment variables often carry the PEM's newlines as `\n`.
    this.privateKey = key.replace(/\\n/g, '\n');
    this.tokenUrl = config.FCM_TOKEN_URL;
    this.timeoutMs = config.FCM_TIMEOUT_MS;
  }

  /** The message resource FCM documents: token, notification title and body, string data. */
  requestBody(message: OutgoingMessage): Record<string, unknown> {
    return {
      message: {
        token: message.to,
        notification: { title: message.title ?? 'Ecom', body: message.body },
        ...(message.data ? { data: message.data } : {}),
      },
    };
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const bearer = await this.accessToken();
    if ('error' in bearer) return { outcome: 'retryable', error: bearer.error };
    const answer = await postToProvider(
      this.url,
      {
        headers: { Authorization: `Bearer ${bearer.value}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(this.requestBody(message)),
      },
      this.timeoutMs,
    );
    if ('unreachable' in answer) {
      this.logger.warn(`FCM send of ${message.messageId} failed: ${answer.unreachable}`);

      return { outcome: 'retryable', error: `FCM_UNREACHABLE: ${answer.unreachable}` };
    }
    if (answer.status === 200) {
      const name = (answer.body as { name?: unknown } | undefined)?.name;
      if (typeof name === 'string' && name.length > 0) return { outcome: 'sent', providerMessageId: name };

      return { outcome: 'permanent', error: 'FCM_BAD_ANSWER: HTTP 200 without a message name' };
    }
    const error = (answer.body as FcmError | undefined)?.error;
    const code =
      error?.details?.map((detail) => detail.errorCode).find((value) => typeof value === 'string') ??
      error?.status;
    const codeText = typeof code === 'string' ? code : 'UNKNOWN';
    const detail = [`HTTP ${answer.status}`, codeText, clip(error?.message)].filter(Boolean).join(' ');
    this.logger.warn(`FCM refused ${message.messageId}: ${detail}`);
    if (answer.status === 401) {
      this.token = undefined;

      return { outcome: 'retryable', error: `FCM_REJECTED: ${detail}` };
    }
    const retryable = RETRYABLE_CODES.has(codeText) || answer.status === 429 || answer.status >= 500;

    return {
      outcome: retryable ? 'retryable' : 'permanent',
      error: `FCM_REJECTED: ${detail}`,
      invalidAddress: !retryable && DEAD_TOKEN_CODES.has(codeText),
    };
  }

  /** The signed service-account assertion Google's token endpoint exchanges for an access token. */
  assertion(nowSeconds: number): string {
    const header = base64url({ alg: 'RS256', typ: 'JWT' });
    const claims = base64url({
      iss: this.clientEmail,
      scope: SCOPE,
      aud: this.tokenUrl,
      iat: nowSeconds,
      exp: nowSeconds + 3600,
    });
    const signature = createSign('RSA-SHA256')
      .update(`${header}.${claims}`)
      .sign(this.privateKey, 'base64url');

    return `${header}.${claims}.${signature}`;
  }

  private async accessToken(): Promise<{ value: string } | { error: string }> {
    if (this.token && Date.now() < this.token.renewAt) return this.token;
    const answer = await postToProvider(
      this.tokenUrl,
      {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
          assertion: this.assertion(Math.floor(Date.now() / 1000)),
        }).toString(),
      },
      this.timeoutMs,
    );
    if ('unreachable' in answer) return { error: `FCM_AUTH_UNREACHABLE: ${answer.unreachable}` };
    const body = answer.body as { access_token?: unknown; expires_in?: unknown; error?: unknown } | undefined;
    if (answer.status !== 200 || typeof body?.access_token !== 'string') {
      const reason = typeof body?.error === 'string' ? ` ${body.error}` : '';
      this.logger.error(`Google refused the FCM service account: HTTP ${answer.status}${reason}`);

      return { error: `FCM_AUTH_FAILED: HTTP ${answer.status}${reason}` };
    }
    const lifetimeMs = (typeof body.expires_in === 'number' ? body.expires_in : 3600) * 1000;
    this.token = { value: body.access_token, renewAt: Date.now() + lifetimeMs - RENEW_BEFORE_MS };

    return this.token;
  }
}
