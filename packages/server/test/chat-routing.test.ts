// Routing live chats through the API: new conversations go to the least-loaded ONLINE agent allowed on their product
// and channel (fair tie-break), wait in arrival order when nobody has room, and the queue drains as soon as an agent
// resolves one, comes ONLINE or gets more room.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawId, startTestApp, type TestApp, testClock } from './harness.js';
import { type Agent, chatApi } from './chat-setup.js';

const clock = testClock('2026-11-30T08:00:00Z');
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({}, { clock });
});
afterAll(() => t.stop());

async function workspace() {
  const ws = await t.signUp('Acme');
  const api = chatApi(t.gql, ws);
  const shop = await api.product('Shop');
  return { ws, api, shop, topic: await api.topic(shop, 'Orders') };
}

/** Starts conversations one minute apart, so arrival order is plain. */
async function startMany(api: ReturnType<typeof chatApi>, productId: string, count: number, channel = 'LIVE_CHAT') {
  const started = [];
  for (let i = 0; i < count; i++) {
    clock.advance(1);
    started.push(await api.start(productId, { channel }));
  }
  return started;
}

const byId = (agents: Agent[]) => [...agents].sort((a, b) => (rawId(a.id) < rawId(b.id) ? -1 : 1));

describe('routing a new conversation', () => {
  it('goes to the least-loaded ONLINE agent; ties go to whoever was assigned longest ago, then by id', async () => {
    const { api, shop } = await workspace();
    const [first, second] = byId([await api.agent('Ali'), await api.agent('Oya')]);
    const away = await api.agent('Can');
    for (const agent of [first, second]) await api.setPresence(agent, 'ONLINE');
    await api.setPresence(away, 'BREAK');
    const [c1, c2, c3, c4] = await startMany(api, shop, 4);
    // Nobody assigned yet: by id. Then the other one is less loaded. Then equal load: who waited longest since theirs.
    expect([c1, c2, c3, c4].map((c) => c.assigneeUser?.id)).toEqual([first.id, second.id, first.id, second.id]);
    expect(c1.status).toBe('ACTIVE');
  });

  it('never gives an agent more than their capacity; the rest waits QUEUED', async () => {
    const { api, shop } = await workspace();
    const ali = await api.agent('Ali');
    await api.settings(ali, { maxConcurrentChats: 2 });
    await api.setPresence(ali, 'ONLINE');
    const started = await startMany(api, shop, 4);
    expect(started.map((c) => c.status)).toEqual(['ACTIVE', 'ACTIVE', 'QUEUED', 'QUEUED']);
    expect(await api.queue()).toEqual({ waiting: 2, onlineAgents: 1, queued: [{ id: started[2].id }, { id: started[3].id }] });
    const presence = await api.call(`query($id: ID!) { node(id: $id) { ... on User { presence { activeConversations } } } }`, { id: ali.id });
    expect(presence.node.presence.activeConversations).toBe(2);
  });

  it('only to agents allowed on the product and the channel', async () => {
    const { api, shop } = await workspace();
    const bank = await api.product('Bank');
    const ali = await api.agent('Ali');
    const oya = await api.agent('Oya');
    await api.call(`mutation($p: ID!, $u: [ID!]!) { setProductAssignees(input: { productId: $p, userIds: $u, teamIds: [] }) { id } }`, { p: bank, u: [oya.id] });
    await api.settings(oya, { chatChannels: ['WHATSAPP'] });
    for (const agent of [ali, oya]) await api.setPresence(agent, 'ONLINE');
    const [bankChat] = await startMany(api, bank, 1, 'WHATSAPP');
    expect(bankChat.assigneeUser?.id).toBe(oya.id);
    // Oya takes WhatsApp only; Ali may not take Bank: a Bank live chat waits.
    const [bankLive] = await startMany(api, bank, 1, 'LIVE_CHAT');
    expect(bankLive.status).toBe('QUEUED');
    const [shopLive] = await startMany(api, shop, 1, 'LIVE_CHAT');
    expect(shopLive.assigneeUser?.id).toBe(ali.id);
    expect(await api.queue(bank)).toMatchObject({ waiting: 1, onlineAgents: 1 });
    expect(await api.queue(shop)).toMatchObject({ waiting: 0, onlineAgents: 2 });
  });

  it('BREAK keeps the conversations held but routes no new ones', async () => {
    const { api, shop } = await workspace();
    const ali = await api.agent('Ali');
    await api.setPresence(ali, 'ONLINE');
    const [held] = await startMany(api, shop, 1);
    await api.setPresence(ali, 'BREAK');
    const [waiting] = await startMany(api, shop, 1);
    expect(waiting.status).toBe('QUEUED');
    expect(await api.conversation(held.id)).toMatchObject({ status: 'ACTIVE', assigneeUser: { id: ali.id } });
    expect(await api.queue()).toMatchObject({ waiting: 1, onlineAgents: 0 });
  });
});

