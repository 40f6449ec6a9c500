// SLA alerts and countdowns: agents are warned when a target's time is mostly used and told when it runs out,
// once, whichever server instance notices first and however long no instance was running; a ticket screen keeps a
// live countdown. Also: ticket rules that undo each other cannot stop the SLA from following the ticket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server.js';
import { PASSWORD, rawId, startTestApp, type TestApp, type TestClock, testClock, testDatabaseUrl, uniqueEmail, type Workspace } from './harness.js';
import { subscribe, type Subscription, untilLive } from './ws-client.js';

// Monday 09:00 in Istanbul, after the real now: on a shared PostgreSQL, other test apps' schedulers scan with the
// wall clock and would otherwise breach these targets; this file's scans are limited to its own workspaces.
const START = '2027-06-07T06:00:00.000Z';
let clock: TestClock;
let t: TestApp;
let server: Awaited<ReturnType<typeof startServer>>;
let acme: Workspace;
let other: Workspace;
let acmeShop: string;
let otherShop: string;
let ali: { id: string; token: string };

async function call<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const result = await t.gql<T>(query, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

const plus = (from: string, minutes: number) => new Date(new Date(from).getTime() + minutes * 60_000).toISOString();

/** A product whose URGENT tickets promise a first response in 30 minutes around the clock (warning at 80 %). */
async function urgentSla(ws: Workspace, name: string, targets = [{ metric: 'FIRST_RESPONSE', minutes: 30 }]) {
  const product = (await call(`mutation($n: String!) { createProduct(input: { name: $n }) { id } }`, { n: name }, ws.token)).createProduct.id as string;
  const policy = (await call(`mutation($i: CreateSlaPolicyInput!) { createSlaPolicy(input: $i) { id } }`, { i: { name: `${name} urgent`, targets, targetRate: 90, productIds: [product] } }, ws.token))
    .createSlaPolicy.id as string;
  await call(
    `mutation($i: CreateSlaRuleInput!) { createSlaRule(input: $i) { id } }`,
    { i: { name: `${name} urgent`, conditions: [{ kind: 'product', config: { productIds: [product] } }, { kind: 'priority', config: { priorities: ['URGENT'] } }], policyId: policy } },
    ws.token,
  );
  return { product, policy };
}

async function customerTicket(ws: Workspace, productId: string, extra: Record<string, unknown> = {}) {
  return (
    await call(
      `mutation($i: CreateTicketFromCustomerInput!) { createTicketFromCustomer(input: $i) { id number } }`,
      { i: { productId, channel: 'EMAIL', customer: { name: 'Deniz', email: uniqueEmail('deniz') }, subject: 'Order missing', body: 'Where is it?', priority: 'URGENT', ...extra } },
      ws.token,
    )
  ).createTicketFromCustomer as { id: string; number: number };
}

const slaEventsOf = async (ticketId: string) =>
  (
    await t.app.services.db.prisma.event.findMany({ where: { entityId: rawId(ticketId), type: { in: ['sla.warning', 'sla.breached'] } }, orderBy: { id: 'asc' } })
  ).map((event) => ({ type: event.type, payload: event.payload }));

const ALERTS = `subscription($mine: Boolean) {
  slaAlerts(mine: $mine) { eventId kind occurredAt target { metric cycle status breachedAt remainingSeconds } ticket { id number } }
}`;
interface Alert {
  eventId: string;
  kind: string;
  occurredAt: string;
  target: { metric: string; cycle: number; status: string; breachedAt: string | null; remainingSeconds: number };
  ticket: { id: string; number: number };
}
type AlertData = { slaAlerts: Alert };

/** Proves a feed live: a throw-away ticket breaches until the feed hears of it. */
const liveAlerts = (feed: Subscription<AlertData>, ws: Workspace, makeTicket: () => Promise<unknown>) =>
  untilLive(feed, async () => {
    await makeTicket();
    clock.advance(31);
    await scan(ws);
  });

const scan = (ws: Workspace) => t.app.sla.scanOnce({ workspaceId: rawId(ws.workspaceId) });

beforeAll(async () => {
  clock = testClock(START);
  t = await startTestApp({ SLA_SCAN_MS: '3600000' }, { clock });
  server = await startServer(t.app, { port: 0, host: '127.0.0.1' });
  acme = await t.signUp('Acme');
  other = await t.signUp('Other');
  acmeShop = (await urgentSla(acme, 'Shop')).product;
  otherShop = (await urgentSla(other, 'Shop')).product;
  const email = uniqueEmail('ali');
  const id = (await call(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email, name: 'Ali', role: 'AGENT', password: PASSWORD } }, acme.token)).createUser.id;
  const token = (await call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD }, acme.token)).login.token;
  ali = { id, token };
});
afterAll(async () => {
  await server?.close();
  await t.stop();
});

