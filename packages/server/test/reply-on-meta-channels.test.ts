// Agents' replies reach customers on WhatsApp, Messenger and Instagram: a real HTTP server on loopback plays Meta's
// Graph API and records what it received. A reply goes out once, in order, with the provider's request shape and the
// channel's token; failures are retried (500s, time-outs, 429 with Retry-After, an outage) and permanent refusals
// end FAILED with the provider's error; WhatsApp's 24-hour window allows only approved templates outside it; and two
// server processes sharing PostgreSQL attempt every reply exactly once.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { outboxRetryDelayMs } from '../src/channels/outbox.js';
import { startServer } from '../src/server.js';
import { type Agent, chatApi, expectError } from './chat-setup.js';
import { type FakeMetaProvider, startFakeMetaProvider } from './fake-meta-provider.js';
import { PASSWORD, rawId, startTestApp, type TestApp, testClock, testDatabaseUrl, uniqueEmail, type Workspace } from './harness.js';
import { gqlOver, type ServerProcess, startServerProcess } from './processes.js';
import { subscribe, untilLive } from './ws-client.js';

const clock = testClock(new Date());
let t: TestApp;
let provider: FakeMetaProvider;
let acme: Workspace;
let api: ReturnType<typeof chatApi>;
let agent: Agent;
let shop: string;

const SETTINGS = {
  WHATSAPP: {
    phoneNumberId: '106540352242922',
    accessToken: 'wa-token-acme',
    verifyToken: 'v',
    appSecret: 's',
    templates: [
      { name: 'order_update', language: 'en_US' },
      { name: 'order_update', language: 'tr' },
    ],
  },
  FACEBOOK: { pageId: '224466880011', accessToken: 'fb-page-token', verifyToken: 'v', appSecret: 's' },
  INSTAGRAM: { instagramAccountId: '17841400000000', accessToken: 'ig-page-token', verifyToken: 'v', appSecret: 's' },
};

async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const newNumber = () => `+90 5${String(randomBytes(4).readUInt32BE() % 1_000_000_000).padStart(9, '0')}`;
const digits = (number: string) => number.replace(/\D/g, '');
const newHandle = (prefix: string) => `${prefix}${randomBytes(6).toString('hex')}`;

async function configure(productId: string, channel: keyof typeof SETTINGS, settings: Record<string, unknown> = SETTINGS[channel]) {
  await api.call(`mutation($i: ConfigureProductChannelInput!) { configureProductChannel(input: $i) { id } }`, {
    i: { productId, channel, enabled: true, settings },
  });
}

/** A conversation the customer opened on a channel, held by our agent. */
async function chatOn(channel: 'WHATSAPP' | 'FACEBOOK' | 'INSTAGRAM', productId = shop) {
  const handle = channel === 'WHATSAPP' ? newNumber() : newHandle(channel === 'FACEBOOK' ? 'psid' : 'igsid');
  const key = channel === 'WHATSAPP' ? 'whatsappNumber' : channel === 'FACEBOOK' ? 'facebookId' : 'instagramId';
  const chat = await api.start(productId, { channel, customer: { name: 'Deniz', [key]: handle }, body: 'Where is my parcel?' });
  expect(chat.status).toBe('ACTIVE');
  return { id: chat.id, handle, recipient: channel === 'WHATSAPP' ? digits(handle) : handle };
}

const SEND = `mutation($i: SendConversationMessageInput!) { sendConversationMessage(input: $i) { id body deliveryStatus externalId metadata } }`;
const send = (conversationId: string, input: Record<string, unknown>) => api.raw(SEND, { i: { conversationId, ...input } }, agent.token);

async function reply(conversationId: string, body: string) {
  const result = await send(conversationId, { body });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.sendConversationMessage as { id: string; body: string; deliveryStatus: string; externalId: string | null };
}

