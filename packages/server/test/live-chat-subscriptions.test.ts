// Live chat over a real graphql-ws socket: a chat screen follows `conversationEvents`, a supervisor watches
// `chatQueue` counters move; neither ever hears of another workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server.js';
import { startTestApp, type TestApp, type Workspace } from './harness.js';
import { type Agent, chatApi } from './chat-setup.js';
import { subscribe } from './ws-client.js';

let t: TestApp;
let server: Awaited<ReturnType<typeof startServer>>;
let acme: Workspace;
let other: Workspace;
let api: ReturnType<typeof chatApi>;
let otherApi: ReturnType<typeof chatApi>;
let shop: string;
let otherShop: string;
let orders: string;
let ali: Agent;

beforeAll(async () => {
  t = await startTestApp();
  server = await startServer(t.app, { port: 0, host: '127.0.0.1' });
  acme = await t.signUp('Acme');
  other = await t.signUp('Other');
  api = chatApi(t.gql, acme);
  otherApi = chatApi(t.gql, other);
  shop = await api.product('Shop');
  orders = await api.topic(shop, 'Orders');
  otherShop = await otherApi.product('Shop');
  ali = await api.agent('Ali');
  await api.settings(ali, { maxConcurrentChats: 1 });
});
afterAll(async () => {
  await server.close();
  await t.stop();
});

const EVENTS = `subscription($c: ID, $p: ID) { conversationEvents(conversationId: $c, productId: $p) {
  type conversation { id status assigneeUser { id } } message { body authorKind }
} }`;
type EventData = { conversationEvents: { type: string; conversation: { id: string; status: string; assigneeUser: { id: string } | null }; message: { body: string; authorKind: string } | null } };
const QUEUE = `subscription($p: ID) { chatQueue(productId: $p) { waiting onlineAgents queued { id } } }`;
type QueueData = { chatQueue: { waiting: number; onlineAgents: number; queued: { id: string }[] } };

