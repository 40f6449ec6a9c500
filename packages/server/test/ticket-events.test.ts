// Keeping a ticket list live: an agent's list subscribes to `ticketEvents` over graphql-ws with the filter it lists
// with, and from the events alone adds new tickets, updates changed ones and drops those that leave its filter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server.js';
import { PASSWORD, rawId, startTestApp, type TestApp, uniqueEmail, type Workspace } from './harness.js';
import { subscribe, type Subscription, untilLive } from './ws-client.js';

let t: TestApp;
let server: Awaited<ReturnType<typeof startServer>>;
let acme: Workspace;
let other: Workspace;
let ali: { id: string; token: string };
let oya: { id: string; token: string };
let shop: string;
let bank: string;
let otherShop: string;
let status: Record<string, string>;

const EVENTS = `subscription($filter: TicketEventFilter, $after: ID) {
  ticketEvents(filter: $filter, after: $after) {
    eventId kind changedFields messageId matchesFilter actor
    ticket { id subject priority status { name category } assigneeUser { id } mergedInto { id } lastMessage { id body } }
  }
}`;
interface TicketEvent {
  eventId: string;
  kind: string;
  changedFields: string[];
  messageId: string | null;
  matchesFilter: boolean;
  actor: string;
  ticket: { id: string; subject: string; priority: string; status: { name: string; category: string }; assigneeUser: { id: string } | null; mergedInto: { id: string } | null; lastMessage: { id: string; body: string } | null };
}
type EventData = { ticketEvents: TicketEvent };

async function call(query: string, variables: Record<string, unknown>, token: string) {
  const result = await t.gql(query, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

const createTicket = async (input: Record<string, unknown>, token = ali.token) =>
  (await call(`mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }`, { i: { customer: { name: 'C', email: uniqueEmail('c') }, ...input } }, token))
    .createTicket.id as string;
const updateTicket = (input: Record<string, unknown>, token = ali.token) =>
  call(`mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { id } }`, { i: input }, token);

async function agent(name: string) {
  const email = uniqueEmail(name);
  const id = (await call(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email, name, role: 'AGENT', password: PASSWORD } }, acme.token)).createUser.id;
  const token = (await call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD }, acme.token)).login.token;
  return { id, token };
}

/** The next event, and proof that nothing else came with it. */
async function only(feed: Subscription<EventData>) {
  const event = (await feed.next()).ticketEvents;
  expect((await feed.settle(400)).map((data) => data.ticketEvents.kind)).toEqual([]);
  return event;
}

const live = (feed: Subscription<EventData>, productId = shop) => untilLive(feed, () => createTicket({ productId, subject: 'warm-up' }));

beforeAll(async () => {
  t = await startTestApp();
  server = await startServer(t.app, { port: 0, host: '127.0.0.1' });
  acme = await t.signUp('Acme');
  other = await t.signUp('Other');
  ali = await agent('ali');
  oya = await agent('oya');
  shop = (await call(`mutation { createProduct(input: { name: "Shop" }) { id } }`, {}, acme.token)).createProduct.id;
  bank = (await call(`mutation { createProduct(input: { name: "Bank" }) { id } }`, {}, acme.token)).createProduct.id;
  otherShop = (await call(`mutation { createProduct(input: { name: "Shop" }) { id } }`, {}, other.token)).createProduct.id;
  const statuses = (await call(`{ ticketStatuses { id name } }`, {}, acme.token)).ticketStatuses;
  status = Object.fromEntries(statuses.map((s: { id: string; name: string }) => [s.name, s.id]));
});
afterAll(async () => {
  await server.close();
  await t.stop();
});