const MESSAGE = `query($id: ID!) { node(id: $id) { ... on ConversationMessage { deliveryStatus externalId deliveryError deliveryUpdatedAt metadata } } }`;
const messageState = async (id: string) =>
  (await api.call(MESSAGE, { id })).node as { deliveryStatus: string; externalId: string | null; deliveryError: string | null; deliveryUpdatedAt: string };
const settledState = (id: string) =>
  until(`message ${id} delivered or failed`, async () => {
    const state = await messageState(id);
    return state.deliveryStatus === 'SENT' || state.deliveryStatus === 'FAILED' ? state : null;
  });

const outboxRow = (messageId: string) =>
  t.app.services.db.prisma.outboundChannelMessage.findUniqueOrThrow({ where: { conversationMessageId: rawId(messageId) } });
const accepted = (recipient: string) => provider.to(recipient).filter((request) => request.answeredStatus === 200);

beforeAll(async () => {
  provider = await startFakeMetaProvider();
  t = await startTestApp(
    {
      META_GRAPH_API_URL: provider.url,
      OUTBOX_POLL_MS: '50',
      OUTBOX_RETRY_BASE_MS: '100',
      OUTBOX_MAX_ATTEMPTS: '7',
      // Generous: the provider answers at once, but a loaded machine must not turn a slow answer into a retry.
      OUTBOX_TIMEOUT_MS: '1500',
    },
    { clock },
  );
  acme = await t.signUp('Acme');
  api = chatApi(t.gql, acme);
  agent = { id: acme.adminId, token: acme.token, name: 'Ayşe Admin' };
  shop = (await api.call(`mutation { createProduct(input: { name: "Shop", channels: [WHATSAPP, FACEBOOK, INSTAGRAM, LIVE_CHAT] }) { id } }`)).createProduct.id;
  for (const channel of ['WHATSAPP', 'FACEBOOK', 'INSTAGRAM'] as const) await configure(shop, channel);
  await api.settings(agent, { maxConcurrentChats: 50 });
  await api.setPresence(agent, 'ONLINE');
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await provider?.close();
});

