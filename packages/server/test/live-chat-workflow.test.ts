// An agent's day with live chats: messages both ways, resolving with a topic, transfers, reactivation within the
// channel's window, converting a chat into a ticket, and the archive with its filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawId, startTestApp, type TestApp, testClock, uniqueEmail, type Workspace } from './harness.js';
import { type Agent, chatApi, expectError } from './chat-setup.js';

const clock = testClock('2026-11-30T08:00:00Z');
let t: TestApp;
let acme: Workspace;
let api: ReturnType<typeof chatApi>;
let shop: string;
let bank: string;
let orders: string;
let cards: string;
let ali: Agent;
let oya: Agent;
let sue: Agent;

beforeAll(async () => {
  t = await startTestApp({}, { clock });
  acme = await t.signUp('Acme');
  api = chatApi(t.gql, acme);
  shop = await api.product('Shop');
  bank = await api.product('Bank');
  orders = await api.topic(shop, 'Orders');
  cards = await api.topic(bank, 'Cards');
  ali = await api.agent('Ali');
  oya = await api.agent('Oya');
  sue = await api.agent('Sue', 'SUPERVISOR');
  await api.settings(ali, { maxConcurrentChats: 50 });
  await api.setPresence(ali, 'ONLINE');
});
afterAll(() => t.stop());

const MESSAGES = `query($id: ID!) { conversation(id: $id) { status firstResponseAt messages { edges { node { kind authorKind body authorUser { id } attachments { fileName url size contentType } } } } } }`;
const messagesOf = async (id: string) => (await api.call(MESSAGES, { id })).conversation.messages.edges.map((edge: any) => edge.node);

describe('messages', () => {
  it('customer and agent write; the first reply of the assignee is the first response; system messages tell what happened', async () => {
    const chat = await api.start(shop, { body: 'Where is my order?' });
    expect(chat.assigneeUser?.id).toBe(ali.id);
    clock.advance(3);
    await api.call(
      `mutation($i: AddCustomerConversationMessageInput!) { addCustomerConversationMessage(input: $i) { id } }`,
      { i: { conversationId: chat.id, body: 'Here is the receipt', attachments: [{ url: 'https://files.example/r.pdf', fileName: 'r.pdf', contentType: 'application/pdf', size: 1200 }] } },
    );
    clock.advance(2);
    await api.send(chat.id, 'Let me check.', ali.token);
    const messages = await messagesOf(chat.id);
    expect(messages.map((m: any) => [m.kind, m.authorKind, m.body])).toEqual([
      ['TEXT', 'CUSTOMER', 'Where is my order?'],
      ['EVENT', 'SYSTEM', 'Ali joined the conversation.'],
      ['ATTACHMENT', 'CUSTOMER', 'Here is the receipt'],
      ['TEXT', 'AGENT', 'Let me check.'],
    ]);
    expect(messages[2].attachments).toEqual([{ url: 'https://files.example/r.pdf', fileName: 'r.pdf', contentType: 'application/pdf', size: 1200 }]);
    const firstResponse = await t.app.services.db.prisma.conversationActivity.findMany({ where: { conversationId: rawId(chat.id), kind: 'FIRST_RESPONSE' } });
    expect(firstResponse.map((row) => [row.userId, row.durationSeconds])).toEqual([[rawId(ali.id), 300]]);
    // A second reply is no first response.
    await api.send(chat.id, 'Found it.', ali.token);
    expect(await t.app.services.db.prisma.conversationActivity.count({ where: { conversationId: rawId(chat.id), kind: 'FIRST_RESPONSE' } })).toBe(1);
  });

  it('only the assignee or a supervisor writes, and only while ACTIVE', async () => {
    const chat = await api.start(shop);
    const send = (token: string) => api.raw(`mutation($i: SendConversationMessageInput!) { sendConversationMessage(input: $i) { id } }`, { i: { conversationId: chat.id, body: 'hi' } }, token);
    expectError(await send(oya.token), 'FORBIDDEN');
    expect((await send(sue.token)).errors).toBeUndefined();
    await api.resolve(chat.id, orders, ali.token);
    expectError(await send(ali.token), 'CONFLICT', 'input.conversationId');
    expectError(await api.raw(`mutation($i: SendConversationMessageInput!) { sendConversationMessage(input: $i) { id } }`, { i: { conversationId: chat.id, body: '  ' } }, sue.token), 'BAD_USER_INPUT');
  });

  it('startConversation refuses ticket channels and needs a way to reach the customer', async () => {
    const start = (input: Record<string, unknown>) =>
      api.raw(`mutation($i: StartConversationInput!) { startConversation(input: $i) { id } }`, { i: { productId: shop, channel: 'LIVE_CHAT', customer: { name: 'X', email: uniqueEmail('x') }, ...input } });
    expectError(await start({ channel: 'EMAIL' }), 'BAD_USER_INPUT', 'input.channel');
    expectError(await start({ customer: { name: 'Nobody' } }), 'BAD_USER_INPUT', 'input.customer.email');
  });

  it('finds the customer by e-mail, phone or handle within the workspace', async () => {
    const email = uniqueEmail('deniz');
    const first = await api.call(`mutation($i: StartConversationInput!) { startConversation(input: $i) { customer { id } } }`, {
      i: { productId: shop, channel: 'INSTAGRAM', customer: { name: 'Deniz', instagramId: `ig-${email}` } },
    });
    const again = await api.call(`mutation($i: StartConversationInput!) { startConversation(input: $i) { customer { id instagramId } } }`, {
      i: { productId: bank, channel: 'INSTAGRAM', customer: { name: 'Deniz D.', instagramId: `ig-${email}` } },
    });
    expect(again.startConversation.customer.id).toBe(first.startConversation.customer.id);
  });
});