describe('SLA warnings and breaches', () => {
  it('warns once at 80 % of the time and reports the breach at the due time, live over a subscription', async () => {
    const feed = subscribe<AlertData>(server.url, acme.token, ALERTS);
    const otherFeed = subscribe<AlertData>(server.url, other.token, ALERTS);
    await liveAlerts(feed, acme, () => customerTicket(acme, acmeShop, { subject: 'warm-up' }));
    await liveAlerts(otherFeed, other, () => customerTicket(other, otherShop, { subject: 'warm-up' }));
    feed.skipReceived();

    const base = clock.now().toISOString();
    const ticket = await customerTicket(acme, acmeShop);
    clock.advance(23);
    expect(await scan(acme)).toBe(0);
    clock.advance(1); // 24 of 30 minutes: 80 %
    expect(await scan(acme)).toBe(1);
    expect(await scan(acme)).toBe(0);
    const warning = (await feed.next()).slaAlerts;
    expect(warning).toMatchObject({ kind: 'WARNING', occurredAt: plus(base, 24), ticket: { id: ticket.id, number: ticket.number }, target: { metric: 'FIRST_RESPONSE', status: 'ACTIVE', remainingSeconds: 360 } });

    clock.advance(5);
    expect(await scan(acme)).toBe(0);
    clock.advance(1); // 30 minutes: due
    expect(await scan(acme)).toBe(1);
    const breach = (await feed.next()).slaAlerts;
    expect(breach).toMatchObject({ kind: 'BREACHED', occurredAt: plus(base, 30), ticket: { id: ticket.id }, target: { status: 'BREACHED', breachedAt: plus(base, 30), remainingSeconds: 0 } });
    expect(Number(breach.eventId)).toBeGreaterThan(Number(warning.eventId));
    expect(await scan(acme)).toBe(0);
    expect((await feed.settle(400)).length).toBe(0);
    // Another workspace's agents hear nothing of it (their feed is live: it heard their own warm-up breach).
    expect(await otherFeed.settle(200)).toEqual([]);

    expect(await slaEventsOf(ticket.id)).toEqual([
      { type: 'sla.warning', payload: expect.objectContaining({ metric: 'FIRST_RESPONSE', cycle: 0, dueAt: plus(base, 30), ticketNumber: ticket.number }) },
      { type: 'sla.breached', payload: expect.objectContaining({ metric: 'FIRST_RESPONSE', cycle: 0, dueAt: plus(base, 30), ticketNumber: ticket.number }) },
    ]);
    // The list sorts by running targets only: a breached ticket no longer has a next due time.
    const node = await call(`query($id: ID!) { node(id: $id) { ... on Ticket { slaNextDueAt } } }`, { id: ticket.id }, acme.token);
    expect(node.node.slaNextDueAt).toBeNull();
    await feed.dispose();
    await otherFeed.dispose();
  });

  it('a ticket list filtered by breached targets hears of a breach that happened by time alone', async () => {
    const LIST = `subscription($filter: TicketEventFilter) { ticketEvents(filter: $filter) { kind changedFields matchesFilter ticket { id } } }`;
    type ListData = { ticketEvents: { kind: string; changedFields: string[]; matchesFilter: boolean; ticket: { id: string } } };
    const list = subscribe<ListData>(server.url, acme.token, LIST, { filter: { tickets: { sla: { statuses: ['BREACHED'] } } } });
    await untilLive(list, async () => {
      await customerTicket(acme, acmeShop, { subject: 'warm-up' });
      clock.advance(31);
      await scan(acme);
    });
    const ticket = await customerTicket(acme, acmeShop);
    clock.advance(31);
    expect(await scan(acme)).toBe(1);
    // Events of its creation may come first (read when delivered, the ticket may already count as breached); the
    // breach, which no ticket change caused, comes as an SLA change that puts it in the list.
    const heard: ListData['ticketEvents'][] = [];
    while (!heard.some((event) => event.changedFields.includes('sla') && event.matchesFilter)) heard.push((await list.next()).ticketEvents);
    expect(heard.at(-1)).toEqual({ kind: 'UPDATED', changedFields: ['sla'], matchesFilter: true, ticket: { id: ticket.id } });
    expect(heard.every((event) => event.ticket.id === ticket.id)).toBe(true);
    await list.dispose();
  });

  it('with mine: only tickets assigned to the agent or a team of theirs', async () => {
    const team = (await call(`mutation($i: CreateTeamInput!) { createTeam(input: $i) { id } }`, { i: { name: 'Night shift', memberIds: [ali.id] } }, acme.token)).createTeam.id;
    const feed = subscribe<AlertData>(server.url, ali.token, ALERTS, { mine: true });
    // Warmed up with tickets of Ali's: nobody's tickets never reach this feed.
    await liveAlerts(feed, acme, () =>
      call(
        `mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }`,
        { i: { productId: acmeShop, customer: { name: 'W', email: uniqueEmail('w') }, subject: 'warm-up', priority: 'URGENT', assignee: { kind: 'USER', id: ali.id } } },
        acme.token,
      ),
    );

    const assign = (id: string, assignee: Record<string, unknown>) => call(`mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { id } }`, { i: { id, assignee } }, acme.token);
    const toAli = await customerTicket(acme, acmeShop);
    const toTeam = await customerTicket(acme, acmeShop);
    const toNobody = await customerTicket(acme, acmeShop);
    await assign(toAli.id, { kind: 'USER', id: ali.id });
    await assign(toTeam.id, { kind: 'TEAM', id: team });
    clock.advance(31);
    await scan(acme);
    const received = [(await feed.next()).slaAlerts, (await feed.next()).slaAlerts];
    expect(received.map((alert) => alert.ticket.id).sort()).toEqual([toAli.id, toTeam.id].sort());
    expect(received.every((alert) => alert.kind === 'BREACHED')).toBe(true);
    expect((await feed.settle(400)).map((data) => data.slaAlerts.ticket.id)).not.toContain(toNobody.id);
    await feed.dispose();
  }, 30_000);

  it('catches up after downtime: one breach alert per overdue target, no stale warning', async () => {
    const ticket = await customerTicket(acme, acmeShop);
    clock.advance(180); // three hours with no instance scanning
    expect(await scan(acme)).toBe(1);
    expect(await scan(acme)).toBe(0);
    expect((await slaEventsOf(ticket.id)).map((event) => event.type)).toEqual(['sla.breached']);

    // A change after the due time finds the target breached itself; the scheduler still tells people, once.
    const noted = await customerTicket(acme, acmeShop);
    clock.advance(45);
    await call(`mutation($i: AddPrivateNoteInput!) { addPrivateNote(input: $i) { message { id } } }`, { i: { ticketId: noted.id, body: 'Late already.' } }, acme.token);
    const target = await t.app.services.db.prisma.slaTarget.findFirstOrThrow({ where: { ticketId: rawId(noted.id) } });
    expect(target).toMatchObject({ status: 'BREACHED', breachAlertedAt: null });
    await scan(acme);
    await scan(acme);
    expect((await slaEventsOf(noted.id)).map((event) => event.type)).toEqual(['sla.breached']);

    // A reply after the breach completes the target late; the breach is not announced a second time.
    await call(`mutation($i: ReplyToTicketInput!) { replyToTicket(input: $i) { message { id } } }`, { i: { ticketId: noted.id, body: 'Sorry for the wait.' } }, acme.token);
    expect(await t.app.services.db.prisma.slaTarget.findFirstOrThrow({ where: { ticketId: rawId(noted.id) } })).toMatchObject({ status: 'BREACHED' });
    await scan(acme);
    expect((await slaEventsOf(noted.id)).map((event) => event.type)).toEqual(['sla.breached']);
  });

  // Two instances share one database only on PostgreSQL: embedded PGlite is an in-process database per app.
  it.skipIf(!testDatabaseUrl())('alerts each breach exactly once when two instances scan at the same moment', async () => {
    const second = await startTestApp({ SLA_SCAN_MS: '3600000' }, { clock });
    try {
      const ws = await t.signUp('Busy');
      const { product } = await urgentSla(ws, 'Busy');
      const tickets = [];
      for (let i = 0; i < 50; i++) tickets.push(await customerTicket(ws, product));
      clock.advance(31);
      const [first, other] = await Promise.all([scan(ws), second.app.sla.scanOnce({ workspaceId: rawId(ws.workspaceId) })]);
      expect(first + other).toBe(50);
      const breaches = await t.app.services.db.prisma.event.count({ where: { workspaceId: rawId(ws.workspaceId), type: 'sla.breached' } });
      expect(breaches).toBe(50);
      expect(await t.app.services.db.prisma.event.count({ where: { workspaceId: rawId(ws.workspaceId), type: 'sla.warning' } })).toBe(0);
    } finally {
      await second.stop();
    }
  }, 60_000);
});

