// A customer chats from the web widget: a public visitor session, a conversation with an agent over real graphql-ws
// sockets on both sides, the agent's status seen by the customer, ending the chat, and the visitor's limits: their own
// conversations only, no agent field, a message rate counted in the database, sessions per address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { startServer } from '../src/server.js';
import { type Agent, chatApi, expectError } from './chat-setup.js';
import { type GraphQLResponse, startTestApp, type TestApp, testClock, type Workspace } from './harness.js';
import { type Subscription, subscribe, untilLive } from './ws-client.js';

const clock = testClock('2026-11-30T09:00:00Z');
const SESSIONS_PER_MINUTE = 5;
const MESSAGES_PER_WINDOW = 20;
let t: TestApp;
let server: Awaited<ReturnType<typeof startServer>>;
let acme: Workspace;
let api: ReturnType<typeof chatApi>;
let shop: string;
let okan: Agent;

beforeAll(async () => {
  t = await startTestApp(
    { VISITOR_SESSIONS_PER_MINUTE: String(SESSIONS_PER_MINUTE), VISITOR_MESSAGES_PER_WINDOW: String(MESSAGES_PER_WINDOW), TRUST_PROXY: 'true' },
    { clock },
  );
  server = await startServer(t.app, { port: 0, host: '127.0.0.1' });
  acme = await t.signUp('Acme');
  api = chatApi(t.gql, acme);
  shop = await api.product('Shop');
  okan = await api.agent('Okan');
  await api.setPresence(okan, 'ONLINE');
  await api.settings(okan, { maxConcurrentChats: 50 });
});
afterAll(async () => {
  await server.close();
  await t.stop();
});

