// What-if simulation: a supervisor tries a draft policy on the tickets of a past period and sees what the
// compliance report would have said, without anything being saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, type GraphQLResponse, PASSWORD, startTestApp, type TestApp, testClock, uniqueEmail, type Workspace } from './harness.js';

const clock = testClock('2026-06-01T06:00:00Z');
let t: TestApp;
let acme: Workspace;
let portakal: string;
let elma: string;

const PERIOD = { from: '2026-05-31T21:00:00Z', to: '2026-06-01T21:00:00Z' }; // 1 June in Istanbul

async function call<T = any>(query: string, variables: Record<string, unknown> = {}, token = acme.token): Promise<T> {
  const result = await t.gql<T>(query, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

const customerTicket = (productId: string, n: number, priority = 'URGENT') =>
  call(`mutation($i: CreateTicketFromCustomerInput!) { createTicketFromCustomer(input: $i) { id } }`, {
    i: { productId, channel: 'EMAIL', customer: { name: `Müşteri ${n}`, email: `m-${n}@example.test` }, subject: `Sipariş ${n}`, body: 'Nerede?', priority },
  }).then((data) => data.createTicketFromCustomer.id as string);

const reply = (ticketIds: string[]) =>
  Promise.all(ticketIds.map((ticketId) => call(`mutation($i: ReplyToTicketInput!) { replyToTicket(input: $i) { message { id } } }`, { i: { ticketId, body: 'Bakıyoruz.' } })));

/** 20 urgent Portakal e-mails at 09:00 Istanbul: 14 answered after 20 minutes, 4 after 40, 2 after 60. */
async function seed() {
  clock.set('2026-06-01T06:00:00Z');
  const tickets: string[] = [];
  for (let i = 0; i < 20; i += 10) tickets.push(...(await Promise.all(Array.from({ length: 10 }, (_, j) => customerTicket(portakal, i + j)))));
  // Out of the draft's scope: another product, and a LOW priority Portakal ticket.
  const outOfScope = [await customerTicket(elma, 1000), await customerTicket(portakal, 1001, 'LOW')];
  clock.advance(20);
  await reply(tickets.slice(0, 14));
  clock.advance(20);
  await reply(tickets.slice(14, 18));
  clock.advance(20);
  await reply([...tickets.slice(18), ...outOfScope]);
  clock.set('2026-06-03T06:00:00Z');
}

beforeAll(async () => {
  t = await startTestApp({ SLA_SCAN_MS: '3600000' }, { clock });
  acme = await t.signUp('Acme Simulation');
  portakal = (await call(`mutation { createProduct(input: { name: "Portakal", channels: [EMAIL] }) { id } }`)).createProduct.id;
  elma = (await call(`mutation { createProduct(input: { name: "Elma", channels: [EMAIL] }) { id } }`)).createProduct.id;
  // The policy in force: 30 minutes, by an SLA rule on urgent tickets.
  const policyId = (
    await call(`mutation($i: CreateSlaPolicyInput!) { createSlaPolicy(input: $i) { id } }`, {
      i: { name: 'urgent e-mail for product Portakal', targets: [{ metric: 'FIRST_RESPONSE', minutes: 30 }], targetRate: 80, productIds: [portakal], priorities: ['URGENT'] },
    })
  ).createSlaPolicy.id;
  await call(`mutation($i: CreateSlaRuleInput!) { createSlaRule(input: $i) { id } }`, {
    i: { name: 'Urgent', conditions: [{ kind: 'priority', config: { priorities: ['URGENT'] } }], policyId },
  });
  await seed();
}, 60_000);
afterAll(async () => {
  await t.stop();
});

const SIMULATE = `query($policy: SlaPolicyDraftInput!, $period: SlaPeriodInput!, $groupBy: [SlaReportDimension!]) {
  slaSimulation(policy: $policy, period: $period, groupBy: $groupBy) {
    ticketsReplayed timeZone
    rows { bucket policy { id } policyName metric product { name } met missed pending successRate shortOfTarget }
    totals { policyName metric product { name } met missed pending successRate targetRate shortOfTarget metMaxMinutes missedMinMinutes }
  }
}`;

const draft = (fields: Record<string, unknown> = {}) => ({
  name: 'Urgent, 45 minutes',
  targets: [{ metric: 'FIRST_RESPONSE', minutes: 45 }],
  targetRate: 80,
  productIds: [portakal],
  channels: ['EMAIL'],
  priorities: ['URGENT'],
  ...fields,
});

const failure = (response: GraphQLResponse) => ({ code: errorCode(response), field: response.errors?.[0]?.extensions?.field });
const targetRows = () => t.app.services.db.prisma.slaTarget.count();

describe('slaSimulation', () => {
  it('replays the period under a longer target: replies between 30 and 45 minutes become met, nothing is written', async () => {
    // What the report says under the policy in force.
    const report = await call(`query($f: SlaReportFilter!) { slaComplianceReport(filter: $f) { totals { met missed } } }`, { f: PERIOD });
    expect(report.slaComplianceReport.totals).toEqual([{ met: 14, missed: 6 }]);
    const before = await targetRows();
    const events = await t.app.services.db.prisma.event.count();

    const { slaSimulation } = await call(SIMULATE, { policy: draft(), period: PERIOD });
    expect(slaSimulation.ticketsReplayed).toBe(20);
    expect(slaSimulation.totals).toEqual([
      {
        policyName: 'Urgent, 45 minutes',
        metric: 'FIRST_RESPONSE',
        product: null,
        met: 18,
        missed: 2,
        pending: 0,
        successRate: 90,
        targetRate: 80,
        shortOfTarget: 0,
        metMaxMinutes: 40,
        missedMinMinutes: 60,
      },
    ]);
    expect(slaSimulation.rows).toEqual([
      { bucket: '2026-05-31T21:00:00.000Z', policy: null, policyName: 'Urgent, 45 minutes', metric: 'FIRST_RESPONSE', product: null, met: 18, missed: 2, pending: 0, successRate: 90, shortOfTarget: 0 },
    ]);
    expect(await targetRows()).toBe(before);
    expect(await t.app.services.db.prisma.event.count()).toBe(events);
  });

  it('follows the draft scope, several targets and groups', async () => {
    const { slaSimulation } = await call(SIMULATE, {
      policy: draft({
        productIds: [],
        priorities: [],
        targets: [
          { metric: 'FIRST_RESPONSE', minutes: 15 },
          { metric: 'RESOLUTION', minutes: 240 },
        ],
      }),
      period: PERIOD,
      groupBy: ['PRODUCT'],
    });
    expect(slaSimulation.ticketsReplayed).toBe(22);
    const totals = slaSimulation.totals.map((row: any) => [row.product.name, row.metric, row.met, row.missed, row.pending]);
    // By metric, then product name. Nobody resolved anything: two days later every resolution is past its 4 hours.
    expect(totals).toEqual([
      ['Elma', 'FIRST_RESPONSE', 0, 1, 0],
      ['Portakal', 'FIRST_RESPONSE', 0, 21, 0],
      ['Elma', 'RESOLUTION', 0, 1, 0],
      ['Portakal', 'RESOLUTION', 0, 21, 0],
    ]);
  });

  it('measures on a calendar: a stored one or one given inline', async () => {
    // Open from 09:30 Istanbul: the 20-minute replies at 09:20 came before opening (0 business minutes), the
    // 40-minute ones after 10 minutes, the 60-minute ones after 30.
    const weeklyHours = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((day) => ({ day, start: '09:30', end: '17:00' }));
    const inline = await call(SIMULATE, {
      policy: draft({ targets: [{ metric: 'FIRST_RESPONSE', minutes: 25 }], calendar: { timeZone: 'Europe/Istanbul', weeklyHours } }),
      period: PERIOD,
    });
    expect(inline.slaSimulation.totals[0]).toMatchObject({ met: 18, missed: 2, missedMinMinutes: 30 });
    const calendarId = (
      await call(`mutation($i: CreateBusinessCalendarInput!) { createBusinessCalendar(input: $i) { id } }`, {
        i: { name: 'Late office', timeZone: 'Europe/Istanbul', weeklyHours },
      })
    ).createBusinessCalendar.id;
    const stored = await call(SIMULATE, { policy: draft({ targets: [{ metric: 'FIRST_RESPONSE', minutes: 25 }], calendarId }), period: PERIOD });
    expect(stored.slaSimulation.totals).toEqual(inline.slaSimulation.totals);
  });

  it('refuses bad drafts, long periods and too many tickets with the field to fix', async () => {
    expect(failure(await t.gql(SIMULATE, { policy: draft({ targets: [{ metric: 'FIRST_RESPONSE', minutes: 0 }] }), period: PERIOD }, acme.token))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'policy.targets.0.minutes',
    });
    const noHours = await t.gql(SIMULATE, { policy: draft({ calendar: { timeZone: 'Europe/Istanbul', weeklyHours: [] } }), period: PERIOD }, acme.token);
    expect(failure(noHours)).toEqual({ code: 'BAD_USER_INPUT', field: 'policy.calendar.weeklyHours' });
    const long = await t.gql(SIMULATE, { policy: draft(), period: { from: '2026-01-01T00:00:00Z', to: '2026-06-01T00:00:00Z' } }, acme.token);
    expect(failure(long)).toEqual({ code: 'BAD_USER_INPUT', field: 'period.to' });
    expect(long.errors![0].message).toMatch(/Simulations cover at most 92 days/);
    const other = await t.signUp('Elsewhere');
    const foreignCalendar = (
      await call(`mutation($i: CreateBusinessCalendarInput!) { createBusinessCalendar(input: $i) { id } }`, {
        i: { name: 'Theirs', timeZone: 'UTC', weeklyHours: [{ day: 'MONDAY', start: '09:00', end: '17:00' }] },
      }, other.token)
    ).createBusinessCalendar.id;
    expect(failure(await t.gql(SIMULATE, { policy: draft({ calendarId: foreignCalendar }), period: PERIOD }, acme.token))).toEqual({
      code: 'NOT_FOUND',
      field: 'policy.calendarId',
    });

    const small = await startTestApp({ SLA_SIMULATION_MAX_TICKETS: '5' }, { clock });
    try {
      const tiny = await small.signUp('Tiny');
      const product = (await small.gql(`mutation { createProduct(input: { name: "P", channels: [EMAIL] }) { id } }`, {}, tiny.token)).data!.createProduct.id;
      clock.set('2026-06-01T06:00:00Z');
      for (let i = 0; i < 6; i += 6) {
        await Promise.all(
          Array.from({ length: 6 }, (_, j) =>
            small.gql(`mutation($i: CreateTicketFromCustomerInput!) { createTicketFromCustomer(input: $i) { id } }`, {
              i: { productId: product, channel: 'EMAIL', customer: { name: 'C', email: `c-${i + j}@example.test` }, subject: 'S', body: 'B' },
            }, tiny.token),
          ),
        );
      }
      const tooMany = await small.gql(SIMULATE, { policy: draft({ productIds: [], priorities: [] }), period: PERIOD }, tiny.token);
      expect(failure(tooMany)).toEqual({ code: 'BAD_USER_INPUT', field: 'period' });
      expect(tooMany.errors![0].message).toMatch(/6 tickets .* at most 5/);
    } finally {
      await small.stop();
      clock.set('2026-06-03T06:00:00Z');
    }
  }, 30_000);

  it('is for supervisors and admins', async () => {
    const email = uniqueEmail('agent');
    await call(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email, name: 'Ajan', role: 'AGENT', password: PASSWORD } });
    const agent = (await call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD })).login.token;
    const reader = (await call(`mutation { createApiToken(input: { name: "BI", scopes: [READ] }) { secret } }`)).createApiToken.secret;
    for (const token of [agent, reader]) {
      expect(errorCode(await t.gql(SIMULATE, { policy: draft(), period: PERIOD }, token))).toBe('FORBIDDEN');
    }
    const supervisorEmail = uniqueEmail('supervisor');
    await call(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
      i: { email: supervisorEmail, name: 'Şef', role: 'SUPERVISOR', password: PASSWORD },
    });
    const supervisor = (await call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: supervisorEmail, p: PASSWORD })).login.token;
    expect((await call(SIMULATE, { policy: draft(), period: PERIOD }, supervisor)).slaSimulation.ticketsReplayed).toBe(20);
  });
});
