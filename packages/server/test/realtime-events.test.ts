// Realtime: every committed change reaches the subscribers of its workspace over graphql-ws, filtered by what each
// may see; the socket's auth is checked at connect and ends with the session behind it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer } from '../src/server.js';
import { PASSWORD, rawId, startTestApp, type TestApp, uniqueEmail, type Workspace } from './harness.js';
import { connect, subscribe, untilLive, wsUrl } from './ws-client.js';

let t: TestApp;
let server: Awaited<ReturnType<typeof startServer>>;
let acme: Workspace;
let other: Workspace;

const EVENTS = `subscription($types: [String!], $after: ID) {
  workspaceEvents(types: $types, after: $after) { id type entityType entityId actor payload occurredAt }
}`;
type EventData = { workspaceEvents: { id: string; type: string; entityType: string; entityId: string; actor: string; payload: any } };

const createCustomer = (token: string, name: string) =>
  t.gql(`mutation($name: String!) { createCustomer(input: { name: $name }) { id } }`, { name }, token);

beforeAll(async () => {
  t = await startTestApp();
  server = await startServer(t.app, { port: 0, host: '127.0.0.1' });
  acme = await t.signUp('Acme');
  other = await t.signUp('Other');
});
afterAll(async () => {
  await server.close();
  await t.stop();
});

describe('workspaceEvents', () => {
  it('delivers a committed change with who did it, and nothing of another workspace', async () => {
    const sub = subscribe<EventData>(server.url, acme.token, EVENTS, { types: ['customer.*'] });
    await untilLive(sub, () => createCustomer(acme.token, 'warm-up'));
    await createCustomer(other.token, 'Not for Acme');
    const created = await createCustomer(acme.token, 'Zeynep Demir');
    const event = (await sub.next()).workspaceEvents;
    expect(event).toMatchObject({
      type: 'customer.created',
      entityType: 'Customer',
      entityId: created.data!.createCustomer.id,
      actor: `user:${rawId(acme.adminId)}`,
    });
    expect(await sub.settle(400)).toEqual([]);
    await sub.dispose();
  });

  it('filters by event type, and hides API-token events from agents', async () => {
    const agentEmail = uniqueEmail('agent');
    await t.gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email: agentEmail, name: 'Ajan', role: 'AGENT', password: PASSWORD } },
      acme.token,
    );
    const agentToken = (
      await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: agentEmail, p: PASSWORD })
    ).data!.login.token;
    const agentFeed = subscribe<EventData>(server.url, agentToken, EVENTS);
    const adminFeed = subscribe<EventData>(server.url, acme.token, EVENTS, { types: ['apiToken.created'] });
    await untilLive(agentFeed, () => createCustomer(acme.token, 'warm-up'));
    await untilLive(adminFeed, () =>
      t.gql(`mutation { createApiToken(input: { name: "warm-up", scopes: [READ] }) { secret } }`, {}, acme.token),
    );
    await t.gql(`mutation { createApiToken(input: { name: "Secret integration", scopes: [READ] }) { secret } }`, {}, acme.token);
    await createCustomer(acme.token, 'Visible to agents');

    expect((await adminFeed.next()).workspaceEvents).toMatchObject({ type: 'apiToken.created' });
    expect(await adminFeed.settle(300)).toEqual([]); // the customer event is filtered out by type
    const seenByAgent = [await agentFeed.next(), ...(await agentFeed.settle(300))].map((data) => data.workspaceEvents.type);
    expect(seenByAgent).toEqual(['customer.created']);
    await Promise.all([agentFeed.dispose(), adminFeed.dispose()]);
  });
});