let addressCounter = 0;
/** POSTs as an anonymous widget from its own address (behind the trusted proxy: X-Real-IP). */
async function widget(query: string, variables: Record<string, unknown>, address = `203.0.113.${++addressCounter % 250}`): Promise<GraphQLResponse> {
  const response = await t.app.yoga.fetch('http://deskgraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-real-ip': address, 'x-forwarded-for': '198.51.100.7' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse;
}

const START_SESSION = `mutation($i: StartVisitorSessionInput!) { startVisitorSession(input: $i) { token visitor { name productName channel } } }`;

async function session(productId = shop, extra: Record<string, unknown> = {}) {
  const result = await widget(START_SESSION, { i: { productId, channel: 'LIVE_CHAT', name: 'Özge', ...extra } });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.startVisitorSession.token as string;
}

const CONVERSATION_FIELDS = `id status agent { name status } endedByCustomerAt messages { body authorKind authorName mine }`;
const START = `mutation($b: String!) { visitorStartConversation(input: { body: $b }) { ${CONVERSATION_FIELDS} } }`;
const SEND = `mutation($c: ID!, $b: String!) { visitorSendMessage(input: { conversationId: $c, body: $b }) { id body mine authorKind } }`;
const END = `mutation($c: ID!) { visitorEndConversation(input: { conversationId: $c }) { id status endedByCustomerAt } }`;
const MINE = `{ visitorConversations { id status messages { body } } }`;
const VISITOR_EVENTS = `subscription($c: ID!) { visitorConversationEvents(conversationId: $c) {
  kind conversation { status agent { name status } } message { body authorKind authorName mine }
} }`;
const AGENT_EVENTS = `subscription($c: ID) { conversationEvents(conversationId: $c) { type conversation { status } message { body authorKind author } } }`;

/** The next event the predicate accepts, skipping others (a feed may still carry earlier events in flight). */
async function nextMatching<T>(feed: Subscription<T>, accept: (event: T) => boolean): Promise<T> {
  for (;;) {
    const event = await feed.next();
    if (accept(event)) return event;
  }
}

async function startChat(token: string, body = 'Merhaba, siparişim nerede?') {
  const result = await t.gql(START, { b: body }, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.visitorStartConversation;
}

describe('a visitor chats with an agent', () => {
  it('end to end over graphql-ws: the reply, the agent status, the agent hearing the visitor, ending the chat', async () => {
    const token = await session();
    expect(token).toMatch(/^dgv_/);
    const conversation = await startChat(token);
    expect(conversation).toMatchObject({
      status: 'ACTIVE',
      agent: { name: 'Okan', status: 'ONLINE' },
      messages: [
        { body: 'Merhaba, siparişim nerede?', authorKind: 'CUSTOMER', mine: true, authorName: null },
        { authorKind: 'SYSTEM', mine: false },
      ],
    });

    const agentFeed = subscribe(server.url, okan.token, AGENT_EVENTS, { c: conversation.id });
    await untilLive(agentFeed, () => api.send(conversation.id, 'Merhaba Özge, bakıyorum.', okan.token));
    const visitorFeed = subscribe(server.url, token, VISITOR_EVENTS, { c: conversation.id });
    try {
      const snapshot = await visitorFeed.next();
      expect(snapshot.visitorConversationEvents).toMatchObject({ kind: 'SNAPSHOT', conversation: { status: 'ACTIVE', agent: { name: 'Okan', status: 'ONLINE' } } });
      visitorFeed.skipReceived();

      // The agent answers: the visitor gets the message with the agent's name.
      await api.send(conversation.id, 'Kargoya verildi, yarın elinizde.', okan.token);
      const reply = await nextMatching(visitorFeed, (event) => event.visitorConversationEvents.kind === 'MESSAGE');
      expect(reply.visitorConversationEvents).toMatchObject({
        kind: 'MESSAGE',
        message: { body: 'Kargoya verildi, yarın elinizde.', authorKind: 'AGENT', authorName: 'Okan', mine: false },
      });

      // The visitor writes: the agent's chat screen hears it, the visitor's own feed too.
      const sent = await t.gql(SEND, { c: conversation.id, b: 'Teşekkürler!' }, token);
      expect(sent.data?.visitorSendMessage).toMatchObject({ body: 'Teşekkürler!', mine: true, authorKind: 'CUSTOMER' });
      const heard = await nextMatching(agentFeed, (event) => event.conversationEvents.message?.body === 'Teşekkürler!');
      expect(heard.conversationEvents).toMatchObject({ type: 'MESSAGE', message: { body: 'Teşekkürler!', authorKind: 'CUSTOMER' } });
      expect(heard.conversationEvents.message.author).toMatch(/^visitor:/);
      const echo = await nextMatching(visitorFeed, (event) => event.visitorConversationEvents.message?.body === 'Teşekkürler!');
      expect(echo.visitorConversationEvents).toMatchObject({ kind: 'MESSAGE', message: { mine: true, authorKind: 'CUSTOMER' } });

      // The agent takes a break: the customer sees it.
      await api.setPresence(okan, 'BREAK');
      expect((await visitorFeed.next()).visitorConversationEvents).toMatchObject({ kind: 'AGENT_STATUS_CHANGED', conversation: { agent: { name: 'Okan', status: 'BREAK' } } });
      await api.setPresence(okan, 'ONLINE');
      expect((await visitorFeed.next()).visitorConversationEvents).toMatchObject({ kind: 'AGENT_STATUS_CHANGED', conversation: { agent: { status: 'ONLINE' } } });

      // The visitor ends the chat: both sides see it, and the conversation takes no more messages.
      const ended = await t.gql(END, { c: conversation.id }, token);
      expect(ended.data?.visitorEndConversation).toMatchObject({ status: 'RESOLVED' });
      expect(ended.data?.visitorEndConversation.endedByCustomerAt).toBeTruthy();
      const kinds: string[] = [];
      for (;;) {
        const event = (await visitorFeed.next()).visitorConversationEvents;
        kinds.push(event.kind);
        if (event.kind === 'STATUS_CHANGED') {
          expect(event.conversation.status).toBe('RESOLVED');
          break;
        }
      }
      const agentSaw: string[] = [];
      while (!agentSaw.includes('ENDED')) agentSaw.push((await agentFeed.next()).conversationEvents.type);
      expectError(await t.gql(SEND, { c: conversation.id, b: 'Bir şey daha' }, token), 'CONFLICT');
      expectError(await t.gql(END, { c: conversation.id }, token), 'CONFLICT');
      expect(visitorFeed.errors).toEqual([]);
      expect(agentFeed.errors).toEqual([]);
    } finally {
      await Promise.all([agentFeed.dispose(), visitorFeed.dispose()]);
    }
  });

  it('waits in the queue when no agent is online, and sees the agent who takes it', async () => {
    const product = await api.product('Queue shop');
    await api.call(`mutation($i: SetProductAssigneesInput!) { setProductAssignees(input: $i) { id } }`, { i: { productId: product, userIds: [], teamIds: [] } });
    const deniz = await api.agent('Deniz');
    await api.call(`mutation($i: SetProductAssigneesInput!) { setProductAssignees(input: $i) { id } }`, { i: { productId: product, userIds: [deniz.id], teamIds: [] } });
    const token = await session(product);
    const conversation = await startChat(token);
    expect(conversation).toMatchObject({ status: 'QUEUED', agent: null });
    const feed = subscribe(server.url, token, VISITOR_EVENTS, { c: conversation.id });
    try {
      expect((await feed.next()).visitorConversationEvents.kind).toBe('SNAPSHOT');
      await feed.settle(300);
      await api.setPresence(deniz, 'ONLINE');
      let event;
      do event = (await feed.next()).visitorConversationEvents;
      while (event.kind !== 'AGENT_CHANGED');
      expect(event.conversation).toMatchObject({ status: 'ACTIVE', agent: { name: 'Deniz', status: 'ONLINE' } });
    } finally {
      await feed.dispose();
    }
  });
});

describe('what a visitor may reach', () => {
  it("sees only their own conversations; another visitor's or another product's conversation is not found", async () => {
    const mine = await session();
    const neighbour = await session();
    const otherProduct = await api.product('Other product');
    const elsewhere = await session(otherProduct);
    const conversation = await startChat(mine, 'Benim sohbetim');
    await startChat(neighbour, 'Komşunun sohbeti');
    const listed = await t.gql(MINE, {}, mine);
    expect(listed.data?.visitorConversations).toEqual([{ id: conversation.id, status: 'ACTIVE', messages: expect.arrayContaining([{ body: 'Benim sohbetim' }]) }]);
    for (const token of [neighbour, elsewhere]) {
      expectError(await t.gql(SEND, { c: conversation.id, b: 'Merhaba' }, token), 'NOT_FOUND', 'input.conversationId');
      expectError(await t.gql(END, { c: conversation.id }, token), 'NOT_FOUND', 'input.conversationId');
      const feed = subscribe(server.url, token, VISITOR_EVENTS, { c: conversation.id });
      await feed.settle(300);
      expect(feed.received).toEqual([]);
      expect(JSON.stringify(feed.errors)).toContain('NOT_FOUND');
      await feed.dispose();
    }
    // Nothing of the refusals reached the conversation.
    const after = await t.gql(MINE, {}, mine);
    expect(after.data?.visitorConversations[0].messages.map((message: { body: string }) => message.body)).not.toContain('Merhaba');
  });

  it('a visitor token gets no agent field, over HTTP or graphql-ws, and agents get no visitor field', async () => {
    const token = await session();
    const conversation = await startChat(token);
    for (const query of [
      `{ viewer { user { id } } }`,
      `{ tickets(first: 1) { edges { node { id subject } } } }`,
      `{ conversations(first: 5) { edges { node { id } } } }`,
      `{ chatQueue { waiting } }`,
      `{ cockpit { name } }`,
      `{ customers(first: 1) { edges { node { email } } } }`,
    ]) {
      const response = await t.gql(query, {}, token);
      expect(response.data ?? null, query).toBeNull();
      expect(['FORBIDDEN', 'UNAUTHENTICATED'], query).toContain(response.errors?.[0]?.extensions?.code);
    }
    expectError(await t.gql(`query($id: ID!) { conversation(id: $id) { id } }`, { id: conversation.id }, token), 'FORBIDDEN');
    expectError(await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: conversation.id }, token), 'FORBIDDEN');
    expectError(
      await t.gql(`mutation($i: SendConversationMessageInput!) { sendConversationMessage(input: $i) { id } }`, { i: { conversationId: conversation.id, body: 'x' } }, token),
      'FORBIDDEN',
    );
    const feed = subscribe(server.url, token, AGENT_EVENTS, { c: conversation.id });
    await feed.settle(300);
    expect(feed.received).toEqual([]);
    expect(JSON.stringify(feed.errors)).toContain('FORBIDDEN');
    await feed.dispose();
    // The other way round: an agent's token is no visitor token, and without a token there is nobody.
    expectError(await t.gql(MINE, {}, okan.token), 'FORBIDDEN');
    expectError(await t.gql(SEND, { c: conversation.id, b: 'x' }, acme.token), 'FORBIDDEN');
    expectError(await t.gql(MINE, {}), 'UNAUTHENTICATED');
    expectError(await t.gql(MINE, {}, 'dgv_not-a-real-token'), 'UNAUTHENTICATED');
  });
});