describe('draining the queue', () => {
  it('resolving hands the agent the oldest queued conversation at once', async () => {
    const { api, shop, topic } = await workspace();
    const ali = await api.agent('Ali');
    await api.settings(ali, { maxConcurrentChats: 1 });
    await api.setPresence(ali, 'ONLINE');
    const [c1, c2, c3] = await startMany(api, shop, 3);
    expect([c1.status, c2.status, c3.status]).toEqual(['ACTIVE', 'QUEUED', 'QUEUED']);
    await api.resolve(c1.id, topic, ali.token);
    expect(await api.conversation(c2.id)).toMatchObject({ status: 'ACTIVE', assigneeUser: { id: ali.id } });
    expect(await api.conversation(c3.id)).toMatchObject({ status: 'QUEUED', assigneeUser: null });
    expect(await api.queue()).toMatchObject({ waiting: 1, queued: [{ id: c3.id }] });
  });

  it('coming ONLINE drains the queue to the agent up to capacity, oldest first', async () => {
    const { api, shop } = await workspace();
    const ali = await api.agent('Ali');
    await api.settings(ali, { maxConcurrentChats: 2 });
    const queued = await startMany(api, shop, 3);
    expect(queued.every((c) => c.status === 'QUEUED')).toBe(true);
    expect(await api.queue()).toMatchObject({ waiting: 3, onlineAgents: 0 });
    await api.setPresence(ali, 'ONLINE');
    const states = await Promise.all(queued.map((c) => api.conversation(c.id)));
    expect(states.map((c) => c.status)).toEqual(['ACTIVE', 'ACTIVE', 'QUEUED']);
    // More room takes the next one.
    await api.settings(ali, { maxConcurrentChats: 3 });
    expect((await api.conversation(queued[2].id)).assigneeUser).toEqual({ id: ali.id });
    expect(await api.queue()).toMatchObject({ waiting: 0, onlineAgents: 1, queued: [] });
  });

  it('writes one ASSIGNED activity per assignment, for the cockpit', async () => {
    const { ws, api, shop, topic } = await workspace();
    const ali = await api.agent('Ali');
    await api.settings(ali, { maxConcurrentChats: 1 });
    await api.setPresence(ali, 'ONLINE');
    const [c1, c2] = await startMany(api, shop, 2);
    await api.resolve(c1.id, topic, ali.token);
    const rows = await t.app.services.db.prisma.conversationActivity.findMany({ where: { workspaceId: rawId(ws.workspaceId) }, orderBy: { at: 'asc' } });
    expect(rows.map((row) => [row.kind, row.conversationId, row.userId])).toEqual([
      ['ASSIGNED', rawId(c1.id), rawId(ali.id)],
      ['RESOLVED', rawId(c1.id), rawId(ali.id)],
      ['ASSIGNED', rawId(c2.id), rawId(ali.id)],
    ]);
    expect(rows.every((row) => row.channel === 'LIVE_CHAT' && row.productId === rawId(shop))).toBe(true);
  });

  it('deactivating an agent hands their conversations to another ONLINE agent, or back to the queue at their old place', async () => {
    const { api, shop } = await workspace();
    const leaving = await api.agent('Ali');
    await api.setPresence(leaving, 'ONLINE');
    const [c1, c2] = await startMany(api, shop, 2);
    const oya = await api.agent('Oya');
    await api.settings(oya, { maxConcurrentChats: 1 });
    await api.setPresence(oya, 'ONLINE');
    const [c3] = await startMany(api, shop, 1);
    expect(c3.assigneeUser?.id).toBe(oya.id);
    // Oya is full; a newer conversation waits behind Ali's two once they are released.
    await api.setPresence(leaving, 'BREAK');
    const [c4] = await startMany(api, shop, 1);
    expect(c4.status).toBe('QUEUED');

    await api.call(`mutation($id: ID!) { deactivateUser(id: $id) { id } }`, { id: leaving.id });
    expect((await api.conversation(c1.id)).status).toBe('QUEUED');
    expect((await api.queue()).queued.map((c) => c.id)).toEqual([c1.id, c2.id, c4.id]);
    const presence = await api.call(`query($id: ID!) { node(id: $id) { ... on User { presence { status } } } }`, { id: leaving.id });
    expect(presence.node.presence.status).toBe('OFFLINE');
    // Room frees up: the oldest released conversation goes first.
    await api.settings(oya, { maxConcurrentChats: 2 });
    expect((await api.conversation(c1.id)).assigneeUser?.id).toBe(oya.id);
    expect((await api.conversation(c2.id)).status).toBe('QUEUED');
  });
});
