import { ConfigError, loadConfig } from '@ecom/platform';

import { NotificationConfig } from '../config';
import type { OutgoingMessage } from './delivery-channel';
import { FakeProvider } from './test/fake-provider';
import { WhatsappCloudChannel } from './whatsapp-cloud.channel';

const TOKEN = 'EAAG-secret-system-user-token';
const PHONE_NUMBER_ID = '106540352242922';
const PATH = `/v21.0/${PHONE_NUMBER_ID}/messages`;
const BODY = '🚀 *Nouvelle Commande Boutique Afi !*\n---------------------------\nClient : Kofi';
const message: OutgoingMessage = {
  messageId: 'msg-1',
  to: '+22890123456',
  body: BODY,
  attempt: 1,
  locale: 'fr',
  template: { name: 'ecom_new_order', parameters: ['Boutique Afi', 'CMD-0042'] },
};
const accepted = {
  status: 200,
  body: {
    messaging_product: 'whatsapp',
    contacts: [{ input: '22890123456', wa_id: '22890123456' }],
    messages: [{ id: 'wamid.HBgLMjI4OTAxMjM0NTYVAgARGBI' }],
  },
};
const graphError = (status: number, code: number, text: string): { status: number; body: unknown } => ({
  status,
  body: { error: { message: text, type: 'OAuthException', code, fbtrace_id: 'AbCdEf' } },
});

function whatsappConfig(base: string, env: NodeJS.ProcessEnv = {}): NotificationConfig {
  return loadConfig(NotificationConfig, {
    WHATSAPP_PROVIDER: 'cloud_api',
    WHATSAPP_ACCESS_TOKEN: TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_API_BASE_URL: base,
    ...env,
  });
}

describe('WhatsappCloudChannel', () => {
  const graph = new FakeProvider();
  let base: string;

  beforeAll(async () => {
    base = await graph.start();
  });

  afterAll(async () => {
    await graph.stop();
  });

  beforeEach(() => {
    graph.reset();
    graph.otherwise(PATH, () => accepted);
  });

  it('posts a template message as the Cloud API documents, with the Bearer token, and keeps the wamid', async () => {
    const channel = new WhatsappCloudChannel(whatsappConfig(base));

    await expect(channel.send(message)).resolves.toEqual({
      outcome: 'sent',
      providerMessageId: 'wamid.HBgLMjI4OTAxMjM0NTYVAgARGBI',
    });

    expect(channel).toMatchObject({ channel: 'whatsapp', provider: 'whatsapp_cloud', keepsBody: false });
    const [request] = graph.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(PATH);
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '22890123456',
      type: 'template',
      template: {
        name: 'ecom_new_order',
        language: { code: 'fr' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Boutique Afi' },
              { type: 'text', text: 'CMD-0042' },
            ],
          },
        ],
      },
    });
  });

  it('adds the copy-code button of an authentication template for a one-time code', async () => {
    const channel = new WhatsappCloudChannel(whatsappConfig(base));

    await channel.send({
      ...message,
      template: { name: 'ecom_otp', parameters: ['482913'], copyCode: '482913' },
    });

    expect(JSON.parse(graph.requests[0]?.body ?? '')).toMatchObject({
      type: 'template',
      template: {
        name: 'ecom_otp',
        language: { code: 'fr' },
        components: [
          { type: 'body', parameters: [{ type: 'text', text: '482913' }] },
          { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '482913' }] },
        ],
      },
    });
  });

  it('sends the whole body as a text message when templates are off, or the message has none', async () => {
    const channel = new WhatsappCloudChannel(whatsappConfig(base, { WHATSAPP_USE_TEMPLATES: 'false' }));

    await channel.send(message);

    expect(JSON.parse(graph.requests[0]?.body ?? '')).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '22890123456',
      type: 'text',
      text: { preview_url: false, body: BODY },
    });
  });

  it.each([
    [400, 131026, 'Message undeliverable'],
    [400, 132001, 'Template name does not exist in the translation'],
    [401, 190, 'Error validating access token'],
    [400, 131047, 'Re-engagement message'],
  ])('maps HTTP %d code %d to permanent, naming the code', async (status, code, text) => {
    graph.answer(PATH, graphError(status, code, text));
    const channel = new WhatsappCloudChannel(whatsappConfig(base));

    const result = await channel.send(message);

    expect(result).toEqual({
      outcome: 'permanent',
      error: `WHATSAPP_REJECTED: HTTP ${status} code ${code} ${text}`,
    });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it.each([
    [400, 130429, 'Rate limit hit'],
    [400, 131056, 'Pair rate limit hit'],
    [500, 131000, 'Something went wrong'],
    [503, 133004, 'Server temporarily unavailable'],
    [429, 80007, 'Rate limit issues'],
  ])('maps HTTP %d code %d to retryable', async (status, code, text) => {
    graph.answer(PATH, graphError(status, code, text));
    const channel = new WhatsappCloudChannel(whatsappConfig(base));

    await expect(channel.send(message)).resolves.toMatchObject({ outcome: 'retryable' });
  });

  it('maps an unreachable API to retryable', async () => {
    const closed = new FakeProvider();
    const closedBase = await closed.start();
    await closed.stop();

    await expect(new WhatsappCloudChannel(whatsappConfig(closedBase)).send(message)).resolves.toEqual({
      outcome: 'retryable',
      error: expect.stringContaining('WHATSAPP_UNREACHABLE') as unknown,
    });
  });

  it('is refused by the config without a token and a phone number id', () => {
    expect(() => loadConfig(NotificationConfig, { WHATSAPP_PROVIDER: 'cloud_api' })).toThrow(ConfigError);
  });
});