describe('slaClock', () => {
  const CLOCK = `subscription($ticketId: ID!, $everySeconds: Int) {
    slaClock(ticketId: $ticketId, everySeconds: $everySeconds) { at nextChangeAt ticket { id } targets { metric status remainingSeconds running } }
  }`;
  type ClockData = { slaClock: { at: string; nextChangeAt: string | null; ticket: { id: string }; targets: { metric: string; status: string; remainingSeconds: number; running: boolean }[] } };

  it("pushes a ticket's targets at once and again after a reply, with the calendar's next opening or closing", async () => {
    // An office calendar (Mon–Fri 09:00–17:00 Istanbul) for this product.
    const calendar = (
      await call(
        `mutation($i: CreateBusinessCalendarInput!) { createBusinessCalendar(input: $i) { id } }`,
        { i: { name: 'Office', timeZone: 'Europe/Istanbul', weeklyHours: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((day) => ({ day, start: '09:00', end: '17:00' })) } },
        acme.token,
      )
    ).createBusinessCalendar.id;
    const product = (await call(`mutation { createProduct(input: { name: "Office" }) { id } }`, {}, acme.token)).createProduct.id;
    const policy = (await call(`mutation($i: CreateSlaPolicyInput!) { createSlaPolicy(input: $i) { id } }`, { i: { name: 'Office', targets: [{ metric: 'FIRST_RESPONSE', minutes: 60 }], targetRate: 80, calendarId: calendar, productIds: [product] } }, acme.token))
      .createSlaPolicy.id;
    await call(`mutation($i: CreateSlaRuleInput!) { createSlaRule(input: $i) { id } }`, { i: { name: 'Office', conditions: [{ kind: 'product', config: { productIds: [product] } }], policyId: policy } }, acme.token);

    clock.set('2027-06-08T13:00:00.000Z'); // Tuesday 16:00 in Istanbul
    const ticket = await customerTicket(acme, product, { priority: 'LOW' });
    const feed = subscribe<ClockData>(server.url, ali.token, CLOCK, { ticketId: ticket.id });
    const first = (await feed.next()).slaClock;
    expect(first).toMatchObject({ at: '2027-06-08T13:00:00.000Z', nextChangeAt: '2027-06-08T14:00:00.000Z', ticket: { id: ticket.id } });
    expect(first.targets).toEqual([{ metric: 'FIRST_RESPONSE', status: 'ACTIVE', remainingSeconds: 3600, running: true }]);

    clock.advance(90); // 17:30, closed: the countdown stands at 0 left... of the hour, 60 minutes were open
    await call(`mutation($i: ReplyToTicketInput!) { replyToTicket(input: $i) { message { id } } }`, { i: { ticketId: ticket.id, body: 'Tomorrow first thing.' } }, ali.token);
    let pushed = (await feed.next()).slaClock;
    while (pushed.targets[0].status === 'ACTIVE') pushed = (await feed.next()).slaClock;
    expect(pushed).toMatchObject({ at: '2027-06-08T14:30:00.000Z', nextChangeAt: '2027-06-09T06:00:00.000Z' });
    expect(pushed.targets).toEqual([{ metric: 'FIRST_RESPONSE', status: 'ACHIEVED', remainingSeconds: 0, running: false }]);
    await feed.dispose();

    // The beat: with nothing happening, the countdown comes again every `everySeconds`.
    const beat = subscribe<ClockData>(server.url, ali.token, CLOCK, { ticketId: ticket.id, everySeconds: 5 });
    await beat.next();
    await beat.next(7000);
    await beat.dispose();
  }, 30_000);

  it("refuses another workspace's ticket as not found, and a beat outside 5–300 seconds", async () => {
    const theirs = await customerTicket(other, otherShop);
    const feed = subscribe<ClockData>(server.url, acme.token, CLOCK, { ticketId: theirs.id });
    await feed.settle(500);
    expect(feed.received).toEqual([]);
    expect(feed.errors).toMatchObject([{ extensions: { code: 'NOT_FOUND', field: 'ticketId' } }]);
    await feed.dispose();

    const fast = subscribe<ClockData>(server.url, other.token, CLOCK, { ticketId: theirs.id, everySeconds: 1 });
    await fast.settle(500);
    expect(fast.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT' } }]);
    await fast.dispose();
  });
});

describe('SLA rules after ticket rules that undo each other', () => {
  it('completes the change in one pass, and the SLA policy follows the final priority', async () => {
    clock.set(START);
    const { product, policy } = await urgentSla(acme, 'Loop');
    const ticketRule = (name: string, from: string, to: string) =>
      call(
        `mutation($i: CreateRuleInput!) { createRule(input: $i) { id } }`,
        {
          i: {
            name,
            triggers: ['TICKET_CREATED', 'TICKET_UPDATED'],
            conditions: [{ kind: 'product', config: { productIds: [product] } }, { kind: 'priority', config: { priorities: [from] } }],
            actions: [{ kind: 'setPriority', config: { priority: to } }],
          },
        },
        acme.token,
      );
    await ticketRule('Urgent is too loud', 'URGENT', 'LOW');
    await ticketRule('Low is too quiet', 'LOW', 'URGENT');

    const SLA = `id priority slaPolicy { id } slaTargets { metric status }`;
    const created = (
      await call(
        `mutation($i: CreateTicketFromCustomerInput!) { createTicketFromCustomer(input: $i) { ${SLA} } }`,
        { i: { productId: product, channel: 'EMAIL', customer: { name: 'C', email: uniqueEmail('c') }, subject: 'Loop', body: 'Hello', priority: 'LOW' } },
        acme.token,
      )
    ).createTicketFromCustomer;
    expect(created).toMatchObject({ priority: 'URGENT', slaPolicy: { id: policy }, slaTargets: [{ metric: 'FIRST_RESPONSE', status: 'ACTIVE' }] });

    // HIGH: no ticket rule applies, and the SLA rule no longer does.
    const updated = (await call(`mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { ${SLA} } }`, { i: { id: created.id, priority: 'HIGH' } }, acme.token)).updateTicket;
    expect(updated).toMatchObject({ priority: 'HIGH', slaPolicy: null, slaTargets: [] });
    // URGENT: the first rule lowers it, the second raises it again, and no rule runs twice; the SLA follows the end.
    const again = (await call(`mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { ${SLA} } }`, { i: { id: created.id, priority: 'URGENT' } }, acme.token)).updateTicket;
    expect(again).toMatchObject({ priority: 'URGENT', slaPolicy: { id: policy } });
    const history = (await call(`query($id: ID!) { node(id: $id) { ... on Ticket { history { edges { node { field actor toValue } } } } } }`, { id: created.id }, acme.token)).node.history.edges.map(
      (edge: { node: { field: string; toValue: unknown } }) => [edge.node.field, edge.node.toValue],
    );
    expect(history.filter(([field]: [string]) => field === 'priority' || field === 'slaPolicy')).toEqual([
      ['priority', 'URGENT'],
      ['slaPolicy', rawId(policy)],
      ['priority', 'HIGH'],
      ['slaPolicy', null],
      ['priority', 'URGENT'],
      ['priority', 'LOW'],
      ['priority', 'URGENT'],
      ['slaPolicy', rawId(policy)],
    ]);
  });
});
