// Agents set their live-chat status; supervisors may change another agent's, but never bring an OFFLINE agent back.
// Time in status restarts at every change; capacity and channels are supervisor settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testClock, type Workspace } from './harness.js';
import { type Agent, chatApi, expectError } from './chat-setup.js';

const clock = testClock('2026-11-30T09:00:00Z');
let t: TestApp;
let acme: Workspace;
let api: ReturnType<typeof chatApi>;
let ali: Agent;
let oya: Agent;
let sue: Agent;

beforeAll(async () => {
  t = await startTestApp({}, { clock });
  acme = await t.signUp('Acme');
  api = chatApi(t.gql, acme);
  ali = await api.agent('Ali');
  oya = await api.agent('Oya');
  sue = await api.agent('Sue', 'SUPERVISOR');
});
afterAll(() => t.stop());

const PRESENCE = `query($id: ID!) { node(id: $id) { ... on User { presence { id status changedAt timeInStatusSeconds maxConcurrentChats chatChannels activeConversations user { id } } createdAt } } }`;

describe('agent presence', () => {
  it('is OFFLINE since the user was created until the first change', async () => {
    const { node } = await api.call(PRESENCE, { id: ali.id });
    expect(node.presence).toMatchObject({ status: 'OFFLINE', changedAt: node.createdAt, maxConcurrentChats: 5, chatChannels: [], activeConversations: 0, user: { id: ali.id } });
    // The presence is a node of its own, found by its id.
    const again = await api.call(`query($id: ID!) { node(id: $id) { ... on AgentPresence { status user { id } } } }`, { id: node.presence.id });
    expect(again.node).toEqual({ status: 'OFFLINE', user: { id: ali.id } });
  });

  it('an agent sets their own status, and time in status restarts at every change', async () => {
    clock.set('2026-11-30T09:00:00Z');
    const online = await api.call(`mutation { setPresence(input: { status: ONLINE }) { status changedAt } }`, {}, ali.token);
    expect(online.setPresence).toEqual({ status: 'ONLINE', changedAt: '2026-11-30T09:00:00.000Z' });
    clock.advance(10);
    expect((await api.call(PRESENCE, { id: ali.id })).node.presence.timeInStatusSeconds).toBe(600);
    const brk = await api.setPresence(ali, 'BREAK');
    expect(brk).toEqual({ status: 'BREAK', changedAt: '2026-11-30T09:10:00.000Z', timeInStatusSeconds: 0 });
    clock.advance(2);
    // Setting the same status again restarts the time too.
    expect(await api.setPresence(ali, 'BREAK')).toMatchObject({ changedAt: '2026-11-30T09:12:00.000Z', timeInStatusSeconds: 0 });
  });

  it('an agent cannot change another agent’s status', async () => {
    await api.setPresence(oya, 'ONLINE');
    expectError(await api.raw(`mutation($u: ID!) { setPresence(input: { userId: $u, status: BREAK }) { status } }`, { u: oya.id }, ali.token), 'FORBIDDEN');
    expect((await api.call(PRESENCE, { id: oya.id })).node.presence.status).toBe('ONLINE');
  });

  it('a supervisor changes another agent’s status, but cannot bring an OFFLINE agent back', async () => {
    expect(await api.setPresence(oya, 'BREAK', sue.token)).toMatchObject({ status: 'BREAK' });
    expect(await api.setPresence(oya, 'OFFLINE', sue.token)).toMatchObject({ status: 'OFFLINE' });
    const refused = await api.raw(`mutation($u: ID!) { setPresence(input: { userId: $u, status: ONLINE }) { status } }`, { u: oya.id }, sue.token);
    expectError(refused, 'CONFLICT', 'input.userId');
    expect(refused.errors![0].message).toMatch(/Oya is OFFLINE; only Oya can come back/);
    // The admin is refused the same way; the agent comes back themselves.
    expectError(await api.raw(`mutation($u: ID!) { setPresence(input: { userId: $u, status: ONLINE }) { status } }`, { u: oya.id }), 'CONFLICT', 'input.userId');
    expect(await api.setPresence(oya, 'ONLINE')).toMatchObject({ status: 'ONLINE' });
  });

  it('capacity and channels are supervisor settings, validated', async () => {
    expect(await api.settings(ali, { maxConcurrentChats: 3, chatChannels: ['WHATSAPP', 'LIVE_CHAT'] })).toEqual({ maxConcurrentChats: 3, chatChannels: ['WHATSAPP', 'LIVE_CHAT'] });
    const mutation = `mutation($i: UpdateAgentChatSettingsInput!) { updateAgentChatSettings(input: $i) { maxConcurrentChats } }`;
    expectError(await api.raw(mutation, { i: { userId: ali.id, maxConcurrentChats: 0 } }), 'BAD_USER_INPUT', 'input.maxConcurrentChats');
    expectError(await api.raw(mutation, { i: { userId: ali.id, maxConcurrentChats: 51 } }), 'BAD_USER_INPUT', 'input.maxConcurrentChats');
    expectError(await api.raw(mutation, { i: { userId: ali.id, chatChannels: ['EMAIL'] } }), 'BAD_USER_INPUT');
    expectError(await api.raw(mutation, { i: { userId: ali.id, maxConcurrentChats: 9 } }, ali.token), 'FORBIDDEN');
    expect(await api.settings(ali, { maxConcurrentChats: 50 })).toEqual({ maxConcurrentChats: 50, chatChannels: ['WHATSAPP', 'LIVE_CHAT'] });
  });

  it('presence of another workspace’s agent is not found', async () => {
    const other = await t.signUp('Other');
    expectError(await api.raw(`mutation($u: ID!) { setPresence(input: { userId: $u, status: BREAK }) { status } }`, { u: other.adminId }), 'NOT_FOUND', 'input.userId');
  });
});