/** The error a refused subscription reports (graphql-ws sends it as the operation's error). */
async function refusal(feed: { errors: unknown[] }) {
  const deadline = Date.now() + 5000;
  while (feed.errors.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return JSON.stringify(feed.errors);
}

async function until<T>(feed: { next(ms?: number): Promise<T> }, done: (value: T) => boolean, timeoutMs = 10_000) {
  for (;;) {
    const value = await feed.next(timeoutMs);
    if (done(value)) return value;
  }
}

describe('conversationEvents', () => {
  it('follows one conversation: assigned, messages both ways, resolved', async () => {
    await api.setPresence(ali, 'ONLINE');
    const chat = await api.start(shop, { body: 'Hi' });
    const feed = subscribe<EventData>(server.url, ali.token, EVENTS, { c: chat.id });
    // A subscription is live once it has heard something: write until the first message arrives.
    for (;;) {
      await api.call(`mutation($i: AddCustomerConversationMessageInput!) { addCustomerConversationMessage(input: $i) { id } }`, { i: { conversationId: chat.id, body: 'ping' } });
      try {
        await feed.next(500);
        break;
      } catch {
        /* not live yet */
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    feed.skipReceived();
    await api.send(chat.id, 'Hello, how can I help?', ali.token);
    const message = (await feed.next()).conversationEvents;
    expect(message).toMatchObject({ type: 'MESSAGE', message: { body: 'Hello, how can I help?', authorKind: 'AGENT' }, conversation: { id: chat.id, status: 'ACTIVE' } });
    await api.resolve(chat.id, orders, ali.token);
    const kinds = [];
    for (;;) {
      const event = (await feed.next()).conversationEvents;
      kinds.push(event.type);
      if (event.type === 'RESOLVED') {
        expect(event.conversation.status).toBe('RESOLVED');
        break;
      }
    }
    expect(kinds).toEqual(['MESSAGE', 'RESOLVED']);
    await feed.dispose();
    await api.setPresence(ali, 'OFFLINE');
  });

  it('narrowed to a product: only its conversations, every channel', async () => {
    const bank = await api.product('Bank');
    const feed = subscribe<EventData>(server.url, acme.token, EVENTS, { p: bank });
    let bankChat: string | null = null;
    for (;;) {
      await api.start(shop, { body: 'shop chat' });
      bankChat = (await api.start(bank, { channel: 'WHATSAPP', body: 'bank chat' })).id;
      try {
        await until(feed, (data) => data.conversationEvents.conversation.id === bankChat, 1000);
        break;
      } catch {
        /* retry until live */
      }
    }
    await feed.settle(500);
    const ids = new Set(feed.received.map((data) => data.conversationEvents.conversation.id));
    expect(JSON.stringify(feed.received)).not.toContain('shop chat');
    expect(ids.has(bankChat)).toBe(true);
    await feed.dispose();
  });

  it('never delivers another workspace’s conversations, and refuses their ids', async () => {
    const feed = subscribe<EventData>(server.url, acme.token, EVENTS, {});
    const otherAgent = await otherApi.agent('Zed');
    await otherApi.setPresence(otherAgent, 'ONLINE');
    // Acme's own conversation proves the feed is live; the other workspace's, started meanwhile, must not arrive.
    let mine: string | null = null;
    for (;;) {
      await otherApi.start(otherShop, { body: 'secret of Other' });
      mine = (await api.start(shop, { body: 'acme' })).id;
      try {
        await until(feed, (data) => data.conversationEvents.conversation.id === mine, 1000);
        break;
      } catch {
        /* retry */
      }
    }
    const settled = await feed.settle(800);
    expect(JSON.stringify(feed.received)).not.toContain('secret of Other');
    expect(settled.every((data) => data.conversationEvents.conversation.id === mine)).toBe(true);
    await feed.dispose();

    const theirs = await otherApi.start(otherShop);
    const refused = subscribe<EventData>(server.url, acme.token, EVENTS, { c: theirs.id });
    expect(await refusal(refused)).toMatch(/Conversation not found/);
    await refused.dispose();
  });
});

describe('chatQueue subscription', () => {
  it('sends the counters now and whenever they change', async () => {
    const ws = await t.signUp('Queue');
    const q = chatApi(t.gql, ws);
    const product = await q.product('Shop');
    const topic = await q.topic(product, 'Orders');
    const can = await q.agent('Can');
    await q.settings(can, { maxConcurrentChats: 1 });
    const feed = subscribe<QueueData>(server.url, ws.token, QUEUE, {});
    expect((await feed.next(10_000)).chatQueue).toEqual({ waiting: 0, onlineAgents: 0, queued: [] });
    const c1 = await q.start(product);
    expect((await until(feed, (d) => d.chatQueue.waiting === 1)).chatQueue).toEqual({ waiting: 1, onlineAgents: 0, queued: [{ id: c1.id }] });
    await q.setPresence(can, 'ONLINE');
    // Coming ONLINE takes the waiting conversation in the same change.
    expect((await until(feed, (d) => d.chatQueue.onlineAgents === 1)).chatQueue).toEqual({ waiting: 0, onlineAgents: 1, queued: [] });
    const c2 = await q.start(product);
    expect((await until(feed, (d) => d.chatQueue.waiting === 1)).chatQueue.queued).toEqual([{ id: c2.id }]);
    await q.resolve(c1.id, topic, can.token);
    expect((await until(feed, (d) => d.chatQueue.waiting === 0)).chatQueue).toEqual({ waiting: 0, onlineAgents: 1, queued: [] });
    await feed.dispose();
  });

  it('never counts another workspace, and refuses its product', async () => {
    const feed = subscribe<QueueData>(server.url, other.token, QUEUE, {});
    const first = (await feed.next(10_000)).chatQueue;
    // Acme queues conversations; Other's counters do not move.
    await api.setPresence(ali, 'OFFLINE');
    await api.start(shop);
    await api.start(shop);
    const settled = await feed.settle(1000);
    expect(settled.every((data) => data.chatQueue.waiting === first.waiting)).toBe(true);
    expect(JSON.stringify(feed.received)).not.toContain(shop);
    await feed.dispose();
    const refused = subscribe<QueueData>(server.url, other.token, QUEUE, { p: shop });
    expect(await refusal(refused)).toMatch(/Product not found/);
    await refused.dispose();
  });
});