describe('resolving', () => {
  it('needs a topic of the conversation’s product', async () => {
    const chat = await api.start(shop);
    const resolve = (topicId: string | null) =>
      api.raw(`mutation($i: ResolveConversationInput!) { resolveConversation(input: $i) { status topic { id } resolvedAt } }`, { i: { conversationId: chat.id, topicId } }, ali.token);
    expectError(await resolve(null), 'BAD_USER_INPUT', 'input.topicId');
    expectError(await resolve(cards), 'BAD_USER_INPUT', 'input.topicId');
    const resolved = await resolve(orders);
    expect(resolved.data!.resolveConversation).toMatchObject({ status: 'RESOLVED', topic: { id: orders } });
    expect((await messagesOf(chat.id)).at(-1)).toMatchObject({ kind: 'EVENT', body: 'Ali resolved the conversation.' });
    expectError(await resolve(orders), 'CONFLICT', 'input.conversationId');
  });

  it('an agent who does not hold it cannot resolve it', async () => {
    const chat = await api.start(shop);
    expectError(await api.raw(`mutation($i: ResolveConversationInput!) { resolveConversation(input: $i) { id } }`, { i: { conversationId: chat.id, topicId: orders } }, oya.token), 'FORBIDDEN');
  });

  it('the customer ends a chat: it is archived without a topic, and the agent can classify it afterwards', async () => {
    const chat = await api.start(shop);
    const ended = await api.call(`mutation($i: EndConversationInput!) { endConversation(input: $i) { status endedByCustomerAt topic { id } } }`, { i: { conversationId: chat.id } });
    expect(ended.endConversation).toMatchObject({ status: 'RESOLVED', topic: null });
    expect(ended.endConversation.endedByCustomerAt).toBeTruthy();
    expect((await messagesOf(chat.id)).at(-1).body).toBe('The customer ended the conversation.');
    expect((await api.resolve(chat.id, orders, ali.token)).status).toBe('RESOLVED');
    expect((await api.conversation(chat.id)).topic).toEqual({ id: orders });
  });
});

describe('transferring', () => {
  const transfer = (conversationId: string, toUserId: string, token: string) =>
    api.raw(`mutation($i: TransferConversationInput!) { transferConversation(input: $i) { status assigneeUser { id } } }`, { i: { conversationId, toUserId } }, token);

  it('hands the chat to an ONLINE agent; counted as TRANSFERRED for the one who had it', async () => {
    const chat = await api.start(shop);
    expect(chat.assigneeUser?.id).toBe(ali.id);
    await api.setPresence(oya, 'ONLINE');
    // The test clock stands still: move it, so the first assignment is ordered before the transfer by time.
    clock.advance(1);
    try {
      const moved = await transfer(chat.id, oya.id, ali.token);
      expect(moved.data!.transferConversation).toEqual({ status: 'ACTIVE', assigneeUser: { id: oya.id } });
      const rows = await t.app.services.db.prisma.conversationActivity.findMany({ where: { conversationId: rawId(chat.id) }, orderBy: { at: 'asc' } });
      const activity = rows.map((row) => [row.kind, row.userId]);
      expect(activity[0]).toEqual(['ASSIGNED', rawId(ali.id)]);
      // The transfer writes both of its rows at one instant: their order among themselves is not defined.
      expect(activity.slice(1).sort()).toEqual([
        ['ASSIGNED', rawId(oya.id)],
        ['TRANSFERRED', rawId(ali.id)],
      ]);
      expect((await messagesOf(chat.id)).at(-1).body).toBe('The conversation was transferred from Ali to Oya.');
    } finally {
      await api.setPresence(oya, 'OFFLINE');
    }
  });

  it('refuses an agent who is not ONLINE, and one of another workspace', async () => {
    const chat = await api.start(shop);
    const refused = await transfer(chat.id, oya.id, ali.token);
    expectError(refused, 'BAD_USER_INPUT', 'input.toUserId');
    expect(refused.errors![0].message).toMatch(/Oya is OFFLINE; conversations can only be transferred to an ONLINE agent/);
    const other = await t.signUp('Other');
    await api.call(`mutation { setPresence(input: { status: ONLINE }) { status } }`, {}, other.token);
    expectError(await transfer(chat.id, other.adminId, ali.token), 'NOT_FOUND', 'input.toUserId');
    expect(await api.conversation(chat.id)).toMatchObject({ assigneeUser: { id: ali.id } });
  });
});

