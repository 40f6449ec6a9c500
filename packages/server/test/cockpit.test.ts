// A supervisor watches the cockpit: per agent, today's first response and resolution averages, live active
// conversations, resolved/reactivated/transferred counts, filtered by product, channel and name, and pushed live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server.js';
import { type Agent, chatApi, expectError } from './chat-setup.js';
import { PASSWORD, startTestApp, type TestApp, testClock, uniqueEmail } from './harness.js';
import { subscribe } from './ws-client.js';

// 12:00 in Istanbul (the harness's workspaces live in Europe/Istanbul).
const clock = testClock('2026-11-30T09:00:00Z');
let t: TestApp;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  t = await startTestApp({}, { clock });
  server = await startServer(t.app, { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
  await t.stop();
});

const ROW_FIELDS = `user { id } name status statusChangedAt timeInStatusSeconds averageFirstResponseSeconds averageResolutionSeconds
  activeConversations resolvedToday reactivatedToday transferredToday`;
const COCKPIT = `query($p: ID, $c: Channel, $s: String) { cockpit(productId: $p, channel: $c, search: $s) { ${ROW_FIELDS} } }`;

interface Row {
  user: { id: string };
  name: string;
  status: string;
  timeInStatusSeconds: number;
  averageFirstResponseSeconds: number | null;
  averageResolutionSeconds: number | null;
  activeConversations: number;
  resolvedToday: number;
  reactivatedToday: number;
  transferredToday: number;
}

async function setUp() {
  const workspace = await t.signUp('Cockpit Co');
  const api = chatApi(t.gql, workspace);
  const cockpit = async (variables: { p?: string; c?: string; s?: string } = {}): Promise<Row[]> => (await api.call(COCKPIT, variables)).cockpit;
  // An agent with any display name (chatApi's helper makes the e-mail from the name).
  const agentNamed = async (name: string): Promise<Agent> => {
    const email = uniqueEmail('agent');
    const created = await api.call(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email, name, role: 'AGENT', password: PASSWORD } });
    const login = await api.call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD });
    return { id: created.createUser.id, token: login.login.token, name };
  };
  const rowOf = async (agent: Agent, variables: { p?: string; c?: string; s?: string } = {}) => (await cockpit(variables)).find((row) => row.user.id === agent.id);
  return { workspace, api, cockpit, rowOf, agentNamed };
}

const transfer = (api: ReturnType<typeof chatApi>, conversationId: string, toUserId: string, token: string) =>
  api.call(`mutation($i: TransferConversationInput!) { transferConversation(input: $i) { id assigneeUser { id } } }`, { i: { conversationId, toUserId } }, token);
const reactivate = (api: ReturnType<typeof chatApi>, conversationId: string, token: string) =>
  api.call(`mutation($i: ReactivateConversationInput!) { reactivateConversation(input: $i) { id status } }`, { i: { conversationId } }, token);