describe('a reply is delivered on the customer’s channel', () => {
  it('WhatsApp: the Cloud API request with the number’s token; the wamid and SENT show on the message', async () => {
    const chat = await chatOn('WHATSAPP');
    const sent = await reply(chat.id, 'Your parcel left our warehouse today.');
    expect(sent.deliveryStatus).toBe('PENDING');
    const state = await settledState(sent.id);
    const [request] = provider.to(chat.recipient);
    expect(provider.to(chat.recipient)).toHaveLength(1);
    expect(request).toMatchObject({
      method: 'POST',
      path: `/v21.0/${SETTINGS.WHATSAPP.phoneNumberId}/messages`,
      authorization: `Bearer ${SETTINGS.WHATSAPP.accessToken}`,
      contentType: 'application/json',
    });
    expect(request.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: chat.recipient,
      type: 'text',
      text: { preview_url: false, body: 'Your parcel left our warehouse today.' },
    });
    expect(state).toMatchObject({ deliveryStatus: 'SENT', externalId: request.messageId, deliveryError: null });
    const event = await t.app.services.db.prisma.event.findFirst({ where: { type: 'conversation.message.status', entityId: rawId(chat.id) } });
    expect(event?.payload).toMatchObject({ messageId: rawId(sent.id), deliveryStatus: 'SENT', channel: 'WHATSAPP', status: 'ACTIVE' });
  });

  it('a chat screen hears the delivery move on (conversationEvents MESSAGE_STATUS)', async () => {
    const server = await startServer(t.app, { port: 0, host: '127.0.0.1' });
    const chat = await chatOn('INSTAGRAM');
    const feed = subscribe<{ conversationEvents: { type: string; message: { id: string; deliveryStatus: string | null; externalId: string | null } | null } }>(
      server.url,
      acme.token,
      `subscription($c: ID) { conversationEvents(conversationId: $c) { type message { id deliveryStatus externalId } } }`,
      { c: chat.id },
    );
    try {
      const customerWrites = () =>
        api.call(`mutation($i: AddCustomerConversationMessageInput!) { addCustomerConversationMessage(input: $i) { id } }`, { i: { conversationId: chat.id, body: 'Hello?' } });
      await untilLive(feed, customerWrites);
      const sent = await reply(chat.id, 'On its way');
      const events = [(await feed.next(10_000)).conversationEvents, (await feed.next(10_000)).conversationEvents];
      expect(events.map((event) => event.type)).toEqual(['MESSAGE', 'MESSAGE_STATUS']);
      expect(events[1].message).toEqual({ id: sent.id, deliveryStatus: 'SENT', externalId: accepted(chat.recipient)[0].messageId });
    } finally {
      await feed.dispose();
      await server.close();
    }
  });

  it('WhatsApp: one file goes as media by link, the text as its caption', async () => {
    const chat = await chatOn('WHATSAPP');
    const result = await send(chat.id, {
      body: 'The invoice',
      attachments: [{ url: 'https://files.example/invoice.pdf', fileName: 'invoice.pdf', contentType: 'application/pdf', size: 1200 }],
    });
    expect(result.errors).toBeUndefined();
    await settledState(result.data!.sendConversationMessage.id);
    expect(provider.to(chat.recipient)[0].body).toMatchObject({
      type: 'document',
      document: { link: 'https://files.example/invoice.pdf', caption: 'The invoice', filename: 'invoice.pdf' },
    });
  });

  it('Messenger: the Send API on the Page with messaging_type RESPONSE', async () => {
    const chat = await chatOn('FACEBOOK');
    const sent = await reply(chat.id, 'Merhaba, bakıyorum.');
    const state = await settledState(sent.id);
    const [request] = provider.to(chat.recipient);
    expect(request).toMatchObject({ path: `/v21.0/${SETTINGS.FACEBOOK.pageId}/messages`, authorization: `Bearer ${SETTINGS.FACEBOOK.accessToken}` });
    expect(request.body).toEqual({ recipient: { id: chat.recipient }, messaging_type: 'RESPONSE', message: { text: 'Merhaba, bakıyorum.' } });
    expect(state).toMatchObject({ deliveryStatus: 'SENT', externalId: request.messageId });
  });

  it('Instagram: /me/messages with the Page token behind the account', async () => {
    const chat = await chatOn('INSTAGRAM');
    const sent = await reply(chat.id, 'Thanks for the photo!');
    const state = await settledState(sent.id);
    const [request] = provider.to(chat.recipient);
    expect(request).toMatchObject({ path: '/v21.0/me/messages', authorization: `Bearer ${SETTINGS.INSTAGRAM.accessToken}` });
    expect(request.body).toEqual({ recipient: { id: chat.recipient }, messaging_type: 'RESPONSE', message: { text: 'Thanks for the photo!' } });
    expect(state).toMatchObject({ deliveryStatus: 'SENT', externalId: request.messageId });
  });

  it('replies of one conversation reach the customer in the order written, even when the first needs retries', async () => {
    const chat = await chatOn('WHATSAPP');
    provider.script(chat.recipient, [{ status: 500 }, { status: 503 }]);
    const first = await reply(chat.id, 'First');
    const second = await reply(chat.id, 'Second');
    await settledState(first.id);
    await settledState(second.id);
    expect(accepted(chat.recipient).map((request) => request.body.text.body)).toEqual(['First', 'Second']);
    expect(provider.to(chat.recipient).map((request) => request.body.text.body)).toEqual(['First', 'First', 'First', 'Second']);
  });

  it('the live chat widget has no outbox: no delivery status', async () => {
    const chat = await api.start(shop, { channel: 'LIVE_CHAT', customer: { name: 'Cem', email: uniqueEmail('cem') } });
    const sent = await reply(chat.id, 'Hello!');
    expect(sent.deliveryStatus).toBeNull();
    expect(await t.app.services.db.prisma.outboundChannelMessage.count({ where: { conversationMessageId: rawId(sent.id) } })).toBe(0);
  });
});