describe('ticketEvents', () => {
  it('tells a list of each new ticket and change, with the ticket as it is now', async () => {
    const feed = subscribe<EventData>(server.url, ali.token, EVENTS);
    await live(feed);
    await createTicket({ productId: otherShop, subject: 'Other workspace' }, other.token);

    const id = await createTicket({ productId: shop, subject: 'Parcel never arrived' });
    const created = await only(feed);
    expect(created).toMatchObject({
      kind: 'CREATED',
      changedFields: [],
      matchesFilter: true,
      actor: `user:${rawId(ali.id)}`,
      ticket: { id, subject: 'Parcel never arrived', priority: 'MEDIUM', status: { name: 'New' } },
    });

    await updateTicket({ id, priority: 'URGENT', subject: 'Parcel lost' });
    const updated = await only(feed);
    expect(updated).toMatchObject({ kind: 'UPDATED', ticket: { priority: 'URGENT', subject: 'Parcel lost' } });
    expect([...updated.changedFields].sort()).toEqual(['priority', 'subject']);
    expect(Number(updated.eventId)).toBeGreaterThan(Number(created.eventId));

    const reply = await call(`mutation($i: ReplyToTicketInput!) { replyToTicket(input: $i) { message { id } } }`, { i: { ticketId: id, body: 'On its way.' } }, ali.token);
    const message = await only(feed);
    expect(message).toMatchObject({
      kind: 'MESSAGE_ADDED',
      changedFields: ['messages'],
      messageId: reply.replyToTicket.message.id,
      ticket: { lastMessage: { id: reply.replyToTicket.message.id, body: 'On its way.' } },
    });

    await updateTicket({ id, assignee: { kind: 'USER', id: oya.id } });
    const kinds = [await feed.next(), await feed.next()].map((data) => data.ticketEvents);
    expect(kinds.map((event) => [event.kind, event.changedFields, event.ticket.assigneeUser])).toEqual([
      ['UPDATED', ['assignee'], { id: oya.id }],
      ['ASSIGNED', ['assignee'], { id: oya.id }],
    ]);
    await feed.dispose();
  });

  it('delivers only tickets of its filter, and says when one leaves it', async () => {
    const filter = { tickets: { productIds: [shop], statusCategories: ['NEW', 'OPEN'] } };
    const feed = subscribe<EventData>(server.url, ali.token, EVENTS, { filter });
    await live(feed);

    await createTicket({ productId: bank, subject: 'Bank ticket' });
    const id = await createTicket({ productId: shop, subject: 'Shop ticket' });
    expect(await only(feed)).toMatchObject({ kind: 'CREATED', matchesFilter: true, ticket: { id } });

    await updateTicket({ id, statusId: status.Resolved });
    expect(await only(feed)).toMatchObject({ kind: 'UPDATED', changedFields: ['status'], matchesFilter: false, ticket: { id, status: { category: 'RESOLVED' } } });

    // Out of the list, a change that cannot bring it back stays quiet…
    await updateTicket({ id, priority: 'HIGH' });
    expect(await feed.settle(500)).toEqual([]);
    // …and reopening brings it back.
    await updateTicket({ id, statusId: status.Open });
    expect(await only(feed)).toMatchObject({ kind: 'UPDATED', matchesFilter: true, ticket: { status: { name: 'Open' }, priority: 'HIGH' } });
    await feed.dispose();
  });

  it('follows "mine or nobody’s" for the subscriber', async () => {
    const feed = subscribe<EventData>(server.url, ali.token, EVENTS, { filter: { tickets: { assignedToMe: true, unassigned: true } } });
    await live(feed);
    const id = await createTicket({ productId: shop, subject: 'Nobody’s yet' });
    expect(await only(feed)).toMatchObject({ kind: 'CREATED', matchesFilter: true });

    await updateTicket({ id, assignee: { kind: 'USER', id: ali.id } });
    const mine = [await feed.next(), await feed.next()].map((data) => data.ticketEvents);
    expect(mine.map((event) => [event.kind, event.matchesFilter])).toEqual([
      ['UPDATED', true],
      ['ASSIGNED', true],
    ]);
    await updateTicket({ id, assignee: { kind: 'USER', id: oya.id } });
    expect(await only(feed)).toMatchObject({ kind: 'UPDATED', changedFields: ['assignee'], matchesFilter: false, ticket: { assigneeUser: { id: oya.id } } });
    await createTicket({ productId: shop, subject: 'Oya’s', assignee: { kind: 'USER', id: oya.id } });
    expect(await feed.settle(500)).toEqual([]);
    await feed.dispose();
  });

  it('follows one ticket, only the kinds asked for', async () => {
    const watched = await createTicket({ productId: shop, subject: 'Watched' });
    const feed = subscribe<EventData>(server.url, ali.token, EVENTS, { filter: { ticketIds: [watched], kinds: ['MESSAGE_ADDED'] } });
    const note = (ticketId: string, body: string) =>
      call(`mutation($i: AddPrivateNoteInput!) { addPrivateNote(input: $i) { message { id } } }`, { i: { ticketId, body } }, ali.token);
    await untilLive(feed, () => note(watched, 'warm-up'));
    const elsewhere = await createTicket({ productId: shop, subject: 'Not watched' });
    await note(elsewhere, 'Not for this screen');
    await updateTicket({ id: watched, priority: 'LOW' });
    await note(watched, 'Customer called back');
    expect(await only(feed)).toMatchObject({ kind: 'MESSAGE_ADDED', ticket: { id: watched, lastMessage: { body: 'Customer called back' } } });
    await feed.dispose();
  });

  it('reports a merge on the merged ticket, pointing at the one it went into', async () => {
    const source = await createTicket({ productId: shop, subject: 'Duplicate' });
    const target = await createTicket({ productId: shop, subject: 'Original' });
    const mergeFeed = subscribe<EventData>(server.url, ali.token, EVENTS, { filter: { ticketIds: [source] } });
    let flip = false;
    await untilLive(mergeFeed, () => updateTicket({ id: source, priority: (flip = !flip) ? 'LOW' : 'HIGH' }));
    await call(`mutation($i: MergeTicketsInput!) { mergeTickets(input: $i) { __typename } }`, { i: { sourceTicketId: source, targetTicketId: target } }, ali.token);
    const events = [await mergeFeed.next(), ...(await mergeFeed.settle(500))].map((data) => data.ticketEvents);
    const merged = events.find((event) => event.kind === 'MERGED');
    expect(merged).toMatchObject({ ticket: { id: source, status: { category: 'CLOSED' }, mergedInto: { id: target } } });
    expect(events.every((event) => event.ticket.id === source)).toBe(true);
    await mergeFeed.dispose();
  });

  it('runs a saved view of the subscriber, and only theirs', async () => {
    const view = (await call(`mutation { createSavedView(input: { name: "Urgent", filter: { priorities: [URGENT] } }) { id } }`, {}, ali.token)).createSavedView.id;
    const feed = subscribe<EventData>(server.url, ali.token, EVENTS, { filter: { viewId: view } });
    await untilLive(feed, () => createTicket({ productId: shop, subject: 'warm-up', priority: 'URGENT' }));
    await createTicket({ productId: shop, subject: 'Calm', priority: 'LOW' });
    const urgent = await createTicket({ productId: shop, subject: 'Fire', priority: 'URGENT' });
    expect(await only(feed)).toMatchObject({ kind: 'CREATED', ticket: { id: urgent } });
    await feed.dispose();

    const foreign = subscribe<EventData>(server.url, oya.token, EVENTS, { filter: { viewId: view } });
    await foreign.settle(500);
    expect(JSON.stringify(foreign.errors)).toMatch(/SavedView not found/);
    await foreign.dispose();
  });

  it('replays what a reconnecting list missed, then continues live', async () => {
    const filter = { tickets: { productIds: [bank] } };
    const feed = subscribe<EventData>(server.url, ali.token, EVENTS, { filter });
    await live(feed, bank);
    const seen = await createTicket({ productId: bank, subject: 'Seen' });
    const last = (await feed.next()).ticketEvents;
    expect(last.ticket.id).toBe(seen);
    await feed.dispose();

    const missed = await createTicket({ productId: bank, subject: 'Missed' });
    await createTicket({ productId: shop, subject: 'Not in this list' });
    await createTicket({ productId: otherShop, subject: 'Not this workspace' }, other.token);
    await updateTicket({ id: missed, priority: 'HIGH' }); // priority is not part of the filter, but the ticket matches

    const resumed = subscribe<EventData>(server.url, ali.token, EVENTS, { filter, after: last.eventId });
    const replayed = [(await resumed.next()).ticketEvents, (await resumed.next()).ticketEvents];
    expect(replayed.map((event) => [event.kind, event.ticket.subject, event.ticket.priority])).toEqual([
      ['CREATED', 'Missed', 'HIGH'], // the ticket as it is now
      ['UPDATED', 'Missed', 'HIGH'],
    ]);
    const fresh = await createTicket({ productId: bank, subject: 'Live again' });
    expect((await resumed.next()).ticketEvents.ticket.id).toBe(fresh);
    expect(await resumed.settle(400)).toEqual([]);
    await resumed.dispose();
  });

  it('refuses bad filters with the field named', async () => {
    const feed = subscribe<EventData>(server.url, ali.token, EVENTS, { filter: { tickets: { tagIds: [shop] } } });
    await feed.settle(500);
    expect(feed.errors).toMatchObject([{ extensions: { code: 'NOT_FOUND', field: 'filter.tickets.tagIds' } }]);
    await feed.dispose();
    const after = subscribe<EventData>(server.url, ali.token, EVENTS, { after: 'yesterday' });
    await after.settle(500);
    expect(after.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }]);
    await after.dispose();
  });
});