describe('cockpit', () => {
  it('averages first responses: Okan answers Özge 2 minutes and İpek 4 minutes after assignment → 180 s', async () => {
    clock.set('2026-11-30T09:00:00Z');
    const { api, rowOf, agentNamed } = await setUp();
    const product = await api.product('Mobile app');
    const okan = await agentNamed('Okan Demir');
    await api.setPresence(okan, 'ONLINE');
    const ozge = await api.start(product, { customer: { name: 'Özge', email: 'ozge@example.test' } });
    const ipek = await api.start(product, { customer: { name: 'İpek', email: 'ipek@example.test' } });
    expect([ozge.assigneeUser?.id, ipek.assigneeUser?.id]).toEqual([okan.id, okan.id]);
    clock.advance(2);
    await api.send(ozge.id, 'Merhaba Özge, nasıl yardımcı olabilirim?', okan.token);
    clock.advance(1);
    // A second reply is not a first response.
    await api.send(ozge.id, 'Bir saniye lütfen.', okan.token);
    clock.advance(1);
    await api.send(ipek.id, 'Merhaba İpek!', okan.token);
    const row = await rowOf(okan);
    expect(row).toMatchObject({
      name: 'Okan Demir',
      status: 'ONLINE',
      timeInStatusSeconds: 240,
      averageFirstResponseSeconds: 180,
      averageResolutionSeconds: null,
      activeConversations: 2,
      resolvedToday: 0,
    });
  });

  it('resolving moves active −1 and resolved +1, live on the subscription within a second', async () => {
    clock.set('2026-11-30T10:00:00Z');
    const { workspace, api, rowOf } = await setUp();
    const product = await api.product('Web shop');
    const topic = await api.topic(product, 'Delivery');
    const okan = await api.agent('Okan');
    await api.setPresence(okan, 'ONLINE');
    const first = await api.start(product);
    await api.start(product);
    const sub = subscribe<{ cockpit: Row[] }>(server.url, workspace.token, `subscription { cockpit { ${ROW_FIELDS} } }`);
    try {
      const initial = (await sub.next()).cockpit.find((row) => row.user.id === okan.id)!;
      expect(initial).toMatchObject({ activeConversations: 2, resolvedToday: 0 });
      await sub.settle(700);
      sub.skipReceived();
      clock.advance(10);
      await api.resolve(first.id, topic, okan.token);
      const resolvedAt = Date.now();
      let pushed: Row | undefined;
      while (!pushed || pushed.resolvedToday !== 1) {
        const left = 1000 - (Date.now() - resolvedAt);
        pushed = (await sub.next(Math.max(left, 1))).cockpit.find((row) => row.user.id === okan.id);
      }
      console.log(`cockpit push after resolve: ${Date.now() - resolvedAt} ms`);
      expect(pushed).toMatchObject({ activeConversations: 1, resolvedToday: 1, averageResolutionSeconds: 600 });
      expect(await rowOf(okan)).toMatchObject({ activeConversations: 1, resolvedToday: 1, averageResolutionSeconds: 600 });
      expect(sub.errors).toEqual([]);
    } finally {
      await sub.dispose();
    }
  });

  it('coalesces a burst of changes into few pushes, the last one showing the final state', async () => {
    clock.set('2026-11-30T10:30:00Z');
    const { workspace, api } = await setUp();
    const product = await api.product('Burst');
    const okan = await api.agent('Okan');
    await api.setPresence(okan, 'ONLINE');
    await api.settings(okan, { maxConcurrentChats: 50 });
    const sub = subscribe<{ cockpit: Row[] }>(server.url, workspace.token, `subscription { cockpit { ${ROW_FIELDS} } }`);
    try {
      await sub.next();
      await sub.settle(600);
      sub.skipReceived();
      const started = Date.now();
      await Promise.all(Array.from({ length: 20 }, () => api.start(product)));
      const elapsed = Date.now() - started;
      const pushes = await sub.settle(1500);
      const last = pushes[pushes.length - 1].cockpit.find((row) => row.user.id === okan.id);
      console.log(`cockpit burst: 20 starts in ${elapsed} ms → ${pushes.length} pushes`);
      expect(last?.activeConversations).toBe(20);
      // 20 starts write 60+ events; at most one push per 500 ms (+1 for the trailing edge) reaches the client.
      expect(pushes.length).toBeLessThanOrEqual(Math.ceil((elapsed + 1500) / 500) + 1);
      expect(pushes.length).toBeLessThan(20);
    } finally {
      await sub.dispose();
    }
  });

  it('counts a transfer for the agent who handed the conversation over, and a reactivation for who reopened it', async () => {
    clock.set('2026-11-30T11:00:00Z');
    const { api, rowOf } = await setUp();
    const product = await api.product('Desk');
    const topic = await api.topic(product, 'Other');
    const okan = await api.agent('Okan');
    const deniz = await api.agent('Deniz');
    await api.setPresence(okan, 'ONLINE');
    const conversation = await api.start(product);
    expect(conversation.assigneeUser?.id).toBe(okan.id);
    await api.setPresence(deniz, 'ONLINE');
    await transfer(api, conversation.id, deniz.id, okan.token);
    expect(await rowOf(okan)).toMatchObject({ transferredToday: 1, activeConversations: 0 });
    expect(await rowOf(deniz)).toMatchObject({ transferredToday: 0, activeConversations: 1 });
    await api.resolve(conversation.id, topic, deniz.token);
    await reactivate(api, conversation.id, okan.token);
    expect(await rowOf(okan)).toMatchObject({ reactivatedToday: 1, activeConversations: 1, transferredToday: 1 });
    expect(await rowOf(deniz)).toMatchObject({ reactivatedToday: 0, resolvedToday: 1, activeConversations: 0 });
  });

  it('filters by product (its allowed agents and its conversations), channel and a name substring', async () => {
    clock.set('2026-11-30T12:00:00Z');
    const { api, cockpit, rowOf, agentNamed } = await setUp();
    const shop = await api.product('Shop');
    const bank = await api.product('Bank');
    const topic = await api.topic(shop, 'Returns');
    const okan = await agentNamed('Okan Demir');
    const ozge = await agentNamed('Özge Kaya');
    const ipek = await agentNamed('İpek Işık');
    await api.call(`mutation($i: SetProductAssigneesInput!) { setProductAssignees(input: $i) { id } }`, { i: { productId: bank, userIds: [ipek.id], teamIds: [] } });
    await api.setPresence(okan, 'ONLINE');
    const chat = await api.start(shop, { channel: 'LIVE_CHAT' });
    const whatsapp = await api.start(shop, { channel: 'WHATSAPP', customer: { name: 'Cem', whatsappNumber: '+90 555 111 2233' } });
    await api.resolve(chat.id, topic, okan.token);
    await api.resolve(whatsapp.id, topic, okan.token);

    expect(await rowOf(okan)).toMatchObject({ resolvedToday: 2 });
    expect(await rowOf(okan, { c: 'WHATSAPP' })).toMatchObject({ resolvedToday: 1 });
    expect(await rowOf(okan, { p: shop, c: 'LIVE_CHAT' })).toMatchObject({ resolvedToday: 1 });
    // Bank: only İpek may take its chats, and none of Okan's work was on it.
    expect((await cockpit({ p: bank })).map((row) => row.name)).toEqual(['İpek Işık']);
    // Ordered by name as Turkish readers expect (Ö after O, before Z), not by code point.
    expect((await cockpit({ p: shop })).map((row) => row.name)).toEqual(['Ayşe Admin', 'İpek Işık', 'Okan Demir', 'Özge Kaya']);

    const names = async (s: string) => (await cockpit({ s })).map((row) => row.name);
    expect(await names('ö')).toEqual(['Özge Kaya']);
    expect(await names('ÖZ')).toEqual(['Özge Kaya']);
    expect(await names('ip')).toEqual(['İpek Işık']);
    expect(await names('İP')).toEqual(['İpek Işık']);
    expect(await names('ışı')).toEqual(['İpek Işık']);
    expect(await names('IŞI')).toEqual(['İpek Işık']);
    expect(await names('k')).toEqual(['İpek Işık', 'Okan Demir', 'Özge Kaya']);
    expect(await names('%')).toEqual([]);
    expect(await names('  ')).toHaveLength(4);
    // A channel the agent does not take leaves the agent out.
    await api.settings(ozge, { chatChannels: ['WHATSAPP'] });
    expect((await cockpit({ c: 'LIVE_CHAT' })).map((row) => row.name)).not.toContain('Özge Kaya');
    expect((await cockpit({ c: 'WHATSAPP' })).map((row) => row.name)).toContain('Özge Kaya');
  });

  it("counts today in the workspace's time zone: a resolution at 23:50 yesterday in Istanbul does not count", async () => {
    const { api, rowOf } = await setUp();
    const product = await api.product('Night shift');
    const topic = await api.topic(product, 'Late');
    const okan = await api.agent('Okan');
    clock.set('2026-11-29T20:40:00Z'); // 23:40 on the 29th in Istanbul (UTC+3)
    await api.setPresence(okan, 'ONLINE');
    const late = await api.start(product);
    clock.set('2026-11-29T20:50:00Z'); // 23:50
    await api.resolve(late.id, topic, okan.token);
    const early = await api.start(product);
    clock.set('2026-11-29T21:10:00Z'); // 00:10 on the 30th
    await api.resolve(early.id, topic, okan.token);
    expect(await rowOf(okan)).toMatchObject({ resolvedToday: 1, averageResolutionSeconds: 1200 });
    clock.set('2026-11-30T20:59:00Z'); // 23:59 on the 30th: still the same day
    expect(await rowOf(okan)).toMatchObject({ resolvedToday: 1 });
    clock.set('2026-11-30T21:00:00Z'); // midnight: a new day
    expect(await rowOf(okan)).toMatchObject({ resolvedToday: 0, averageResolutionSeconds: null });
  });

  it('is for supervisors and admins, and refuses bad filters', async () => {
    clock.set('2026-11-30T09:00:00Z');
    const { api } = await setUp();
    const agent = await api.agent('Okan');
    expectError(await api.raw(COCKPIT, {}, agent.token), 'FORBIDDEN');
    expectError(await api.raw(COCKPIT, { s: 'x'.repeat(101) }), 'BAD_USER_INPUT', 'search');
    expectError(await api.raw(COCKPIT, { p: agent.id }), 'NOT_FOUND', 'productId');
  });
});

