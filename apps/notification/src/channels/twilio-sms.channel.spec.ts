import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ConfigError, loadConfig } from '@ecom/platform';

import { NotificationConfig } from '../config';
import type { OutgoingMessage } from './delivery-channel';
import { TwilioSmsChannel } from './twilio-sms.channel';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'secret-auth-token-0123456789';
const BODY = 'Votre code Ecom : 654321. Ne le partagez avec personne.';
const sms: OutgoingMessage = { messageId: 'msg-1', to: '+22890123456', body: BODY, attempt: 1, locale: 'fr' };

interface Recorded {
  method: string | undefined;
  url: string | undefined;
  authorization: string | undefined;
  contentType: string | undefined;
  form: URLSearchParams;
}

type Answer = (response: ServerResponse) => void;

/** A local stand-in for api.twilio.com: records each request and answers with `answer`. */
class FakeTwilio {
  readonly requests: Recorded[] = [];
  answer: Answer = (response) => {
    json(response, 201, { sid: 'SM0001' });
  };
  private readonly server: Server = createServer((request, response) => {
    this.handle(request, response);
  });
  private readonly hanging = new Set<ServerResponse>();

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;

    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
  }

  /** Answers never: the request waits until the client gives up. */
  hang(): void {
    this.answer = (response) => this.hanging.add(response);
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.requests.push({
        method: request.method,
        url: request.url,
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
      });
      this.answer(response);
    });
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

function twilioConfig(base: string, env: NodeJS.ProcessEnv = {}): NotificationConfig {
  return loadConfig(NotificationConfig, {
    SMS_PROVIDER: 'twilio',
    TWILIO_ACCOUNT_SID: SID,
    TWILIO_AUTH_TOKEN: TOKEN,
    TWILIO_FROM: '+15005550006',
    TWILIO_API_BASE_URL: base,
    ...env,
  });
}

describe('TwilioSmsChannel', () => {
  const twilio = new FakeTwilio();
  let base: string;

  beforeAll(async () => {
    base = await twilio.start();
  });

  afterAll(async () => {
    await twilio.stop();
  });

  beforeEach(() => {
    twilio.requests.length = 0;
    twilio.answer = (response) => {
      json(response, 201, { sid: 'SM0001' });
    };
  });

  it('posts the form Twilio documents, with Basic auth, and maps 201 to sent with the sid', async () => {
    const channel = new TwilioSmsChannel(twilioConfig(base));

    await expect(channel.send(sms)).resolves.toEqual({ outcome: 'sent', providerMessageId: 'SM0001' });

    expect(channel.provider).toBe('twilio');
    expect(channel.keepsBody).toBe(false);
    expect(twilio.requests).toHaveLength(1);
    const [request] = twilio.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(request?.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`);
    expect(request?.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(request?.form ?? [])).toEqual({
      To: '+22890123456',
      Body: BODY,
      From: '+15005550006',
    });
  });

  it('sends MessagingServiceSid instead of From, and StatusCallback, when they are set', async () => {
    const channel = new TwilioSmsChannel(
      twilioConfig(base, {
        TWILIO_MESSAGING_SERVICE_SID: 'MG0123456789abcdef0123456789abcdef',
        TWILIO_STATUS_CALLBACK_URL: 'https://api.ecom.test/webhooks/twilio/status',
      }),
    );

    await channel.send(sms);

    expect(Object.fromEntries(twilio.requests[0]?.form ?? [])).toEqual({
      To: '+22890123456',
      Body: BODY,
      MessagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
      StatusCallback: 'https://api.ecom.test/webhooks/twilio/status',
    });
  });

  it("maps 400 invalid 'To' number (21211) to permanent, naming the code", async () => {
    twilio.answer = (response) => {
      json(response, 400, {
        code: 21211,
        message: "The 'To' number is not a valid phone number.",
        status: 400,
      });
    };
    const channel = new TwilioSmsChannel(twilioConfig(base));

    const result = await channel.send(sms);

    expect(result).toEqual({ outcome: 'permanent', error: expect.stringContaining('21211') as unknown });
    expect(result).toEqual({
      outcome: 'permanent',
      error: expect.stringContaining("The 'To' number is not a valid phone number.") as unknown,
    });
    expectNoSecret(result);
  });

  it.each([503, 429])('maps HTTP %d to retryable', async (status) => {
    twilio.answer = (response) => {
      json(response, status, { code: 20429, message: 'Too many requests' });
    };
    const channel = new TwilioSmsChannel(twilioConfig(base));

    const result = await channel.send(sms);

    expect(result.outcome).toBe('retryable');
    expectNoSecret(result);
  });

  it('gives up on a server that never answers after TWILIO_TIMEOUT_MS, as retryable', async () => {
    twilio.hang();
    const channel = new TwilioSmsChannel(twilioConfig(base, { TWILIO_TIMEOUT_MS: '200' }));
    const started = Date.now();

    const result = await channel.send(sms);

    expect(result.outcome).toBe('retryable');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(Date.now() - started).toBeLessThan(5000);
    expectNoSecret(result);
  });

  it('maps a refused connection to retryable', async () => {
    const closed = new FakeTwilio();
    const closedBase = await closed.start();
    await closed.stop();
    const channel = new TwilioSmsChannel(twilioConfig(closedBase));

    const result = await channel.send(sms);

    expect(result.outcome).toBe('retryable');
    expectNoSecret(result);
  });
});

describe('NotificationConfig with SMS_PROVIDER=twilio', () => {
  it('refuses to start without the account SID, the token and a sender, naming each', () => {
    let error: unknown;
    try {
      loadConfig(NotificationConfig, { SMS_PROVIDER: 'twilio' });
    } catch (thrown) {
      error = thrown;
    }

    expect(error).toBeInstanceOf(ConfigError);
    const { message } = error as ConfigError;
    expect(message).toContain('TWILIO_ACCOUNT_SID');
    expect(message).toContain('TWILIO_AUTH_TOKEN');
    expect(message).toContain('TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID');
  });

  it('accepts a messaging service in place of TWILIO_FROM, and needs nothing for the sandbox', () => {
    expect(() =>
      loadConfig(NotificationConfig, {
        SMS_PROVIDER: 'twilio',
        TWILIO_ACCOUNT_SID: SID,
        TWILIO_AUTH_TOKEN: TOKEN,
        TWILIO_MESSAGING_SERVICE_SID: 'MG0123456789abcdef0123456789abcdef',
      }),
    ).not.toThrow();
    expect(() => loadConfig(NotificationConfig, {})).not.toThrow();
  });
});

function expectNoSecret(result: object): void {
  const text = JSON.stringify(result);
  expect(text).not.toContain(BODY);
  expect(text).not.toContain('654321');
  expect(text).not.toContain(TOKEN);
}