describe('the schema keeps visitors out of agent fields', () => {
  it('every root field either requires an agent (the root types\' scopes) or is a visitor field or a public one', () => {
    // Root types require a principal (signedIn / write); only fields that skip those scopes can take a visitor token.
    const skipping: string[] = [];
    for (const type of [schema.getQueryType()!, schema.getMutationType()!, schema.getSubscriptionType()!]) {
      for (const field of Object.values(type.getFields())) {
        const options = (field.extensions as { pothosOptions?: { skipTypeScopes?: boolean; authScopes?: unknown } }).pothosOptions ?? {};
        if (!options.skipTypeScopes) continue;
        skipping.push(`${type.name}.${field.name}`);
        if (field.name.startsWith('visitor')) expect(options.authScopes, field.name).toEqual({ visitor: true });
        else expect(options.authScopes === undefined || !JSON.stringify(options.authScopes).includes('visitor'), field.name).toBe(true);
      }
    }
    // Public on purpose: sign-up, sign-in, sign-out (needs a session), and the widget's session start.
    const publicFields = ['Mutation.createWorkspace', 'Mutation.login', 'Mutation.logout', 'Mutation.startVisitorSession'];
    expect(skipping.filter((name) => !name.split('.')[1].startsWith('visitor')).sort()).toEqual(publicFields.sort());
  });
});