describe('when the provider fails', () => {
  it('500 five times, then 200: delivered exactly once, on the sixth attempt', async () => {
    const chat = await chatOn('WHATSAPP');
    provider.script(chat.recipient, Array.from({ length: 5 }, () => ({ status: 500 })));
    const sent = await reply(chat.id, 'Persistent');
    const state = await settledState(sent.id);
    await settle(300);
    expect(provider.to(chat.recipient).map((request) => request.answeredStatus)).toEqual([500, 500, 500, 500, 500, 200]);
    expect(accepted(chat.recipient)).toHaveLength(1);
    expect(state).toMatchObject({ deliveryStatus: 'SENT', externalId: accepted(chat.recipient)[0].messageId });
    expect(await outboxRow(sent.id)).toMatchObject({ status: 'SENT', attempts: 6, lastError: null });
  });

  it('a provider that does not answer in time is tried again', async () => {
    const chat = await chatOn('FACEBOOK');
    provider.script(chat.recipient, ['hang', 'hang']);
    const sent = await reply(chat.id, 'Slow network');
    const state = await settledState(sent.id);
    expect(state.deliveryStatus).toBe('SENT');
    expect(provider.to(chat.recipient).map((request) => request.answeredStatus)).toEqual([0, 0, 200]);
    expect(state.externalId).toBe(accepted(chat.recipient)[0].messageId);
  });

  it('429 with Retry-After: the next attempt waits as long as the provider asked', async () => {
    const chat = await chatOn('WHATSAPP');
    provider.script(chat.recipient, [{ status: 429, code: 130429, message: 'Rate limit hit', headers: { 'retry-after': '1' } }]);
    const sent = await reply(chat.id, 'Busy provider');
    expect((await settledState(sent.id)).deliveryStatus).toBe('SENT');
    const [limited, retried] = provider.to(chat.recipient);
    expect(limited.answeredStatus).toBe(429);
    expect(retried.answeredStatus).toBe(200);
    // The backoff alone would have come back after ~100 ms.
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(950);
  });

  it("Meta's throttling answered as 400 (code 80007) is retried, not a permanent refusal", async () => {
    const chat = await chatOn('FACEBOOK');
    provider.script(chat.recipient, [{ status: 400, code: 80007, message: 'There have been too many calls to this Messenger account.' }]);
    const state = await settledState((await reply(chat.id, 'Throttled once')).id);
    expect(state.deliveryStatus).toBe('SENT');
    expect(provider.to(chat.recipient).map((request) => request.answeredStatus)).toEqual([400, 200]);
  });

  it('a permanent refusal (400) is not retried: FAILED with the provider’s error code and message', async () => {
    const chat = await chatOn('WHATSAPP');
    provider.script(chat.recipient, [{ status: 400, code: 131026, message: 'Message undeliverable' }]);
    const sent = await reply(chat.id, 'To a number without WhatsApp');
    const state = await settledState(sent.id);
    await settle(300);
    expect(provider.to(chat.recipient)).toHaveLength(1);
    expect(state.deliveryStatus).toBe('FAILED');
    expect(state.deliveryError).toBe('131026: Message undeliverable');
    expect(state.externalId).toBeNull();
    expect(await outboxRow(sent.id)).toMatchObject({ status: 'FAILED', attempts: 1 });
    const event = await t.app.services.db.prisma.event.findFirst({
      where: { type: 'conversation.message.status', entityId: rawId(chat.id), payload: { path: ['deliveryStatus'], equals: 'FAILED' } },
    });
    expect(event).not.toBeNull();
  });

  it('an expired token (401) is permanent too', async () => {
    const chat = await chatOn('INSTAGRAM');
    provider.script(chat.recipient, [{ status: 401, code: 190, message: 'Error validating access token: Session has expired' }]);
    const state = await settledState((await reply(chat.id, 'Hi')).id);
    expect(state).toMatchObject({ deliveryStatus: 'FAILED', deliveryError: '190: Error validating access token: Session has expired' });
  });

  it('after OUTBOX_MAX_ATTEMPTS failed tries the reply is FAILED with the last error', async () => {
    const chat = await chatOn('WHATSAPP');
    provider.script(chat.recipient, Array.from({ length: 10 }, () => ({ status: 503, code: 2, message: 'Service temporarily unavailable' })));
    const sent = await reply(chat.id, 'Never gets through');
    const state = await settledState(sent.id);
    await settle(300);
    expect(provider.to(chat.recipient)).toHaveLength(7);
    expect(state).toMatchObject({ deliveryStatus: 'FAILED', deliveryError: '2: Service temporarily unavailable' });
  });

  it('a provider down for an hour: nothing is lost, the reply goes out once it is back', async () => {
    const chat = await chatOn('WHATSAPP');
    await provider.goDown();
    let messageId: string;
    try {
      messageId = (await reply(chat.id, 'Sent during the outage')).id;
      const id = rawId(messageId);
      await until('two refused attempts', async () => (await outboxRow(messageId)).attempts >= 2);
      // An hour of outage: the backoff has moved the next attempt far out. Set that schedule (only between attempts,
      // never under a running attempt's lease) instead of waiting for it.
      await until('the retry postponed by an hour', async () => {
        const postponed = await t.app.services.db.prisma.$executeRaw`
          UPDATE "OutboundChannelMessage" SET "nextAttemptAt" = now() + interval '1 hour'
           WHERE "conversationMessageId" = ${id}::uuid AND "status" = 'PENDING' AND "nextAttemptAt" < now() + interval '5 seconds'`;
        return postponed === 1;
      });
      const waiting = await outboxRow(messageId);
      expect(waiting.status).toBe('PENDING');
      expect(waiting.lastError).toMatch(/could not reach the provider/);
      expect((await messageState(messageId)).deliveryStatus).toBe('PENDING');
    } finally {
      await provider.resume();
    }
    expect(provider.to(chat.recipient)).toHaveLength(0);
    // The hour has passed: the retry comes due.
    await t.app.services.db.prisma.$executeRaw`UPDATE "OutboundChannelMessage" SET "nextAttemptAt" = now() WHERE "conversationMessageId" = ${rawId(messageId)}::uuid`;
    const state = await settledState(messageId);
    expect(state.deliveryStatus).toBe('SENT');
    expect(accepted(chat.recipient).map((request) => request.body.text.body)).toEqual(['Sent during the outage']);
  });

  it('the default schedule keeps trying for longer than an hour, with waits capped and jittered', () => {
    const base = 5000;
    const maxAttempts = 12;
    // The shortest schedule (every jitter at its low end) still outlasts an hour.
    let shortest = 0;
    for (let attempt = 1; attempt < maxAttempts; attempt++) shortest += outboxRetryDelayMs(attempt, base, () => 0);
    expect(shortest).toBeGreaterThan(60 * 60 * 1000);
    expect(outboxRetryDelayMs(30, base, () => 1)).toBe(Math.round(30 * 60 * 1000 * 1.25));
    expect(outboxRetryDelayMs(1, base, () => 0.5)).toBe(base);
  });
});