describe('cockpit isolation', () => {
  it("a supervisor of workspace A never sees workspace B's agents, products or changes", async () => {
    clock.set('2026-11-30T09:00:00Z');
    const a = await setUp();
    const b = await setUp();
    const bProduct = await b.api.product('B product');
    const bTopic = await b.api.topic(bProduct, 'B topic');
    const bAgent = await b.api.agent('Bora');
    expectError(await a.api.raw(COCKPIT, { p: bProduct }), 'NOT_FOUND', 'productId');
    const refused = subscribe(server.url, a.workspace.token, `subscription($p: ID) { cockpit(productId: $p) { name } }`, { p: bProduct });
    const sub = subscribe<{ cockpit: Row[] }>(server.url, a.workspace.token, `subscription { cockpit { ${ROW_FIELDS} } }`);
    try {
      const first = await sub.next();
      expect(first.cockpit.map((row) => row.name)).toEqual(['Ayşe Admin']);
      await b.api.setPresence(bAgent, 'ONLINE');
      const conversation = await b.api.start(bProduct);
      await b.api.resolve(conversation.id, bTopic, bAgent.token);
      expect(await sub.settle(1500)).toEqual([]);
      await refused.settle(300);
      expect(refused.received).toEqual([]);
      expect(JSON.stringify(refused.errors)).toContain('NOT_FOUND');
    } finally {
      await Promise.all([sub.dispose(), refused.dispose()]);
    }
  });
});
