// Stateless instances: two server processes share PostgreSQL and Redis; a client subscribed on one receives, exactly
// once, the event of a mutation made on the other. Needs real services (DATABASE_URL and REDIS_URL): an embedded
// database cannot be shared between processes, so on the embedded default this file is skipped.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PASSWORD, rawId, testDatabaseUrl, uniqueEmail } from './harness.js';
import { gqlOver, type ServerProcess, startServerProcess } from './processes.js';
import { subscribe, untilLive } from './ws-client.js';

const databaseUrl = testDatabaseUrl();
const redisUrl = inject('redisUrl');

describe.skipIf(!databaseUrl || !redisUrl)('two server instances', () => {
  let first: ServerProcess;
  let second: ServerProcess;
  let token: string;

  beforeAll(async () => {
    const env = { DATABASE_URL: databaseUrl!, REDIS_URL: redisUrl!, EVENT_RELAY_POLL_MS: '200' };
    [first, second] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    const signUp = await gqlOver(
      first.url,
      `mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { token } }`,
      { input: { name: 'Two Instances', adminName: 'Ops', adminEmail: uniqueEmail('ops'), adminPassword: PASSWORD } },
    );
    token = signUp.data.createWorkspace.token;
  }, 90_000);

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  it('deliver an event made on one instance exactly once to a subscriber on the other', async () => {
    const onSecond = subscribe<{ workspaceEvents: { id: string; type: string; entityId: string } }>(
      second.url,
      token,
      `subscription { workspaceEvents(types: ["customer.*"]) { id type entityId } }`,
    );
    const createOnFirst = (name: string) =>
      gqlOver(first.url, `mutation($name: String!) { createCustomer(input: { name: $name }) { id } }`, { name }, token);
    await untilLive(onSecond, () => createOnFirst('warm-up'));

    const created = await createOnFirst('Cross-instance customer');
    const customerId = rawId(created.data.createCustomer.id);
    const event = (await onSecond.next(10_000)).workspaceEvents;
    expect(event.type).toBe('customer.created');
    expect(rawId(event.entityId)).toBe(customerId);
    // Both instances run the outbox relay; the row must still go out once.
    const later = await onSecond.settle(1500);
    expect(later.filter((data) => rawId(data.workspaceEvents.entityId) === customerId)).toEqual([]);
    await onSecond.dispose();
  });

  it('publish every event of a burst once, whichever instance relays it', async () => {
    const onFirst = subscribe<{ workspaceEvents: { id: string; entityId: string } }>(
      first.url,
      token,
      `subscription { workspaceEvents(types: ["customer.created"]) { id entityId } }`,
    );
    const create = (url: string, name: string) =>
      gqlOver(url, `mutation($name: String!) { createCustomer(input: { name: $name }) { id } }`, { name }, token);
    await untilLive(onFirst, () => create(second.url, 'warm-up'));
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => create(i % 2 ? first.url : second.url, `Burst ${i}`)),
    );
    const expected = burst.map((result) => result.data.createCustomer.id).sort();
    const deadline = Date.now() + 10_000;
    while (onFirst.received.length < expected.length && Date.now() < deadline) await onFirst.settle(100);
    await onFirst.settle(1000);
    // Late warm-up events may still arrive; every burst event must be there exactly once.
    const wanted = new Set(expected);
    const delivered = onFirst.received.map((data) => data.workspaceEvents.entityId).filter((id) => wanted.has(id)).sort();
    expect(delivered).toEqual(expected);
    await onFirst.dispose();
  });
});
