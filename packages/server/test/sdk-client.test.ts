// The integrators' SDK against a real server on a real port: HTTP for queries and mutations, graphql-ws for the
// subscription, typed errors. Everything after sign-up goes through @deskgraph/sdk only, as an integration would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateCustomerDocument,
  createDeskgraphClient,
  type DeskgraphClient,
  DeskgraphClientError,
  ViewerDocument,
  WorkspaceEventsDocument,
  type WorkspaceEventsSubscription,
} from '@deskgraph/sdk';
import { startServer } from '../src/server.js';
import { startTestApp, type TestApp, type Workspace } from './harness.js';

let t: TestApp;
let acme: Workspace;
let server: Awaited<ReturnType<typeof startServer>>;
let client: DeskgraphClient;

beforeAll(async () => {
  t = await startTestApp();
  acme = await t.signUp();
  // Loopback only: nothing outside this machine needs to reach a test server.
  server = await startServer(t.app, { port: 0, host: '127.0.0.1' });
  client = createDeskgraphClient({ url: `http://127.0.0.1:${server.port}/graphql`, token: acme.token });
});

afterAll(async () => {
  await client?.close();
  await server?.close();
  await t?.stop();
});

const sleep = (ms: number) => new Promise<null>((resolve) => setTimeout(() => resolve(null), ms));

/** The next event, or a failure naming what was awaited instead of the test's generic timeout. */
async function nextEvent(events: AsyncIterator<WorkspaceEventsSubscription>, what: string, ms = 10_000) {
  const result = await Promise.race([events.next(), sleep(ms)]);
  if (!result) throw new Error(`no ${what} within ${ms} ms`);
  if (result.done) throw new Error(`subscription ended while waiting for ${what}`);
  return result.value.workspaceEvents;
}

describe('@deskgraph/sdk', () => {
  it('runs a typed query', async () => {
    const { viewer } = await client.request(ViewerDocument);
    expect(viewer.role).toBe('ADMIN');
    expect(viewer.user).toMatchObject({ id: acme.adminId, email: acme.adminEmail });
    expect(viewer.apiToken).toBeNull();
    expect(viewer.workspace).toMatchObject({ id: acme.workspaceId, name: 'Acme Support', timeZone: 'Europe/Istanbul' });
  });

  it('runs a typed mutation', async () => {
    const { createCustomer } = await client.request(CreateCustomerDocument, {
      input: { name: 'Zeynep Kaya', email: 'zeynep@example.test', phone: '+90 212 555 0101' },
    });
    expect(createCustomer).toMatchObject({ name: 'Zeynep Kaya', email: 'zeynep@example.test', phone: '+90 212 555 0101' });
    expect(createCustomer.id).toEqual(expect.any(String));
    expect(new Date(createCustomer.createdAt).getTime()).not.toBeNaN();
  });

  it('delivers the event of a mutation made after subscribing', async () => {
    const events = client.subscribe(WorkspaceEventsDocument, { types: ['customer.created'] });
    try {
      // The server registers a subscription asynchronously after the socket's ack, and events are not replayed: a
      // mutation made too early is simply not seen. So first prove the subscription is live by creating probe
      // customers until one of their events arrives; after that, no event of this workspace can be missed.
      const probeIds = new Set<string>();
      const firstEvent = events.next();
      let warm = false;
      for (let attempt = 0; attempt < 40 && !warm; attempt++) {
        const probe = await client.request(CreateCustomerDocument, { input: { name: `Probe ${attempt}` } });
        probeIds.add(probe.createCustomer.id);
        warm = (await Promise.race([firstEvent, sleep(250)])) !== null;
      }
      expect(warm, 'the subscription never delivered a probe event').toBe(true);

      const { createCustomer } = await client.request(CreateCustomerDocument, { input: { name: 'Mehmet Demir' } });

      // Events of probes still in flight may arrive first; skip those, and only those.
      let event = await nextEvent(events, 'the customer.created event');
      while (event.entityId !== createCustomer.id) {
        expect(probeIds).toContain(event.entityId);
        event = await nextEvent(events, 'the customer.created event of Mehmet Demir');
      }
      expect(event).toMatchObject({ type: 'customer.created', entityType: 'Customer', actor: expect.stringMatching(/^user:/) });
      expect(new Date(event.occurredAt).getTime()).not.toBeNaN();
    } finally {
      await events.return?.();
    }
  });

  it('rejects bad input with a typed error naming the field', async () => {
    const error = await client
      .request(CreateCustomerDocument, { input: { name: 'Bad Mail', email: 'not-an-e-mail' } })
      .then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeskgraphClientError);
    const clientError = error as DeskgraphClientError;
    expect(clientError.code).toBe('BAD_USER_INPUT');
    expect(clientError.field).toBe('input.email');
    expect(clientError.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
  });

  it('refuses a subscription with a bad token at once, with the same code as over HTTP', async () => {
    const intruder = createDeskgraphClient({ url: `http://127.0.0.1:${server.port}/graphql`, token: 'dgs_not-a-token' });
    try {
      const started = Date.now();
      const error = await intruder
        .subscribe(WorkspaceEventsDocument)
        .next()
        .then(() => null, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(DeskgraphClientError);
      expect(error).toMatchObject({ code: 'UNAUTHENTICATED', closeCode: 4403 });
      // No reconnect backoff for a refused token.
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await intruder.close();
    }
  });
});