describe('the provider’s reply windows', () => {
  it('WhatsApp after 24 hours: free text refused naming the window; an approved template goes out; an unknown one is refused', async () => {
    const chat = await chatOn('WHATSAPP');
    clock.advance(24 * 60 + 1);
    const before = await t.app.services.db.prisma.conversationMessage.count({ where: { conversationId: rawId(chat.id) } });

    const refused = await send(chat.id, { body: 'Are you still there?' });
    expectError(refused, 'CONFLICT', 'input.template');
    expect(refused.errors![0].extensions).toMatchObject({ reason: 'WHATSAPP_CUSTOMER_SERVICE_WINDOW_CLOSED' });
    expect(refused.errors![0].message).toMatch(/24-hour customer service window closed at .* only an approved template/);

    const unknown = await send(chat.id, { template: { name: 'spring_sale', language: 'en_US', parameters: [] } });
    expectError(unknown, 'BAD_USER_INPUT', 'input.template.name');
    expect(unknown.errors![0].message).toMatch(/not an approved template.*order_update \(en_US\), order_update \(tr\)/);
    const wrongLanguage = await send(chat.id, { template: { name: 'order_update', language: 'de', parameters: [] } });
    expectError(wrongLanguage, 'BAD_USER_INPUT', 'input.template.name');
    expect(await t.app.services.db.prisma.conversationMessage.count({ where: { conversationId: rawId(chat.id) } })).toBe(before);

    const templated = await send(chat.id, { template: { name: 'order_update', language: 'tr', parameters: ['#1042', 'yarın'] } });
    expect(templated.errors).toBeUndefined();
    const message = templated.data!.sendConversationMessage;
    expect(message.metadata).toEqual({ template: { name: 'order_update', language: 'tr', parameters: ['#1042', 'yarın'] } });
    expect(message.body).toContain('order_update');
    expect((await settledState(message.id)).deliveryStatus).toBe('SENT');
    expect(provider.to(chat.recipient)[0].body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: chat.recipient,
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'tr' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: '#1042' }, { type: 'text', text: 'yarın' }] }],
      },
    });
  });

  it('WhatsApp within 24 hours: free text; a new customer message reopens the window', async () => {
    const chat = await chatOn('WHATSAPP');
    clock.advance(23 * 60 + 59);
    expect((await send(chat.id, { body: 'Still within the window' })).errors).toBeUndefined();
    clock.advance(2);
    expectError(await send(chat.id, { body: 'Too late' }), 'CONFLICT', 'input.template');
    await api.call(`mutation($i: AddCustomerConversationMessageInput!) { addCustomerConversationMessage(input: $i) { id } }`, {
      i: { conversationId: chat.id, body: 'Hello again' },
    });
    expect((await send(chat.id, { body: 'Welcome back' })).errors).toBeUndefined();
  });

  it('Messenger: after 24 hours with the HUMAN_AGENT tag, after 7 days refused', async () => {
    const chat = await chatOn('FACEBOOK');
    clock.advance(3 * 24 * 60);
    const late = await reply(chat.id, 'Sorry for the wait');
    await settledState(late.id);
    expect(provider.to(chat.recipient)[0].body).toEqual({
      recipient: { id: chat.recipient },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { text: 'Sorry for the wait' },
    });
    clock.advance(4 * 24 * 60);
    const refused = await send(chat.id, { body: 'Anyone?' });
    expectError(refused, 'CONFLICT', 'input.conversationId');
    expect(refused.errors![0].message).toMatch(/up to 7 days after the customer's last message/);
  });

  it('a template is for WhatsApp only; template and text together are refused', async () => {
    const messenger = await chatOn('FACEBOOK');
    expectError(await send(messenger.id, { template: { name: 'order_update', language: 'tr' } }), 'BAD_USER_INPUT', 'input.template');
    const live = await api.start(shop, { channel: 'LIVE_CHAT', customer: { name: 'Cem', email: uniqueEmail('cem') } });
    expectError(await send(live.id, { template: { name: 'order_update', language: 'tr' } }), 'BAD_USER_INPUT', 'input.template');
    const whatsapp = await chatOn('WHATSAPP');
    expectError(await send(whatsapp.id, { body: 'Hi', template: { name: 'order_update', language: 'tr' } }), 'BAD_USER_INPUT', 'input.body');
    expectError(await send(whatsapp.id, { template: { name: 'Order Update!', language: 'tr' } }), 'BAD_USER_INPUT');
  });
});