describe('visitor isolation between workspaces', () => {
  it("a visitor of workspace A never receives workspace B's conversations or changes on visitorConversationEvents", async () => {
    const other = await t.signUp('Other');
    const otherApi = chatApi(t.gql, other);
    const otherShop = await otherApi.product('Their shop');
    const bora = await otherApi.agent('Bora');
    await otherApi.setPresence(bora, 'ONLINE');
    const theirToken = await session(otherShop);
    const theirs = await startChat(theirToken, 'Onların sohbeti');
    const mineToken = await session();
    const mine = await startChat(mineToken, 'Benim sohbetim');

    // Across workspaces, a conversation id is not found either way (and no agent token of B opens A's visitor feed).
    for (const [token, conversation] of [
      [mineToken, theirs],
      [theirToken, mine],
    ] as const) {
      const refused = subscribe(server.url, token, VISITOR_EVENTS, { c: conversation.id });
      await refused.settle(300);
      expect(refused.received).toEqual([]);
      expect(JSON.stringify(refused.errors)).toContain('NOT_FOUND');
      await refused.dispose();
    }
    const agentOfB = subscribe(server.url, other.token, VISITOR_EVENTS, { c: mine.id });
    await agentOfB.settle(300);
    expect(agentOfB.received).toEqual([]);
    expect(JSON.stringify(agentOfB.errors)).toContain('FORBIDDEN');
    await agentOfB.dispose();

    // A's feed stays quiet while B's agent and visitor chat, B's agent changes status, and B's chat ends.
    const feed = subscribe(server.url, mineToken, VISITOR_EVENTS, { c: mine.id });
    try {
      expect((await feed.next()).visitorConversationEvents.kind).toBe('SNAPSHOT');
      await otherApi.send(theirs.id, 'Merhaba', bora.token);
      await t.gql(SEND, { c: theirs.id, b: 'Selam' }, theirToken);
      await otherApi.setPresence(bora, 'BREAK');
      await t.gql(END, { c: theirs.id }, theirToken);
      expect(await feed.settle(1000)).toEqual([]);
      expect(JSON.stringify(await t.gql(MINE, {}, mineToken))).not.toContain('Onların');
    } finally {
      await feed.dispose();
    }
  });
});