describe('many subscribers of one workspace', () => {
  it('all get the event, with no listener-leak warning in the log (a team of agents is not a leak)', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    try {
      const subs = Array.from({ length: 12 }, () => subscribe<EventData>(server.url, acme.token, EVENTS, { types: ['customer.created'] }));
      for (const sub of subs) await untilLive(sub, () => createCustomer(acme.token, 'warm-up'));
      for (const sub of subs) await sub.settle(300);
      await createCustomer(acme.token, 'Seen by twelve');
      for (const sub of subs) expect((await sub.next()).workspaceEvents.type).toBe('customer.created');
      await Promise.all(subs.map((sub) => sub.dispose()));
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((warning) => warning.startsWith('MaxListenersExceededWarning') && warning.includes('workspace:'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('resuming a feed', () => {
  it('replays what a reconnecting client missed, in order and once, then continues live', async () => {
    const feed = subscribe<EventData>(server.url, acme.token, EVENTS, { types: ['customer.*'] });
    await untilLive(feed, () => createCustomer(acme.token, 'warm-up'));
    await createCustomer(acme.token, 'Seen before the drop');
    const lastSeen = (await feed.next()).workspaceEvents.id;
    await feed.dispose();

    // While disconnected: two customers of Acme, one of another workspace, and a change of another type.
    const missed = [await createCustomer(acme.token, 'Missed one'), await createCustomer(acme.token, 'Missed two')];
    await createCustomer(other.token, 'Not Acme');
    await t.gql(`mutation { createProduct(input: { name: "Filtered out by type" }) { id } }`, {}, acme.token);

    const resumed = subscribe<EventData>(server.url, acme.token, EVENTS, { types: ['customer.*'], after: lastSeen });
    const replayed = [(await resumed.next()).workspaceEvents, (await resumed.next()).workspaceEvents];
    expect(replayed.map((event) => event.entityId)).toEqual(missed.map((result) => result.data!.createCustomer.id));
    expect(Number(replayed[1].id)).toBeGreaterThan(Number(replayed[0].id));
    expect(Number(replayed[0].id)).toBeGreaterThan(Number(lastSeen));

    const live = await createCustomer(acme.token, 'Live again');
    const next = (await resumed.next()).workspaceEvents;
    expect(next.entityId).toBe(live.data!.createCustomer.id);
    expect(await resumed.settle(400)).toEqual([]);
    await resumed.dispose();
  });

  it('refuses an `after` that is not an event id', async () => {
    const bad = subscribe<EventData>(server.url, acme.token, EVENTS, { after: 'yesterday' });
    await bad.settle(500);
    expect(JSON.stringify(bad.errors)).toMatch(/Must be the id of an event/);
    await bad.dispose();
  });
});

describe('WebSocket authentication', () => {
  it('refuses a connection without a token or with a bad one (4403)', async () => {
    for (const token of [null, 'dgs_not-a-real-token']) {
      const { client, closed } = connect(server.url, token);
      expect((await closed).code).toBe(4403);
      await client.dispose();
    }
  });

  it('closes the socket when its session signs out (4401), and keeps others open', async () => {
    const second = (
      await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: acme.adminEmail, p: PASSWORD })
    ).data!.login.token;
    const ending = subscribe<EventData>(server.url, second, EVENTS);
    const staying = subscribe<EventData>(server.url, acme.token, EVENTS);
    await untilLive(ending, () => createCustomer(acme.token, 'warm-up'));
    await untilLive(staying, () => createCustomer(acme.token, 'warm-up'));
    await t.gql(`mutation { logout }`, {}, second);
    expect((await ending.closed).code).toBe(4401);
    await createCustomer(acme.token, 'Still delivered');
    expect((await staying.next()).workspaceEvents.type).toBeTruthy();
    await Promise.all([ending.dispose(), staying.dispose()]);
  });

  it('closes the socket of a revoked API token', async () => {
    const created = await t.gql(
      `mutation { createApiToken(input: { name: "Feed", scopes: [READ] }) { secret apiToken { id } } }`,
      {},
      acme.token,
    );
    const { secret, apiToken } = created.data!.createApiToken;
    const feed = subscribe<EventData>(server.url, secret, EVENTS);
    await untilLive(feed, () => createCustomer(acme.token, 'warm-up'));
    await t.gql(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: apiToken.id }, acme.token);
    expect((await feed.closed).code).toBe(4401);
    await feed.dispose();
  });
});

describe('malformed WebSocket traffic', () => {
  const rawSocket = () =>
    new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(wsUrl(server.url), 'graphql-transport-ws');
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
  const closeCode = (socket: WebSocket) => new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));

  it('closes with 4400 on garbage, 4401 on subscribe before init, and the server stays up', async () => {
    const garbage = await rawSocket();
    const garbageClosed = closeCode(garbage);
    garbage.send('{ this is not json');
    expect(await garbageClosed).toBe(4400);

    const unknownType = await rawSocket();
    const unknownClosed = closeCode(unknownType);
    unknownType.send(JSON.stringify({ type: 'explode', payload: 1 }));
    expect(await unknownClosed).toBe(4400);

    const early = await rawSocket();
    const earlyClosed = closeCode(early);
    early.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ viewer { role } }' } }));
    expect(await earlyClosed).toBe(4401);

    const fine = subscribe<EventData>(server.url, acme.token, EVENTS);
    await untilLive(fine, () => createCustomer(acme.token, 'after the garbage'));
    await fine.dispose();
    const health = await fetch(server.url.replace('/graphql', '/health'));
    expect(health.status).toBe(200);
  });

  it('applies the same parsing and query limits over WebSocket as over HTTP, keeping the socket open', async () => {
    const nest = (depth: number): string => (depth === 0 ? 'id' : `teams { members { ${nest(depth - 1)} } }`);
    const tooDeep = `query { viewer { user { ${nest(8)} } } }`;
    const aliases = (count: number) => `query { ${Array.from({ length: count }, (_, i) => `a${i}: viewer { role }`).join(' ')} }`;
    const notGraphQL = `query { viewer {`;
    const { client, closed } = connect(server.url, acme.token);
    const run = (query: string) =>
      new Promise<string[]>((resolve) => {
        const messages: string[] = [];
        client.subscribe(
          { query },
          {
            next: (result) => messages.push(...(result.errors ?? []).map((error) => error.message)),
            error: (error) => resolve([...messages, ...(Array.isArray(error) ? error : [error]).map((e) => String((e as Error).message))]),
            complete: () => resolve(messages),
          },
        );
      });
    expect(JSON.stringify(await run(tooDeep))).toMatch(/depth/i);
    expect(JSON.stringify(await run(aliases(40)))).toMatch(/Aliases limit of 30/);
    // 1,000 aliases stop at the token limit, before anything is validated.
    expect(JSON.stringify(await run(aliases(1000)))).toMatch(/Token limit/);
    expect(JSON.stringify(await run(notGraphQL))).toMatch(/Syntax Error/);
    // After all that, the same socket still answers.
    const fine = await new Promise<unknown>((resolve) => client.subscribe({ query: '{ viewer { role } }' }, { next: resolve, error: resolve, complete: () => {} }));
    expect(fine).toEqual({ data: { viewer: { role: 'ADMIN' } } });
    await client.dispose();
    await closed;
  });
});