describe('refused before anything is written', () => {
  it('a product without the channel configured: a typed error, no message, no outbox row', async () => {
    const bare = (await api.call(`mutation { createProduct(input: { name: "Bare" }) { id } }`)).createProduct.id;
    const chat = await chatOn('INSTAGRAM', bare);
    const before = await t.app.services.db.prisma.conversationMessage.count({ where: { conversationId: rawId(chat.id) } });
    const refused = await send(chat.id, { body: 'Hello' });
    expectError(refused, 'CONFLICT', 'input.conversationId');
    expect(refused.errors![0].extensions).toMatchObject({ reason: 'CHANNEL_NOT_CONFIGURED' });
    expect(refused.errors![0].message).toMatch(/Instagram is not set up for this conversation's product/);
    expect(await t.app.services.db.prisma.conversationMessage.count({ where: { conversationId: rawId(chat.id) } })).toBe(before);
    expect(await t.app.services.db.prisma.outboundChannelMessage.count({ where: { conversationMessage: { conversationId: rawId(chat.id) } } })).toBe(0);

    await configure(bare, 'INSTAGRAM', { instagramAccountId: '1784' });
    expect((await send(chat.id, { body: 'Hello' })).errors![0].message).toMatch(/lacks accessToken/);
  });

  it('a customer without a handle on the channel', async () => {
    const chat = await api.start(shop, { channel: 'WHATSAPP', customer: { name: 'Mail only', email: uniqueEmail('mail') } });
    const refused = await send(chat.id, { body: 'Hello' });
    expectError(refused, 'CONFLICT', 'input.conversationId');
    expect(refused.errors![0].message).toMatch(/no WhatsApp number/);
  });

  it('two files on WhatsApp, or text with a file on Messenger', async () => {
    const file = (name: string) => ({ url: `https://files.example/${name}`, fileName: name, contentType: 'image/png', size: 10 });
    const whatsapp = await chatOn('WHATSAPP');
    expectError(await send(whatsapp.id, { body: '', attachments: [file('a.png'), file('b.png')] }), 'BAD_USER_INPUT', 'input.attachments');
    const messenger = await chatOn('FACEBOOK');
    expectError(await send(messenger.id, { body: 'Look', attachments: [file('a.png')] }), 'BAD_USER_INPUT', 'input.attachments');
    const image = await send(messenger.id, { body: '', attachments: [file('a.png')] });
    expect(image.errors).toBeUndefined();
    await settledState(image.data!.sendConversationMessage.id);
    expect(provider.to(messenger.recipient)[0].body.message).toEqual({ attachment: { type: 'image', payload: { url: 'https://files.example/a.png', is_reusable: false } } });
  });
});

const databaseUrl = testDatabaseUrl();
const redisUrl = inject('redisUrl');

describe.skipIf(!databaseUrl || !redisUrl)('two server processes sharing PostgreSQL', () => {
  let first: ServerProcess;
  let second: ServerProcess;

  beforeAll(async () => {
    // Only the two processes deliver now (this file's own app stops its outbox).
    await t.app.outbox.stop();
    const env = {
      DATABASE_URL: databaseUrl!,
      REDIS_URL: redisUrl!,
      META_GRAPH_API_URL: provider.url,
      OUTBOX_POLL_MS: '20',
      OUTBOX_RETRY_BASE_MS: '50',
      OUTBOX_MAX_ATTEMPTS: '6',
      OUTBOX_TIMEOUT_MS: '5000',
    };
    [first, second] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    provider.setLatency(0);
  });

  it('N replies written on either instance: the provider receives each exactly once', async () => {
    const signUp = await gqlOver(first.url, `mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { token user { id } } }`, {
      input: { name: 'Two Instances', adminName: 'Ops', adminEmail: uniqueEmail('ops'), adminPassword: PASSWORD },
    });
    const token = signUp.data.createWorkspace.token as string;
    const adminId = signUp.data.createWorkspace.user.id as string;
    const call = async (url: string, query: string, variables: Record<string, unknown> = {}) => {
      const result = await gqlOver(url, query, variables, token);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data;
    };
    const productId = (await call(first.url, `mutation { createProduct(input: { name: "Shop", channels: [WHATSAPP] }) { id } }`)).createProduct.id;
    const phoneNumberId = `9${Date.now()}`;
    await call(first.url, `mutation($i: ConfigureProductChannelInput!) { configureProductChannel(input: $i) { id } }`, {
      i: { productId, channel: 'WHATSAPP', enabled: true, settings: { ...SETTINGS.WHATSAPP, phoneNumberId } },
    });
    await call(first.url, `mutation($i: UpdateAgentChatSettingsInput!) { updateAgentChatSettings(input: $i) { maxConcurrentChats } }`, {
      i: { userId: adminId, maxConcurrentChats: 50 },
    });
    await call(first.url, `mutation { setPresence(input: { status: ONLINE }) { status } }`);
    provider.setLatency(30);

    const CONVERSATIONS = 10;
    const PER_CONVERSATION = 4;
    const chats = await Promise.all(
      Array.from({ length: CONVERSATIONS }, async (_, n) => {
        const number = newNumber();
        const started = await call(n % 2 ? first.url : second.url, `mutation($i: StartConversationInput!) { startConversation(input: $i) { id status } }`, {
          i: { productId, channel: 'WHATSAPP', customer: { name: `Customer ${n}`, whatsappNumber: number }, body: 'Hi' },
        });
        expect(started.startConversation.status).toBe('ACTIVE');
        // Every third customer's provider stumbles first: retries cross instances too.
        if (n % 3 === 0) provider.script(digits(number), [{ status: 500 }, { status: 502 }]);
        return { id: started.startConversation.id as string, recipient: digits(number) };
      }),
    );
    const bodies: string[] = [];
    await Promise.all(
      chats.map(async (chat, n) => {
        for (let k = 0; k < PER_CONVERSATION; k++) {
          const body = `Reply ${k} to customer ${n}`;
          bodies.push(body);
          await call((n + k) % 2 ? first.url : second.url, SEND, { i: { conversationId: chat.id, body } });
        }
      }),
    );
    const ours = () => provider.received.filter((request) => request.path === `/v21.0/${phoneNumberId}/messages`);
    await until('every reply accepted', () => ours().filter((request) => request.answeredStatus === 200).length >= bodies.length, 60_000);
    await settle(1000);

    const acceptedBodies = ours()
      .filter((request) => request.answeredStatus === 200)
      .map((request) => request.body.text.body)
      .sort();
    expect(acceptedBodies).toEqual([...bodies].sort());
    // Exactly the scripted failures were retried; nothing else was attempted twice.
    const failedFirst = chats.filter((_, n) => n % 3 === 0).length;
    expect(ours()).toHaveLength(bodies.length + 2 * failedFirst);
    for (const chat of chats) {
      expect(ours().filter((request) => request.recipient === chat.recipient && request.answeredStatus === 200).map((request) => request.body.text.body)).toEqual(
        Array.from({ length: PER_CONVERSATION }, (_, k) => `Reply ${k} to customer ${chats.indexOf(chat)}`),
      );
    }
    const messages = await call(
      second.url,
      `query($id: ID!) { conversation(id: $id) { messages { edges { node { authorKind deliveryStatus externalId } } } } }`,
      { id: chats[0].id },
    );
    const agentMessages = messages.conversation.messages.edges.map((edge: any) => edge.node).filter((node: any) => node.authorKind === 'AGENT');
    expect(agentMessages).toHaveLength(PER_CONVERSATION);
    expect(agentMessages.every((node: any) => node.deliveryStatus === 'SENT' && node.externalId?.startsWith('wamid.'))).toBe(true);
  }, 120_000);
});
