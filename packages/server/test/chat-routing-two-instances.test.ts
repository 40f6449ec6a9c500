// Routing across stateless instances: two server processes share PostgreSQL and Redis; agents resolve chats on both
// at once while the queue drains. The workspace routing lock must make every assignment happen once, in arrival
// order, never above an agent's capacity. Needs real services (DATABASE_URL and REDIS_URL): an embedded database
// cannot be shared between processes, so on the embedded default this file is skipped.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PASSWORD, rawId, testDatabaseUrl, uniqueEmail } from './harness.js';
import { gqlOver, type ServerProcess, startServerProcess } from './processes.js';

const databaseUrl = testDatabaseUrl();
const redisUrl = inject('redisUrl');

const AGENTS = 4;
const CAPACITY = 2;
const CONVERSATIONS = 40;

describe.skipIf(!databaseUrl || !redisUrl)('chat routing on two server instances', () => {
  let first: ServerProcess;
  let second: ServerProcess;
  let admin: string;
  let workspaceId: string;
  let productId: string;
  let topicId: string;
  const agents: { id: string; token: string }[] = [];

  async function call(url: string, query: string, variables: Record<string, unknown>, token = admin) {
    const result = await gqlOver(url, query, variables, token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data;
  }

  beforeAll(async () => {
    const env = { DATABASE_URL: databaseUrl!, REDIS_URL: redisUrl!, EVENT_RELAY_POLL_MS: '200' };
    [first, second] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    const signUp = await call(
      first.url,
      `mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { token } }`,
      { input: { name: 'Two Instances Chat', adminName: 'Ops', adminEmail: uniqueEmail('ops'), adminPassword: PASSWORD } },
    );
    admin = signUp.createWorkspace.token;
    workspaceId = rawId((await call(first.url, `{ viewer { workspace { id } } }`, {})).viewer.workspace.id);
    productId = (await call(first.url, `mutation { createProduct(input: { name: "Shop" }) { id } }`, {})).createProduct.id;
    topicId = (await call(first.url, `mutation($p: ID!) { createTicketTopic(input: { productId: $p, name: "Orders" }) { id } }`, { p: productId })).createTicketTopic.id;
    for (let i = 0; i < AGENTS; i++) {
      const email = uniqueEmail(`agent${i}`);
      const id = (await call(first.url, `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email, name: `Agent ${i}`, role: 'AGENT', password: PASSWORD } })).createUser.id;
      const token = (await call(second.url, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD })).login.token;
      await call(first.url, `mutation($i: UpdateAgentChatSettingsInput!) { updateAgentChatSettings(input: $i) { id } }`, { i: { userId: id, maxConcurrentChats: CAPACITY } });
      agents.push({ id, token });
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  it('assigns every queued conversation once, in arrival order, never above capacity, while resolves race on both instances', async () => {
    const url = (i: number) => (i % 2 === 0 ? first.url : second.url);
    // Customers arrive one after another (alternating instances) while every agent is away: all of them queue.
    const started: string[] = [];
    for (let i = 0; i < CONVERSATIONS; i++) {
      const data = await call(
        url(i),
        `mutation($i: StartConversationInput!) { startConversation(input: $i) { id status } }`,
        { i: { productId, channel: 'LIVE_CHAT', customer: { name: `Customer ${i}`, email: uniqueEmail(`c${i}`) }, body: `hello ${i}` } },
      );
      expect(data.startConversation.status).toBe('QUEUED');
      started.push(data.startConversation.id);
    }
    // All agents come ONLINE at once, on both instances: each drains the queue up to their capacity.
    await Promise.all(agents.map((agent, i) => call(url(i), `mutation { setPresence(input: { status: ONLINE }) { status } }`, {}, agent.token)));

    // Rounds of concurrent resolves on both instances until the queue is empty and nothing is active.
    let rounds = 0;
    for (;;) {
      const active = await Promise.all(
        agents.map(async (agent) => ({
          agent,
          ids: (
            await call(first.url, `query($a: [ID!]) { conversations(filter: { statuses: [ACTIVE], assigneeUserIds: $a }) { edges { node { id } } } }`, { a: [agent.id] })
          ).conversations.edges.map((edge: { node: { id: string } }) => edge.node.id) as string[],
        })),
      );
      const work = active.flatMap(({ agent, ids }) => ids.map((id) => ({ agent, id })));
      if (work.length === 0) break;
      rounds++;
      for (const { ids } of active) expect(ids.length).toBeLessThanOrEqual(CAPACITY);
      await Promise.all(
        work.map(({ agent, id }, i) =>
          call(url(i + rounds), `mutation($i: ResolveConversationInput!) { resolveConversation(input: $i) { status } }`, { i: { conversationId: id, topicId } }, agent.token),
        ),
      );
    }
    const queue = (await call(second.url, `{ chatQueue { waiting } }`, {})).chatQueue;
    expect(queue.waiting).toBe(0);
    expect(rounds).toBeGreaterThanOrEqual(CONVERSATIONS / (AGENTS * CAPACITY));

    const client = new pg.Client({ connectionString: databaseUrl! });
    await client.connect();
    try {
      // One ASSIGNED activity per conversation: none assigned twice, none left out.
      const assigned = await client.query<{ conversationId: string; n: string }>(
        `SELECT "conversationId", count(*) AS n FROM "ConversationActivity" WHERE "workspaceId" = $1 AND kind = 'ASSIGNED' GROUP BY 1`,
        [workspaceId],
      );
      expect(assigned.rows.length).toBe(CONVERSATIONS);
      expect(assigned.rows.every((row) => Number(row.n) === 1)).toBe(true);

      // Replaying the events in commit order (they are written under the lock): arrival order, within capacity.
      const events = await client.query<{ type: string; entityId: string; payload: { assigneeUserId: string } }>(
        `SELECT type, "entityId", payload FROM "Event" WHERE "workspaceId" = $1 AND type IN ('conversation.assigned', 'conversation.resolved') ORDER BY id`,
        [workspaceId],
      );
      const arrival = await client.query<{ id: string }>(
        `SELECT id FROM "Conversation" WHERE "workspaceId" = $1 ORDER BY "queuedAt", id`,
        [workspaceId],
      );
      const load = new Map<string, number>();
      let highest = 0;
      const assignedOrder: string[] = [];
      for (const event of events.rows) {
        const agent = event.payload.assigneeUserId;
        const now = (load.get(agent) ?? 0) + (event.type === 'conversation.assigned' ? 1 : -1);
        load.set(agent, now);
        highest = Math.max(highest, now);
        expect(now).toBeGreaterThanOrEqual(0);
        if (event.type === 'conversation.assigned') assignedOrder.push(event.entityId);
      }
      expect(highest).toBe(CAPACITY);
      expect(assignedOrder).toEqual(arrival.rows.map((row) => row.id));
      expect(new Set(assignedOrder).size).toBe(CONVERSATIONS);
      expect(started.map(rawId).sort()).toEqual([...assignedOrder].sort());
      const resolved = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Conversation" WHERE "workspaceId" = $1 AND status = 'RESOLVED'`, [workspaceId]);
      expect(Number(resolved.rows[0].n)).toBe(CONVERSATIONS);
      console.log(`[chat-routing-two-instances] ${CONVERSATIONS} conversations, ${AGENTS} agents x ${CAPACITY}, drained in ${rounds} rounds of concurrent resolves`);
    } finally {
      await client.end();
    }
  }, 180_000);
});
