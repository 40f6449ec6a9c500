// Changing who may work on a product reroutes its waiting chats at once: a queued conversation goes to an ONLINE
// agent with room as soon as they become an assignee (directly or through a team), never to an agent taken off it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testClock } from './harness.js';
import { chatApi } from './chat-setup.js';

const clock = testClock('2026-11-30T08:00:00Z');
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({}, { clock });
});
afterAll(() => t.stop());

const SET = `mutation($i: SetProductAssigneesInput!) { setProductAssignees(input: $i) { allowedUsers { id } allowedTeams { id } } }`;

async function bankWithOnlyOya() {
  const ws = await t.signUp('Acme');
  const api = chatApi(t.gql, ws);
  const bank = await api.product('Bank');
  const oya = await api.agent('Oya');
  const ali = await api.agent('Ali');
  await api.call(SET, { i: { productId: bank, userIds: [oya.id], teamIds: [] } });
  await api.settings(oya, { maxConcurrentChats: 1 });
  for (const agent of [oya, ali]) await api.setPresence(agent, 'ONLINE');
  clock.advance(1);
  const held = await api.start(bank);
  expect(held.assigneeUser?.id).toBe(oya.id);
  clock.advance(1);
  const waiting = await api.start(bank);
  // Oya is full and Ali may not take Bank chats.
  expect(waiting.status).toBe('QUEUED');
  return { api, bank, oya, ali, waiting };
}

describe('a product gets a new assignee', () => {
  it('an ONLINE agent with room takes the queued chat in the same change', async () => {
    const { api, bank, oya, ali, waiting } = await bankWithOnlyOya();
    const set = await api.call(SET, { i: { productId: bank, userIds: [oya.id, ali.id], teamIds: [] } });
    expect(set.setProductAssignees.allowedUsers.map((user: { id: string }) => user.id).sort()).toEqual([oya.id, ali.id].sort());
    expect(await api.conversation(waiting.id)).toMatchObject({ status: 'ACTIVE', assigneeUser: { id: ali.id } });
    expect(await api.queue(bank)).toMatchObject({ waiting: 0 });
  });

  it('through a team: its ONLINE member takes it; an OFFLINE or full member gets nothing', async () => {
    const { api, bank, oya, waiting } = await bankWithOnlyOya();
    const can = await api.agent('Can');
    const team = (await api.call(`mutation($i: CreateTeamInput!) { createTeam(input: $i) { id } }`, { i: { name: 'Bankers', memberIds: [can.id, oya.id] } })).createTeam.id;
    await api.call(SET, { i: { productId: bank, userIds: [], teamIds: [team] } });
    // Can is OFFLINE and Oya full: the chat keeps waiting.
    expect(await api.conversation(waiting.id)).toMatchObject({ status: 'QUEUED', assigneeUser: null });
    await api.setPresence(can, 'ONLINE');
    expect(await api.conversation(waiting.id)).toMatchObject({ status: 'ACTIVE', assigneeUser: { id: can.id } });
  });

  it('several queued chats are shared out oldest first within each agent’s room', async () => {
    const { api, bank, oya, ali, waiting } = await bankWithOnlyOya();
    const eda = await api.agent('Eda');
    await api.settings(ali, { maxConcurrentChats: 1 });
    await api.settings(eda, { maxConcurrentChats: 1 });
    await api.setPresence(eda, 'ONLINE');
    clock.advance(1);
    const second = await api.start(bank);
    clock.advance(1);
    const third = await api.start(bank);
    await api.call(SET, { i: { productId: bank, userIds: [oya.id, ali.id, eda.id], teamIds: [] } });
    const after = await Promise.all([waiting, second, third].map((chat) => api.conversation(chat.id)));
    expect(after.map((chat) => chat.status)).toEqual(['ACTIVE', 'ACTIVE', 'QUEUED']);
    expect(new Set(after.slice(0, 2).map((chat) => chat.assigneeUser.id))).toEqual(new Set([ali.id, eda.id]));
  });
});

describe('a team a product lists gets a new member', () => {
  it('the new member, ONLINE with room, takes the queued chat in the same change', async () => {
    const { api, bank, oya, ali, waiting } = await bankWithOnlyOya();
    const team = (await api.call(`mutation($i: CreateTeamInput!) { createTeam(input: $i) { id } }`, { i: { name: 'Bankers', memberIds: [oya.id] } })).createTeam.id;
    await api.call(SET, { i: { productId: bank, userIds: [], teamIds: [team] } });
    expect(await api.conversation(waiting.id)).toMatchObject({ status: 'QUEUED' });
    await api.call(`mutation($i: UpdateTeamInput!) { updateTeam(input: $i) { id } }`, { i: { id: team, memberIds: [oya.id, ali.id] } });
    expect(await api.conversation(waiting.id)).toMatchObject({ status: 'ACTIVE', assigneeUser: { id: ali.id } });
  });
});

describe('an agent taken off a product', () => {
  it('is given none of its queued chats afterwards, not even with room', async () => {
    const { api, bank, oya, ali, waiting } = await bankWithOnlyOya();
    await api.call(SET, { i: { productId: bank, userIds: [oya.id, ali.id], teamIds: [] } });
    expect((await api.conversation(waiting.id)).assigneeUser.id).toBe(ali.id);
    await api.call(SET, { i: { productId: bank, userIds: [oya.id], teamIds: [] } });
    clock.advance(1);
    const next = await api.start(bank);
    expect(next.status).toBe('QUEUED');
    // Ali has room (4 of 5 free) and comes back ONLINE: still nothing from Bank.
    await api.setPresence(ali, 'BREAK');
    await api.setPresence(ali, 'ONLINE');
    expect(await api.conversation(next.id)).toMatchObject({ status: 'QUEUED', assigneeUser: null });
    // Emptying both lists opens Bank to everyone again: Ali takes it.
    await api.call(SET, { i: { productId: bank, userIds: [], teamIds: [] } });
    expect(await api.conversation(next.id)).toMatchObject({ status: 'ACTIVE', assigneeUser: { id: ali.id } });
  });
});

describe('deleting the only team a product lists', () => {
  it('is refused, naming the product, instead of opening the product to everyone; with another assignee it goes', async () => {
    const { api, bank, oya, ali, waiting } = await bankWithOnlyOya();
    const team = (await api.call(`mutation($i: CreateTeamInput!) { createTeam(input: $i) { id } }`, { i: { name: 'Bankers', memberIds: [oya.id] } })).createTeam.id;
    await api.call(SET, { i: { productId: bank, userIds: [], teamIds: [team] } });
    const refused = await api.raw(`mutation($id: ID!) { deleteTeam(id: $id) }`, { id: team });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(refused.errors?.[0]?.message).toContain('Bank');
    // Still restricted: Ali (ONLINE, with room, not a Banker) is given nothing.
    expect(await api.conversation(waiting.id)).toMatchObject({ status: 'QUEUED', assigneeUser: null });
    // Once Ali is listed too, the team may go and Bank stays Ali's alone.
    await api.call(SET, { i: { productId: bank, userIds: [ali.id], teamIds: [team] } });
    expect((await api.raw(`mutation($id: ID!) { deleteTeam(id: $id) }`, { id: team })).errors).toBeUndefined();
    const assignees = await api.call(`query($id: ID!) { node(id: $id) { ... on Product { allowedUsers { id } allowedTeams { id } } } }`, { id: bank });
    expect(assignees.node).toEqual({ allowedUsers: [{ id: ali.id }], allowedTeams: [] });
  });
});