describe('reactivating', () => {
  const reactivate = (conversationId: string, token: string) =>
    api.raw(`mutation($i: ReactivateConversationInput!) { reactivateConversation(input: $i) { status assigneeUser { id } reactivatableUntil } }`, { i: { conversationId } }, token);

  async function resolvedChat(channel: string) {
    clock.set('2026-12-01T10:00:00Z');
    const chat = await api.start(shop, { channel });
    await api.resolve(chat.id, orders, ali.token);
    return chat;
  }

  it('WhatsApp within 24 hours of the customer’s last message, to the agent reactivating it', async () => {
    const chat = await resolvedChat('WHATSAPP');
    expect((await api.call(`query($id: ID!) { conversation(id: $id) { reactivatableUntil } }`, { id: chat.id })).conversation.reactivatableUntil).toBe('2026-12-02T10:00:00.000Z');
    clock.set('2026-12-02T09:59:00Z');
    await api.setPresence(oya, 'ONLINE');
    const done = await reactivate(chat.id, oya.token);
    expect(done.data!.reactivateConversation).toEqual({ status: 'ACTIVE', assigneeUser: { id: oya.id }, reactivatableUntil: null });
    expect(await t.app.services.db.prisma.conversationActivity.count({ where: { conversationId: rawId(chat.id), kind: 'REACTIVATED', userId: rawId(oya.id) } })).toBe(1);
    await api.setPresence(oya, 'OFFLINE');
  });

  it('WhatsApp after 24 hours is refused, naming the window', async () => {
    const chat = await resolvedChat('WHATSAPP');
    clock.set('2026-12-02T10:01:00Z');
    const refused = await reactivate(chat.id, ali.token);
    expectError(refused, 'CONFLICT', 'input.conversationId');
    expect(refused.errors![0].message).toMatch(/within 24 hours of the customer's last message/);
  });

  it('Facebook and Instagram within 7 days; live chat without a window', async () => {
    const facebook = await resolvedChat('FACEBOOK');
    clock.set('2026-12-08T09:00:00Z');
    expect((await reactivate(facebook.id, ali.token)).data!.reactivateConversation.status).toBe('ACTIVE');
    const instagram = await resolvedChat('INSTAGRAM');
    clock.set('2026-12-08T10:00:01Z');
    expect((await reactivate(instagram.id, ali.token)).errors![0].message).toMatch(/within 7 days/);
    const live = await resolvedChat('LIVE_CHAT');
    clock.set('2027-03-01T10:00:00Z');
    expect((await reactivate(live.id, ali.token)).data!.reactivateConversation.status).toBe('ACTIVE');
  });

  it('only a RESOLVED conversation', async () => {
    const chat = await api.start(shop);
    expectError(await reactivate(chat.id, ali.token), 'CONFLICT', 'input.conversationId');
  });
});

describe('converting to a ticket', () => {
  const convert = (conversationId: string, customerEmail: string) =>
    api.raw(
      `mutation($i: ConvertConversationToTicketInput!) { convertConversationToTicket(input: $i) {
        conversation { id ticket { id } }
        ticket { id channel subject customer { id email } conversation { id } messages { edges { node { body authorKind } } } }
      } }`,
      { i: { conversationId, customerEmail } },
    );

  it('a resolved chat becomes a ticket on its channel with the transcript, linked both ways; only once', async () => {
    clock.set('2026-12-10T12:00:00Z');
    // The agent's reply goes to WhatsApp through the outbox, so the product needs its WhatsApp number configured.
    await api.call(`mutation($i: ConfigureProductChannelInput!) { configureProductChannel(input: $i) { id } }`, {
      i: { productId: shop, channel: 'WHATSAPP', enabled: true, settings: { phoneNumberId: '1055', accessToken: 'test-token' } },
    });
    const chat = await api.start(shop, { channel: 'WHATSAPP', customer: { name: 'Elif', whatsappNumber: '+90 555 111 2233' }, body: 'My card was charged twice' });
    await api.send(chat.id, 'I will refund one.', ali.token);
    expectError(await convert(chat.id, 'elif@example.test'), 'CONFLICT', 'input.conversationId');
    await api.resolve(chat.id, orders, ali.token);
    const email = uniqueEmail('elif');
    const done = (await convert(chat.id, email)).data!.convertConversationToTicket;
    expect(done.conversation.ticket.id).toBe(done.ticket.id);
    expect(done.ticket.conversation.id).toBe(chat.id);
    expect(done.ticket).toMatchObject({ channel: 'WHATSAPP', subject: 'Chat with Elif', customer: { email } });
    const transcript = done.ticket.messages.edges[0].node.body;
    expect(transcript).toContain('[2026-12-10 12:00 UTC] Elif: My card was charged twice');
    expect(transcript).toContain('Ali: I will refund one.');
    expect(transcript).toContain('Ali resolved the conversation.');
    // The conversation's customer (who had no e-mail) got this one: the ticket is theirs.
    const customer = (await api.call(`query($id: ID!) { conversation(id: $id) { customer { id email } } }`, { id: chat.id })).conversation.customer;
    expect(customer).toEqual({ id: done.ticket.customer.id, email });
    expectError(await convert(chat.id, email), 'CONFLICT', 'input.conversationId');
  });
});

describe('the archive', () => {
  it('filters by status, agent, team, topic, channel, product, date range and customer details, newest first', async () => {
    const ws = await t.signUp('Archive');
    const a = chatApi(t.gql, ws);
    const p1 = await a.product('Shop');
    const p2 = await a.product('Bank');
    const t1 = await a.topic(p1, 'Orders');
    const t2 = await a.topic(p2, 'Cards');
    const can = await a.agent('Can');
    const ece = await a.agent('Ece');
    const team = (await a.call(`mutation($m: [ID!]) { createTeam(input: { name: "Day", memberIds: $m }) { id } }`, { m: [ece.id] })).createTeam.id;
    await a.setPresence(can, 'ONLINE');
    clock.set('2026-12-20T09:00:00Z');
    const c1 = await a.start(p1, { channel: 'WHATSAPP', customer: { name: 'Fatma Yıldız', phone: '+90 555 000 0001' } });
    await a.resolve(c1.id, t1, can.token);
    await a.setPresence(can, 'OFFLINE');
    await a.setPresence(ece, 'ONLINE');
    clock.set('2026-12-21T09:00:00Z');
    const c2 = await a.start(p2, { channel: 'FACEBOOK', customer: { name: 'Gül', facebookId: 'fb-gul-42' } });
    await a.resolve(c2.id, t2, ece.token);
    clock.set('2026-12-22T09:00:00Z');
    const c3 = await a.start(p1, { channel: 'LIVE_CHAT', customer: { name: 'Hakan', email: uniqueEmail('hakan') } });
    const list = async (filter: Record<string, unknown>) =>
      (await a.call(`query($f: ConversationFilter) { conversations(filter: $f) { edges { node { id channel createdAt customer { name phone facebookId } } } } }`, { f: filter })).conversations.edges.map(
        (edge: any) => edge.node.id,
      );
    expect(await list({})).toEqual([c3.id, c2.id, c1.id]);
    expect(await list({ statuses: ['RESOLVED'] })).toEqual([c2.id, c1.id]);
    expect(await list({ assigneeUserIds: [can.id] })).toEqual([c1.id]);
    expect(await list({ teamIds: [team] })).toEqual([c3.id, c2.id]);
    expect(await list({ topicIds: [t2] })).toEqual([c2.id]);
    expect(await list({ channels: ['WHATSAPP', 'LIVE_CHAT'] })).toEqual([c3.id, c1.id]);
    expect(await list({ productIds: [p1] })).toEqual([c3.id, c1.id]);
    expect(await list({ from: '2026-12-21T00:00:00Z', to: '2026-12-22T00:00:00Z' })).toEqual([c2.id]);
    expect(await list({ search: 'fb-gul' })).toEqual([c2.id]);
    expect(await list({ search: 'yıldız' })).toEqual([c1.id]);
    expect(await list({ search: '555 000' })).toEqual([c1.id]);
    // Another workspace's archive is not this one's.
    expect(await chatApi(t.gql, acme).call(`query($f: ConversationFilter) { conversations(filter: $f) { edges { node { id } } } }`, { f: { productIds: [p1] } })).toEqual({
      conversations: { edges: [] },
    });
  });
});