describe('outbox', () => {
  it('writes the event in the same transaction as the change, and marks it published', async () => {
    const prisma = t.app.services.db.prisma;
    const before = await prisma.event.count();
    const clash = await t.gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email: acme.adminEmail, name: 'Duplicate', role: 'AGENT', password: PASSWORD } },
      acme.token,
    );
    expect(clash.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await prisma.event.count()).toBe(before); // the refused change left no event

    const created = await createCustomer(acme.token, 'Outboxed');
    const id = rawId(created.data!.createCustomer.id);
    const event = await prisma.event.findFirstOrThrow({ where: { entityId: id } });
    expect(event.type).toBe('customer.created');
    await t.app.services.events.drain();
    const published = await prisma.event.findUniqueOrThrow({ where: { id: event.id } });
    expect(published.publishedAt).not.toBeNull();
  });

  it('prunes published events past the retention period, never unpublished ones', async () => {
    const prisma = t.app.services.db.prisma;
    const old = new Date(Date.now() - 8 * 86_400_000);
    const workspaceId = rawId(acme.workspaceId);
    const stale = await prisma.event.create({
      data: { workspaceId, type: 'test.stale', entityType: 'Customer', entityId: 'x', actor: 'system', createdAt: old, publishedAt: old },
    });
    const pending = await prisma.event.create({
      data: { workspaceId, type: 'test.pending', entityType: 'Customer', entityId: 'y', actor: 'system', createdAt: old },
    });
    await t.app.services.events.stop(); // keep the relay from publishing the pending row during the check
    await t.app.services.events.prune();
    expect(await prisma.event.findUnique({ where: { id: stale.id } })).toBeNull();
    expect(await prisma.event.findUnique({ where: { id: pending.id } })).not.toBeNull();
    t.app.services.events.start();
  });
});