describe('visitor sessions', () => {
  it('start only for a product that takes chats on the channel, and reuse the customer of a known e-mail', async () => {
    const open = await widget(START_SESSION, { i: { productId: shop, channel: 'IN_APP', name: 'Cem', email: 'Cem@Example.test' } });
    expect(open.data?.startVisitorSession.visitor).toEqual({ name: 'Cem', productName: 'Shop', channel: 'IN_APP' });
    const again = await widget(START_SESSION, { i: { productId: shop, channel: 'LIVE_CHAT', name: 'Cem K.', email: 'cem@example.test' } });
    expect(again.data?.startVisitorSession.visitor.name).toBe('Cem');
    const customers = await api.call(`{ customers(first: 100) { edges { node { email } } } }`);
    expect(customers.customers.edges.filter((edge: { node: { email: string } }) => edge.node.email === 'cem@example.test')).toHaveLength(1);

    const emailOnly = (await api.call(`mutation { createProduct(input: { name: "E-mail only", channels: [EMAIL] }) { id } }`)).createProduct.id;
    expectError(await widget(START_SESSION, { i: { productId: emailOnly, channel: 'LIVE_CHAT', name: 'Cem' } }), 'FORBIDDEN');
    const chat = (await api.call(`mutation { createProduct(input: { name: "Chat", channels: [LIVE_CHAT] }) { id } }`)).createProduct.id;
    expect((await widget(START_SESSION, { i: { productId: chat, channel: 'LIVE_CHAT', name: 'Cem' } })).errors).toBeUndefined();
    await api.call(`mutation($p: ID!) { configureProductChannel(input: { productId: $p, channel: LIVE_CHAT, enabled: false }) { id } }`, { p: chat });
    expectError(await widget(START_SESSION, { i: { productId: chat, channel: 'LIVE_CHAT', name: 'Cem' } }), 'FORBIDDEN');
    expectError(await widget(START_SESSION, { i: { productId: okan.id, channel: 'LIVE_CHAT', name: 'Cem' } }), 'NOT_FOUND', 'input.productId');
    expectError(await widget(START_SESSION, { i: { productId: shop, channel: 'LIVE_CHAT', name: ' ' } }), 'BAD_USER_INPUT', 'input.name');
  });

  it('a signed-in caller starts sessions only for products of its own workspace', async () => {
    const other = await t.signUp('Other');
    const otherApi = chatApi(t.gql, other);
    const otherShop = await otherApi.product('Their shop');
    expectError(await t.gql(START_SESSION, { i: { productId: otherShop, channel: 'LIVE_CHAT', name: 'Cem' } }, acme.token), 'NOT_FOUND', 'input.productId');
    expect((await t.gql(START_SESSION, { i: { productId: shop, channel: 'LIVE_CHAT', name: 'Cem' } }, acme.token)).errors).toBeUndefined();
  });

  it(`are limited to ${SESSIONS_PER_MINUTE} a minute per client address`, async () => {
    const results = [];
    for (let i = 0; i < SESSIONS_PER_MINUTE + 2; i++) {
      results.push(await widget(START_SESSION, { i: { productId: shop, channel: 'LIVE_CHAT', name: 'Bot' } }, '192.0.2.99'));
    }
    expect(results.slice(0, SESSIONS_PER_MINUTE).every((result) => !result.errors)).toBe(true);
    for (const refused of results.slice(SESSIONS_PER_MINUTE)) {
      expectError(refused, 'RATE_LIMITED');
      expect(refused.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
    }
    // Another address is not affected.
    expect((await widget(START_SESSION, { i: { productId: shop, channel: 'LIVE_CHAT', name: 'Human' } }, '192.0.2.100')).errors).toBeUndefined();
  });
});

describe('visitor message limit', () => {
  it(`100 messages in a second: the first ${MESSAGES_PER_WINDOW} are stored, the rest refused with RATE_LIMITED`, async () => {
    const token = await session();
    const conversation = await startChat(token);
    // Past the window of the first message, then 100 sends at once.
    clock.advance(1);
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => t.gql(SEND, { c: conversation.id, b: `spam ${i}` }, token)));
    const stored = results.filter((result) => result.data?.visitorSendMessage);
    const refused = results.filter((result) => result.errors?.[0]?.extensions?.code === 'RATE_LIMITED');
    expect(stored).toHaveLength(MESSAGES_PER_WINDOW);
    expect(refused).toHaveLength(100 - MESSAGES_PER_WINDOW);
    const rows = await t.app.services.db.prisma.conversationMessage.count({
      where: { conversationId: Buffer.from(conversation.id, 'base64').toString().split(':')[1], body: { startsWith: 'spam ' } },
    });
    expect(rows).toBe(MESSAGES_PER_WINDOW);
    // The window moves on: once it has passed, the visitor may write again.
    expectError(await t.gql(SEND, { c: conversation.id, b: 'still too soon' }, token), 'RATE_LIMITED');
    clock.advance(1);
    expect((await t.gql(SEND, { c: conversation.id, b: 'later' }, token)).errors).toBeUndefined();
  });
});
