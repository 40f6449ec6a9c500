// An agent sends a FAILED WhatsApp/Messenger reply again (retryChannelReply): the outbox tries afresh and the provider
// gets it; only the conversation's agent or a supervisor may; a reply that is not FAILED, or whose provider window has
// closed meanwhile (WhatsApp free text after 24 hours, Messenger after 7 days), is refused with a typed error.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, chatApi, expectError } from './chat-setup.js';
import { type FakeMetaProvider, startFakeMetaProvider } from './fake-meta-provider.js';
import { rawId, startTestApp, type TestApp, testClock, type Workspace } from './harness.js';

const clock = testClock(new Date());
let t: TestApp;
let provider: FakeMetaProvider;
let acme: Workspace;
let api: ReturnType<typeof chatApi>;
let agent: Agent;
let shop: string;

const SETTINGS = {
  WHATSAPP: { phoneNumberId: '106540352242922', accessToken: 'wa-token-retry', verifyToken: 'v', appSecret: 's', templates: [{ name: 'order_update', language: 'en_US' }] },
  FACEBOOK: { pageId: '224466880011', accessToken: 'fb-page-token', verifyToken: 'v', appSecret: 's' },
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

const newNumber = () => `+90 5${String(randomBytes(4).readUInt32BE() % 1_000_000_000).padStart(9, '0')}`;

async function chatOn(channel: 'WHATSAPP' | 'FACEBOOK') {
  const handle = channel === 'WHATSAPP' ? newNumber() : `psid${randomBytes(6).toString('hex')}`;
  const key = channel === 'WHATSAPP' ? 'whatsappNumber' : 'facebookId';
  const chat = await api.start(shop, { channel, customer: { name: 'Deniz', [key]: handle }, body: 'Where is my parcel?' });
  expect(chat.status).toBe('ACTIVE');
  return { id: chat.id, recipient: channel === 'WHATSAPP' ? handle.replace(/\D/g, '') : handle };
}

const SEND = `mutation($i: SendConversationMessageInput!) { sendConversationMessage(input: $i) { id deliveryStatus } }`;
const RETRY = `mutation($i: RetryChannelReplyInput!) { retryChannelReply(input: $i) { id deliveryStatus deliveryError } }`;
const retry = (messageId: string, token = agent.token) => api.raw(RETRY, { i: { messageId } }, token);

const MESSAGE = `query($id: ID!) { node(id: $id) { ... on ConversationMessage { deliveryStatus deliveryError } } }`;
const messageState = async (id: string) => (await api.call(MESSAGE, { id })).node as { deliveryStatus: string; deliveryError: string | null };
const settled = (id: string) =>
  until(`message ${id} delivered or failed`, async () => {
    const state = await messageState(id);
    return state.deliveryStatus === 'SENT' || state.deliveryStatus === 'FAILED' ? state : null;
  });
const outboxRow = (messageId: string) => t.app.services.db.prisma.outboundChannelMessage.findUniqueOrThrow({ where: { conversationMessageId: rawId(messageId) } });

/** A reply the provider refuses for good (400), so it ends FAILED. */
async function failedReply(chat: { id: string; recipient: string }, body = 'Your parcel left today.') {
  provider.script(chat.recipient, [{ status: 400, code: 131026, message: 'Message undeliverable' }]);
  const sent = await api.raw(SEND, { i: { conversationId: chat.id, body } }, agent.token);
  expect(sent.errors, JSON.stringify(sent.errors)).toBeUndefined();
  const id = (sent.data as any).sendConversationMessage.id as string;
  expect(await settled(id)).toMatchObject({ deliveryStatus: 'FAILED', deliveryError: '131026: Message undeliverable' });
  return id;
}

beforeAll(async () => {
  provider = await startFakeMetaProvider();
  t = await startTestApp({ META_GRAPH_API_URL: provider.url, OUTBOX_POLL_MS: '50', OUTBOX_RETRY_BASE_MS: '100', OUTBOX_TIMEOUT_MS: '1500' }, { clock });
  acme = await t.signUp('Acme');
  api = chatApi(t.gql, acme);
  agent = { id: acme.adminId, token: acme.token, name: 'Ayşe Admin' };
  shop = (await api.call(`mutation { createProduct(input: { name: "Shop", channels: [WHATSAPP, FACEBOOK, LIVE_CHAT] }) { id } }`)).createProduct.id;
  for (const channel of ['WHATSAPP', 'FACEBOOK'] as const) {
    await api.call(`mutation($i: ConfigureProductChannelInput!) { configureProductChannel(input: $i) { id } }`, {
      i: { productId: shop, channel, enabled: true, settings: SETTINGS[channel] },
    });
  }
  await api.settings(agent, { maxConcurrentChats: 50 });
  await api.setPresence(agent, 'ONLINE');
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await provider?.close();
});

describe('retryChannelReply', () => {
  it('a FAILED WhatsApp reply goes back to PENDING with fresh attempts, the status event is written, and the provider gets it', async () => {
    const chat = await chatOn('WHATSAPP');
    const id = await failedReply(chat);
    const result = await retry(id);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect((result.data as any).retryChannelReply).toMatchObject({ id, deliveryStatus: 'PENDING', deliveryError: null });
    expect(await settled(id)).toMatchObject({ deliveryStatus: 'SENT', deliveryError: null });
    expect(provider.to(chat.recipient).map((request) => request.answeredStatus)).toEqual([400, 200]);
    expect(await outboxRow(id)).toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
    const statuses = await t.app.services.db.prisma.event.findMany({
      where: { type: 'conversation.message.status', entityId: rawId(chat.id) },
      orderBy: { id: 'asc' },
    });
    expect(statuses.map((event) => (event.payload as { deliveryStatus: string }).deliveryStatus)).toEqual(['FAILED', 'PENDING', 'SENT']);
  });

  it('refused with CONFLICT NOT_FAILED for a reply that was delivered, and BAD_USER_INPUT for a customer message', async () => {
    const chat = await chatOn('WHATSAPP');
    const sent = await api.raw(SEND, { i: { conversationId: chat.id, body: 'On its way.' } }, agent.token);
    const id = (sent.data as any).sendConversationMessage.id as string;
    expect(await settled(id)).toMatchObject({ deliveryStatus: 'SENT' });
    const refused = await retry(id);
    expectError(refused, 'CONFLICT', 'input.messageId');
    expect(refused.errors![0].extensions!.reason).toBe('NOT_FAILED');

    const customerMessage = await t.app.services.db.prisma.conversationMessage.findFirstOrThrow({
      where: { conversationId: rawId(chat.id), authorKind: 'CUSTOMER' },
    });
    const notAReply = await retry(Buffer.from(`ConversationMessage:${customerMessage.id}`).toString('base64'));
    expectError(notAReply, 'BAD_USER_INPUT', 'input.messageId');
  });

  it("only the conversation's agent or a supervisor may; another workspace gets NOT_FOUND", async () => {
    const chat = await chatOn('WHATSAPP');
    const id = await failedReply(chat);
    const colleague = await api.agent('colleague');
    expectError(await retry(id, colleague.token), 'FORBIDDEN');
    const other = await t.signUp('Other');
    expectError(await chatApi(t.gql, other).raw(RETRY, { i: { messageId: id } }), 'NOT_FOUND', 'input.messageId');
    expect(await outboxRow(id)).toMatchObject({ status: 'FAILED' });
  });

  it("Messenger past 24 hours is sent again with the HUMAN_AGENT tag; past 7 days it is refused (MESSAGING_WINDOW_CLOSED)", async () => {
    const chat = await chatOn('FACEBOOK');
    const id = await failedReply(chat);
    clock.advance(2 * 24 * 60);
    expect((await retry(id)).errors).toBeUndefined();
    expect(await settled(id)).toMatchObject({ deliveryStatus: 'SENT' });
    const [, resent] = provider.to(chat.recipient);
    expect(resent.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'Your parcel left today.' } });

    const late = await chatOn('FACEBOOK');
    const lateId = await failedReply(late);
    clock.advance(8 * 24 * 60);
    const refused = await retry(lateId);
    expectError(refused, 'CONFLICT', 'input.messageId');
    expect(refused.errors![0].extensions).toMatchObject({ reason: 'MESSAGING_WINDOW_CLOSED', windowClosedAt: expect.any(String) });
    expect(await outboxRow(lateId)).toMatchObject({ status: 'FAILED' });
  });

  it("WhatsApp free text after the 24-hour window closed is refused; the reply stays FAILED", async () => {
    const chat = await chatOn('WHATSAPP');
    const id = await failedReply(chat);
    clock.advance(25 * 60);
    const refused = await retry(id);
    expectError(refused, 'CONFLICT', 'input.messageId');
    expect(refused.errors![0].extensions).toMatchObject({ reason: 'WHATSAPP_CUSTOMER_SERVICE_WINDOW_CLOSED', windowClosedAt: expect.any(String) });
    expect(await outboxRow(id)).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(await messageState(id)).toMatchObject({ deliveryStatus: 'FAILED' });
  });
});
