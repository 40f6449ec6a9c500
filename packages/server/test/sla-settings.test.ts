// SLA settings through the API: admins define business calendars, supervisors define SLA policies and the SLA rules
// that choose them, with every bad input answered by a typed error on the field it is about; ticket rules stay apart.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { conditionsHold, parseConditions } from '../src/rules/evaluate.js';
import type { TicketFacts } from '../src/rules/facts.js';
import { errorCode, PASSWORD, rawId, startTestApp, type GraphQLResponse, type TestApp, uniqueEmail } from './harness.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];
const CALENDAR_FIELDS = `id name description timeZone twentyFourSeven weeklyHours { day start end } holidays { name start end yearly }`;
const POLICY_FIELDS = `id name description targets { metric minutes } targetRate pauseWhenPending warnAtPercent channels priorities
  products { id name } calendar { id name }`;
const SLA_RULE_FIELDS = `id name position enabled triggers conditions stopOtherRules policy { id name }`;

/** A workspace with an admin, a supervisor and an agent, and helpers that call the API as each. */
async function workspace(name = 'SLA Inc') {
  const admin = (await t.signUp(name)).token;
  const call = async (query: string, variables: Record<string, unknown> = {}, token = admin) => {
    const result = await t.gql(query, variables, token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  };
  const member = async (role: string) => {
    const email = uniqueEmail(role.toLowerCase());
    const id = (await call(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email, name: role, role, password: PASSWORD } }))
      .createUser.id as string;
    const token = (await call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD })).login
      .token as string;
    return { id, token };
  };
  const supervisor = await member('SUPERVISOR');
  const agent = await member('AGENT');
  const product = async (productName: string) =>
    (await call(`mutation($n: String!) { createProduct(input: { name: $n, channels: [EMAIL] }) { id } }`, { n: productName })).createProduct.id as string;

  const createCalendar = (input: Record<string, unknown>, token = admin) =>
    t.gql(`mutation($i: CreateBusinessCalendarInput!) { createBusinessCalendar(input: $i) { ${CALENDAR_FIELDS} } }`, { i: input }, token);
  const createPolicy = (input: Record<string, unknown>, token = supervisor.token) =>
    t.gql(`mutation($i: CreateSlaPolicyInput!) { createSlaPolicy(input: $i) { ${POLICY_FIELDS} } }`, {
      i: { name: 'Standard', targets: [{ metric: 'FIRST_RESPONSE', minutes: 60 }], targetRate: 90, ...input },
    }, token);
  const createSlaRule = (input: Record<string, unknown>, token = supervisor.token) =>
    t.gql(`mutation($i: CreateSlaRuleInput!) { createSlaRule(input: $i) { ${SLA_RULE_FIELDS} } }`, { i: input }, token);
  return { admin, supervisor, agent, call, product, createCalendar, createPolicy, createSlaRule };
}

const officeHours = (start = '09:00', end = '17:00') => WEEKDAYS.map((day) => ({ day, start, end }));

/** The error code and field of the first error, for compact assertions. */
const failure = (response: GraphQLResponse) => ({ code: errorCode(response), field: response.errors?.[0]?.extensions?.field });

const data = <T = any>(response: GraphQLResponse): T => {
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data as T;
};

describe('business calendars', () => {
  it('an admin creates office hours with holidays; overlapping intervals come back merged', async () => {
    const w = await workspace();
    const created = data(
      await w.createCalendar({
        name: 'Istanbul office',
        description: 'Weekdays, lunch included',
        timeZone: 'Europe/Istanbul',
        weeklyHours: [
          ...officeHours('09:00', '12:30'),
          { day: 'MONDAY', start: '12:00', end: '18:00' },
          { day: 'TUESDAY', start: '12:30', end: '17:00' },
          { day: 'WEDNESDAY', start: '13:00', end: '17:00' },
        ],
        holidays: [
          { name: 'New Year', start: '2026-01-01', yearly: true },
          { name: 'Ramazan Bayramı', start: '2026-03-20', end: '2026-03-22' },
        ],
      }),
    ).createBusinessCalendar;
    expect(created).toMatchObject({ name: 'Istanbul office', description: 'Weekdays, lunch included', timeZone: 'Europe/Istanbul', twentyFourSeven: false });
    expect(created.weeklyHours).toEqual([
      { day: 'MONDAY', start: '09:00', end: '18:00' },
      { day: 'TUESDAY', start: '09:00', end: '17:00' },
      { day: 'WEDNESDAY', start: '09:00', end: '12:30' },
      { day: 'WEDNESDAY', start: '13:00', end: '17:00' },
      { day: 'THURSDAY', start: '09:00', end: '12:30' },
      { day: 'FRIDAY', start: '09:00', end: '12:30' },
    ]);
    expect(created.holidays).toEqual([
      { name: 'New Year', start: '2026-01-01', end: '2026-01-01', yearly: true },
      { name: 'Ramazan Bayramı', start: '2026-03-20', end: '2026-03-22', yearly: false },
    ]);

    // Every member reads calendars (agents see when the clocks run); the questions are asked through the API.
    const read = await w.call(
      `query($id: ID!) { node(id: $id) { ... on BusinessCalendar {
        mondayNoon: isOpenAt(at: "2026-01-05T09:30:00Z") saturday: isOpenAt(at: "2026-01-10T09:30:00Z")
        newYear: isOpenAt(at: "2027-01-01T09:30:00Z")
        afterFriday: nextOpening(after: "2026-01-09T15:00:00Z") duringHours: nextOpening(after: "2026-01-05T07:00:00Z")
        openIntervals(from: "2026-03-19", days: 4) { start end }
      } } }`,
      { id: created.id },
      w.agent.token,
    );
    expect(read.node).toEqual({
      mondayNoon: true, // 12:30 in Istanbul (UTC+3)
      saturday: false,
      newYear: false, // yearly holiday, a year after the one written
      afterFriday: '2026-01-12T06:00:00.000Z', // Friday 18:00 local → Monday 09:00 local
      duringHours: '2026-01-05T07:00:00.000Z',
      openIntervals: [{ start: '2026-03-19T06:00:00.000Z', end: '2026-03-19T09:30:00.000Z' }], // then the holiday, then the weekend
    });
    expect((await w.call(`{ businessCalendars { name } }`, {}, w.agent.token)).businessCalendars).toEqual([{ name: 'Istanbul office' }]);
  });

  it('an admin updates and deletes a calendar; a 24/7 calendar says so', async () => {
    const w = await workspace();
    const { id } = data(await w.createCalendar({ name: 'Support', timeZone: 'UTC', weeklyHours: officeHours() })).createBusinessCalendar;
    const allWeek = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((day) => ({ day, start: '00:00', end: '24:00' }));
    const updated = (
      await w.call(`mutation($i: UpdateBusinessCalendarInput!) { updateBusinessCalendar(input: $i) { ${CALENDAR_FIELDS} } }`, {
        i: { id, name: 'Around the clock', weeklyHours: allWeek },
      })
    ).updateBusinessCalendar;
    expect(updated).toMatchObject({ name: 'Around the clock', timeZone: 'UTC', twentyFourSeven: true, holidays: [] });
    expect(updated.weeklyHours).toHaveLength(7);

    // Holidays alone can make it a business calendar again; the zone stays as it was.
    const withHoliday = (
      await w.call(`mutation($i: UpdateBusinessCalendarInput!) { updateBusinessCalendar(input: $i) { twentyFourSeven timeZone holidays { name } } }`, {
        i: { id, holidays: [{ name: 'Founders day', start: '2026-06-01' }] },
      })
    ).updateBusinessCalendar;
    expect(withHoliday).toEqual({ twentyFourSeven: false, timeZone: 'UTC', holidays: [{ name: 'Founders day' }] });

    expect((await w.call(`mutation($id: ID!) { deleteBusinessCalendar(id: $id) }`, { id })).deleteBusinessCalendar).toBe(id);
    expect((await w.call(`{ businessCalendars { id } }`)).businessCalendars).toEqual([]);
  });

  it('bad calendars are refused on the field at fault, and only admins change calendars', async () => {
    const w = await workspace();
    expect(failure(await w.createCalendar({ name: 'Never', timeZone: 'UTC', weeklyHours: [] }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.weeklyHours',
    });
    expect(failure(await w.createCalendar({ name: 'Mars', timeZone: 'Mars/Olympus_Mons', weeklyHours: officeHours() }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.timeZone',
    });
    expect(
      failure(await w.createCalendar({ name: 'Backwards', timeZone: 'UTC', weeklyHours: [{ day: 'MONDAY', start: '17:00', end: '09:00' }] })),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'input.weeklyHours.0.end' });
    expect(
      failure(await w.createCalendar({ name: 'Bad clock', timeZone: 'UTC', weeklyHours: [{ day: 'MONDAY', start: '9am', end: '17:00' }] })),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'input.weeklyHours.0.start' });
    expect(
      failure(
        await w.createCalendar({
          name: 'Holiday backwards',
          timeZone: 'UTC',
          weeklyHours: officeHours(),
          holidays: [{ name: 'Oops', start: '2026-05-02', end: '2026-05-01' }],
        }),
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'input.holidays.0.end' });

    const agentTry = await w.createCalendar({ name: 'Mine', timeZone: 'UTC', weeklyHours: officeHours() }, w.agent.token);
    expect(errorCode(agentTry)).toBe('FORBIDDEN');
    expect(errorCode(await w.createCalendar({ name: 'Mine', timeZone: 'UTC', weeklyHours: officeHours() }, w.supervisor.token))).toBe('FORBIDDEN');

    const { id } = data(await w.createCalendar({ name: 'Office', timeZone: 'UTC', weeklyHours: officeHours() })).createBusinessCalendar;
    expect(failure(await w.createCalendar({ name: 'Office', timeZone: 'UTC', weeklyHours: officeHours() }))).toEqual({
      code: 'CONFLICT',
      field: 'input.name',
    });
    // An update that would leave no open hours is refused, and the calendar is as it was.
    const emptied = await t.gql(`mutation($i: UpdateBusinessCalendarInput!) { updateBusinessCalendar(input: $i) { id } }`, {
      i: { id, weeklyHours: [] },
    }, w.admin);
    expect(failure(emptied)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.weeklyHours' });
    const bad = await t.gql(`query($id: ID!) { node(id: $id) { ... on BusinessCalendar { openIntervals(from: "2026-01-05", days: 40) { start } } } }`, { id }, w.admin);
    expect(failure(bad)).toEqual({ code: 'BAD_USER_INPUT', field: 'days' });
    expect((await w.call(`{ businessCalendars { weeklyHours { day } } }`)).businessCalendars[0].weeklyHours).toHaveLength(5);
  });
});

describe('SLA policies', () => {
  it('a supervisor defines a policy on a calendar for some products, channels and priorities', async () => {
    const w = await workspace();
    const shop = await w.product('Shop');
    const bank = await w.product('Bank');
    const calendar = data(await w.createCalendar({ name: 'Office', timeZone: 'Europe/Istanbul', weeklyHours: officeHours() })).createBusinessCalendar;

    const policy = data(
      await w.createPolicy({
        name: 'VIP e-mail',
        description: 'For our best customers',
        targets: [
          { metric: 'RESOLUTION', minutes: 480 },
          { metric: 'FIRST_RESPONSE', minutes: 30 },
        ],
        targetRate: 95.5,
        calendarId: calendar.id,
        productIds: [shop, bank],
        channels: ['EMAIL', 'WEB_FORM'],
        priorities: ['HIGH', 'URGENT'],
        pauseWhenPending: false,
        warnAtPercent: 75,
      }),
    ).createSlaPolicy;
    expect(policy).toMatchObject({
      name: 'VIP e-mail',
      description: 'For our best customers',
      // Stored and shown in metric order, whatever order they were written in.
      targets: [
        { metric: 'FIRST_RESPONSE', minutes: 30 },
        { metric: 'RESOLUTION', minutes: 480 },
      ],
      targetRate: 95.5,
      pauseWhenPending: false,
      warnAtPercent: 75,
      channels: ['EMAIL', 'WEB_FORM'],
      priorities: ['HIGH', 'URGENT'],
      products: [{ id: bank, name: 'Bank' }, { id: shop, name: 'Shop' }],
      calendar: { id: calendar.id, name: 'Office' },
    });

    // Defaults: 24/7, pause when pending, warn at 80 %.
    const plain = data(await w.createPolicy({ name: 'Standard' })).createSlaPolicy;
    expect(plain).toMatchObject({ calendar: null, pauseWhenPending: true, warnAtPercent: 80, products: [], channels: [], priorities: [] });

    // Agents read policies (tickets show them) but may not define them.
    expect((await w.call(`{ slaPolicies { name } }`, {}, w.agent.token)).slaPolicies).toEqual([{ name: 'Standard' }, { name: 'VIP e-mail' }]);
    expect(errorCode(await w.createPolicy({ name: 'Mine' }, w.agent.token))).toBe('FORBIDDEN');

    const updated = (
      await w.call(`mutation($i: UpdateSlaPolicyInput!) { updateSlaPolicy(input: $i) { ${POLICY_FIELDS} } }`, {
        i: { id: policy.id, calendarId: null, targets: [{ metric: 'NEXT_RESPONSE', minutes: 120 }], productIds: [], targetRate: 80 },
      }, w.supervisor.token)
    ).updateSlaPolicy;
    expect(updated).toMatchObject({
      name: 'VIP e-mail',
      calendar: null,
      targets: [{ metric: 'NEXT_RESPONSE', minutes: 120 }],
      products: [],
      channels: ['EMAIL', 'WEB_FORM'],
      targetRate: 80,
    });

    expect((await w.call(`mutation($id: ID!) { deleteSlaPolicy(id: $id) }`, { id: plain.id }, w.supervisor.token)).deleteSlaPolicy).toBe(plain.id);
    expect((await w.call(`{ slaPolicies { name } }`)).slaPolicies).toEqual([{ name: 'VIP e-mail' }]);

    // Each change is an event of the workspace's feed, written with the change.
    const events = await t.app.services.db.prisma.event.findMany({
      where: { entityType: { in: ['SlaPolicy', 'BusinessCalendar'] }, entityId: { in: [policy.id, plain.id, calendar.id].map(rawId) } },
      orderBy: { id: 'asc' },
      select: { type: true },
    });
    expect(events.map((event) => event.type)).toEqual([
      'businessCalendar.created',
      'slaPolicy.created',
      'slaPolicy.created',
      'slaPolicy.updated',
      'slaPolicy.deleted',
    ]);
  });

  it('bad policies are refused on the field at fault', async () => {
    const w = await workspace();
    const other = await workspace('Elsewhere');
    const shop = await w.product('Shop');
    const theirProduct = await other.product('Theirs');
    const theirCalendar = data(await other.createCalendar({ name: 'Theirs', timeZone: 'UTC', weeklyHours: officeHours() })).createBusinessCalendar.id;

    const cases: [Record<string, unknown>, string, string][] = [
      [{ targets: [] }, 'BAD_USER_INPUT', 'input.targets'],
      [{ targets: [{ metric: 'FIRST_RESPONSE', minutes: 30 }, { metric: 'FIRST_RESPONSE', minutes: 60 }] }, 'BAD_USER_INPUT', 'input.targets.1.metric'],
      [{ targets: [{ metric: 'FIRST_RESPONSE', minutes: 0 }] }, 'BAD_USER_INPUT', 'input.targets.0.minutes'],
      [{ targets: [{ metric: 'RESOLUTION', minutes: 60 }, { metric: 'FIRST_RESPONSE', minutes: -5 }] }, 'BAD_USER_INPUT', 'input.targets.1.minutes'],
      [{ targets: [{ metric: 'FIRST_RESPONSE', minutes: 525_601 }] }, 'BAD_USER_INPUT', 'input.targets.0.minutes'],
      [{ targetRate: 100.5 }, 'BAD_USER_INPUT', 'input.targetRate'],
      [{ targetRate: -1 }, 'BAD_USER_INPUT', 'input.targetRate'],
      [{ warnAtPercent: 100 }, 'BAD_USER_INPUT', 'input.warnAtPercent'],
      [{ warnAtPercent: 0 }, 'BAD_USER_INPUT', 'input.warnAtPercent'],
      [{ calendarId: theirCalendar }, 'NOT_FOUND', 'input.calendarId'],
      [{ productIds: [shop, theirProduct] }, 'NOT_FOUND', 'input.productIds.1'],
      [{ productIds: [w.admin.slice(0, 8)] }, 'NOT_FOUND', 'input.productIds.0'],
    ];
    for (const [input, code, field] of cases) {
      expect({ input, ...failure(await w.createPolicy(input)) }).toEqual({ input, code, field });
    }
    expect((await w.call(`{ slaPolicies { id } }`)).slaPolicies).toEqual([]);

    const { id } = data(await w.createPolicy({ name: 'Standard' })).createSlaPolicy;
    expect(failure(await w.createPolicy({ name: 'Standard' }))).toEqual({ code: 'CONFLICT', field: 'input.name' });
    const update = (input: Record<string, unknown>) =>
      t.gql(`mutation($i: UpdateSlaPolicyInput!) { updateSlaPolicy(input: $i) { id } }`, { i: { id, ...input } }, w.supervisor.token);
    expect(failure(await update({ calendarId: theirCalendar }))).toEqual({ code: 'NOT_FOUND', field: 'input.calendarId' });
    expect(failure(await update({ targets: [{ metric: 'RESOLUTION', minutes: 0 }] }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.targets.0.minutes' });
    // Another workspace cannot touch the policy either.
    expect(errorCode(await t.gql(`mutation($id: ID!) { deleteSlaPolicy(id: $id) }`, { id }, other.supervisor.token))).toBe('NOT_FOUND');
  });

  it('a calendar in use by a policy cannot be deleted', async () => {
    const w = await workspace();
    const calendar = data(await w.createCalendar({ name: 'Office', timeZone: 'UTC', weeklyHours: officeHours() })).createBusinessCalendar;
    const policy = data(await w.createPolicy({ name: 'Office hours', calendarId: calendar.id })).createSlaPolicy;

    const refused = await t.gql(`mutation($id: ID!) { deleteBusinessCalendar(id: $id) }`, { id: calendar.id }, w.admin);
    expect(failure(refused)).toEqual({ code: 'CONFLICT', field: 'id' });
    expect(refused.errors![0].message).toContain('Office hours');

    await w.call(`mutation($i: UpdateSlaPolicyInput!) { updateSlaPolicy(input: $i) { id } }`, { i: { id: policy.id, calendarId: null } });
    expect((await w.call(`mutation($id: ID!) { deleteBusinessCalendar(id: $id) }`, { id: calendar.id })).deleteBusinessCalendar).toBe(calendar.id);
  });
});

describe('SLA rules', () => {
  it('a supervisor orders SLA rules that choose policies; ticket rules never show them', async () => {
    const w = await workspace();
    const vip = data(await w.createPolicy({ name: 'VIP', targets: [{ metric: 'FIRST_RESPONSE', minutes: 15 }] })).createSlaPolicy;
    const standard = data(await w.createPolicy({ name: 'Standard' })).createSlaPolicy;

    const urgent = data(
      await w.createSlaRule({
        name: 'Urgent is VIP',
        conditions: [{ kind: 'priority', config: { priorities: ['URGENT'] } }],
        policyId: vip.id,
        stopOtherRules: true,
      }),
    ).createSlaRule;
    expect(urgent).toEqual({
      id: expect.any(String),
      name: 'Urgent is VIP',
      position: 0,
      enabled: true,
      triggers: ['TICKET_CREATED', 'TICKET_UPDATED'],
      conditions: [{ kind: 'priority', config: { priorities: ['URGENT'] } }],
      stopOtherRules: true,
      policy: { id: vip.id, name: 'VIP' },
    });
    const everyone = data(await w.createSlaRule({ name: 'Everyone else', policyId: standard.id, triggers: ['TICKET_CREATED'] })).createSlaRule;
    const internal = data(
      await w.createSlaRule({ name: 'No SLA for internal', conditions: [{ kind: 'channel', config: { channels: ['INTERNAL'] } }], position: 0 }),
    ).createSlaRule;
    expect(internal).toMatchObject({ position: 0, policy: null, stopOtherRules: false });

    const names = async () => (await w.call(`{ slaRules { name position } }`, {}, w.supervisor.token)).slaRules;
    expect(await names()).toEqual([
      { name: 'No SLA for internal', position: 0 },
      { name: 'Urgent is VIP', position: 1 },
      { name: 'Everyone else', position: 2 },
    ]);

    // The stored form is what the SLA clocks read: setSlaPolicy (database id or null), then stopOtherRules.
    const rows = await t.app.services.db.prisma.rule.findMany({
      where: { id: { in: [urgent.id, internal.id].map(rawId) } },
      select: { ruleSet: true, actions: true },
      orderBy: { position: 'asc' },
    });
    expect(rows).toEqual([
      { ruleSet: 'SLA', actions: [{ kind: 'setSlaPolicy', config: { policyId: null } }] },
      { ruleSet: 'SLA', actions: [{ kind: 'setSlaPolicy', config: { policyId: rawId(vip.id) } }, { kind: 'stopOtherRules', config: {} }] },
    ]);

    const reordered = (
      await w.call(`mutation($ids: [ID!]!) { reorderSlaRules(ids: $ids) { name position } }`, { ids: [everyone.id, urgent.id, internal.id] }, w.supervisor.token)
    ).reorderSlaRules;
    expect(reordered.map((rule: { name: string }) => rule.name)).toEqual(['Everyone else', 'Urgent is VIP', 'No SLA for internal']);

    const updated = (
      await w.call(`mutation($i: UpdateSlaRuleInput!) { updateSlaRule(input: $i) { ${SLA_RULE_FIELDS} } }`, {
        i: { id: urgent.id, name: 'Urgent or high is VIP', conditions: [{ kind: 'priority', config: { priorities: ['URGENT', 'HIGH'] } }], enabled: false, position: 0 },
      }, w.supervisor.token)
    ).updateSlaRule;
    // The policy and stopOtherRules stay as they were when not given.
    expect(updated).toMatchObject({ name: 'Urgent or high is VIP', enabled: false, position: 0, stopOtherRules: true, policy: { name: 'VIP' } });
    const noSla = (
      await w.call(`mutation($i: UpdateSlaRuleInput!) { updateSlaRule(input: $i) { policy { id } stopOtherRules } }`, {
        i: { id: urgent.id, policyId: null, stopOtherRules: false },
      }, w.supervisor.token)
    ).updateSlaRule;
    expect(noSla).toEqual({ policy: null, stopOtherRules: false });

    // A ticket rule may carry the same name, and the ticket rule list and mutations know nothing of SLA rules.
    await w.call(`mutation { createRule(input: { name: "Everyone else", triggers: [TICKET_CREATED], actions: [{ kind: "setPriority", config: { priority: "HIGH" } }] }) { id } }`);
    expect((await w.call(`{ rules { name } }`)).rules).toEqual([{ name: 'Everyone else' }]);
    const asTicketRule = Buffer.from(`Rule:${rawId(everyone.id)}`).toString('base64');
    const touch = await t.gql(`mutation($i: UpdateRuleInput!) { updateRule(input: $i) { id } }`, { i: { id: asTicketRule, name: 'Hijacked' } }, w.admin);
    expect(failure(touch)).toEqual({ code: 'NOT_FOUND', field: 'input.id' });
    expect(errorCode(await t.gql(`mutation($id: ID!) { deleteRule(id: $id) }`, { id: asTicketRule }, w.admin))).toBe('NOT_FOUND');
    expect((await w.call(`query($id: ID!) { node(id: $id) { id } }`, { id: asTicketRule })).node).toBeNull();
    expect((await w.call(`query($id: ID!) { node(id: $id) { ... on SlaRule { name } } }`, { id: everyone.id })).node).toEqual({ name: 'Everyone else' });

    expect((await w.call(`mutation($id: ID!) { deleteSlaRule(id: $id) }`, { id: internal.id }, w.supervisor.token)).deleteSlaRule).toBe(internal.id);
    expect(await names()).toEqual([
      { name: 'Urgent or high is VIP', position: 0 },
      { name: 'Everyone else', position: 1 },
    ]);
    expect(errorCode(await t.gql(`{ slaRules { id } }`, {}, w.agent.token))).toBe('FORBIDDEN');
  });

  it('a policy that SLA rules set cannot be deleted; ids of another workspace are not found', async () => {
    const w = await workspace();
    const other = await workspace('Elsewhere');
    const policy = data(await w.createPolicy({ name: 'Standard' })).createSlaPolicy;
    const theirPolicy = data(await other.createPolicy({ name: 'Theirs' })).createSlaPolicy;
    const theirTeam = (await other.call(`mutation { createTeam(input: { name: "Theirs" }) { id } }`)).createTeam.id;

    expect(failure(await w.createSlaRule({ name: 'Steal', policyId: theirPolicy.id }))).toEqual({ code: 'NOT_FOUND', field: 'input.policyId' });
    expect(
      failure(await w.createSlaRule({ name: 'Their team', policyId: policy.id, conditions: [{ kind: 'team', config: { teamIds: [theirTeam] } }] })),
    ).toEqual({ code: 'NOT_FOUND', field: 'input.conditions.0.config.teamIds.0' });
    expect(errorCode(await w.createSlaRule({ name: 'Mine' }, w.agent.token))).toBe('FORBIDDEN');

    const rule = data(await w.createSlaRule({ name: 'Everyone', policyId: policy.id })).createSlaRule;
    expect(failure(await w.createSlaRule({ name: 'Everyone', policyId: policy.id }))).toEqual({ code: 'CONFLICT', field: 'input.name' });
    const refused = await t.gql(`mutation($id: ID!) { deleteSlaPolicy(id: $id) }`, { id: policy.id }, w.supervisor.token);
    expect(failure(refused)).toEqual({ code: 'CONFLICT', field: 'id' });
    expect(refused.errors![0].message).toContain('Everyone');
    expect(errorCode(await t.gql(`mutation($id: ID!) { deleteSlaRule(id: $id) }`, { id: rule.id }, other.supervisor.token))).toBe('NOT_FOUND');

    await w.call(`mutation($id: ID!) { deleteSlaRule(id: $id) }`, { id: rule.id }, w.supervisor.token);
    expect((await w.call(`mutation($id: ID!) { deleteSlaPolicy(id: $id) }`, { id: policy.id })).deleteSlaPolicy).toBe(policy.id);
  });

  it('ticket rules refuse setSlaPolicy and do not offer it', async () => {
    const w = await workspace();
    const policy = data(await w.createPolicy({ name: 'Standard' })).createSlaPolicy;
    const result = await t.gql(
      `mutation($i: CreateRuleInput!) { createRule(input: $i) { id } }`,
      { i: { name: 'Sneaky', triggers: ['TICKET_CREATED'], actions: [{ kind: 'setPriority', config: { priority: 'LOW' } }, { kind: 'setSlaPolicy', config: { policyId: policy.id } }] } },
      w.admin,
    );
    expect(failure(result)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.actions.1.kind' });
    expect(result.errors![0].message).toBe('setSlaPolicy belongs in SLA rules.');
    const kinds = (await w.call(`{ ruleKinds { conditions { kind } actions { kind } } }`)).ruleKinds;
    expect(kinds.actions.map((kind: { kind: string }) => kind.kind)).not.toContain('setSlaPolicy');
    expect(kinds.conditions.map((kind: { kind: string }) => kind.kind)).toEqual(
      expect.arrayContaining(['createdAt', 'updatedAt', 'lastMessageBy', 'customerGroup', 'team']),
    );
  });
});

describe('conditions on age, last message, customer group and team', () => {
  it('bad configs are refused on the field at fault, in SLA rules and ticket rules alike', async () => {
    const w = await workspace();
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'createdAt', config: {} }, 'input.conditions.0.config'],
      [{ kind: 'createdAt', config: { olderThanMinutes: -1 } }, 'input.conditions.0.config.olderThanMinutes'],
      [{ kind: 'updatedAt', config: { before: 'yesterday' } }, 'input.conditions.0.config.before'],
      [{ kind: 'lastMessageBy', config: { authors: ['BOT'] } }, 'input.conditions.0.config.authors.0'],
      [{ kind: 'customerGroup', config: { groups: [] } }, 'input.conditions.0.config.groups'],
      [{ kind: 'team', config: { teamIds: [] } }, 'input.conditions.0.config.teamIds'],
    ];
    for (const [condition, field] of cases) {
      expect({ condition, ...failure(await w.createSlaRule({ name: 'Bad', conditions: [condition] })) }).toEqual({ condition, code: 'BAD_USER_INPUT', field });
      const asTicketRule = await t.gql(`mutation($i: CreateRuleInput!) { createRule(input: $i) { id } }`, {
        i: { name: 'Bad', triggers: ['TICKET_CREATED'], conditions: [condition], actions: [{ kind: 'setPriority', config: { priority: 'LOW' } }] },
      }, w.admin);
      expect({ condition, ...failure(asTicketRule) }).toEqual({ condition, code: 'BAD_USER_INPUT', field });
    }

    // Good configs come back as written (instants in UTC, ids global).
    const team = (await w.call(`mutation { createTeam(input: { name: "Tier 2" }) { id } }`)).createTeam.id;
    const good = data(
      await w.createSlaRule({
        name: 'Good',
        conditions: [
          { kind: 'createdAt', config: { newerThanMinutes: 60, after: '2026-01-05T12:00:00+03:00' } },
          { kind: 'lastMessageBy', config: { authors: ['CUSTOMER'] } },
          { kind: 'customerGroup', config: { groups: ['VIP'] } },
          { kind: 'team', config: { teamIds: [team] } },
        ],
      }),
    ).createSlaRule;
    expect(good.conditions).toEqual([
      { kind: 'createdAt', config: { newerThanMinutes: 60, after: '2026-01-05T09:00:00.000Z' } },
      { kind: 'lastMessageBy', config: { authors: ['CUSTOMER'] } },
      { kind: 'customerGroup', config: { groups: ['VIP'] } },
      { kind: 'team', config: { teamIds: [team] } },
    ]);
  });

  it("a ticket rule acts on the customer's group and on the assignee's team", async () => {
    const w = await workspace();
    const shop = await w.product('Shop');
    const tier2 = (await w.call(`mutation($m: [ID!]) { createTeam(input: { name: "Tier 2", memberIds: $m }) { id } }`, { m: [w.agent.id] })).createTeam.id;
    const customer = (
      await w.call(`mutation { createCustomer(input: { name: "Deniz", email: "deniz@example.com", group: "VIP" }) { id group } }`)
    ).createCustomer;
    expect(customer.group).toBe('VIP');
    await w.call(`mutation { createRule(input: { name: "VIP urgent", triggers: [TICKET_CREATED],
      conditions: [{ kind: "customerGroup", config: { groups: ["vip"] } }], actions: [{ kind: "setPriority", config: { priority: "URGENT" } }] }) { id } }`);
    await w.call(`mutation($team: ID!) { createRule(input: { name: "Tier 2 high", triggers: [TICKET_CREATED],
      conditions: [{ kind: "team", config: { teamIds: [$team] } }], actions: [{ kind: "setPriority", config: { priority: "HIGH" } }] }) { id } }`, { team: tier2 });

    const create = async (email: string, assignee?: Record<string, unknown>) =>
      (
        await w.call(`mutation($i: CreateTicketInput!) { createTicket(input: $i) { priority } }`, {
          i: { productId: shop, customer: { name: 'Someone', email }, subject: 'Help', ...(assignee ? { assignee } : {}) },
        })
      ).createTicket.priority;
    expect(await create('deniz@example.com')).toBe('URGENT');
    expect(await create('other@example.com')).toBe('MEDIUM');
    expect(await create('other@example.com', { kind: 'USER', id: w.agent.id })).toBe('HIGH');
    expect(await create('other@example.com', { kind: 'TEAM', id: tier2 })).toBe('HIGH');

    const cleared = (await w.call(`mutation($i: UpdateCustomerInput!) { updateCustomer(input: $i) { group } }`, { i: { id: customer.id, group: null } })).updateCustomer;
    expect(cleared.group).toBeNull();
    expect(await create('deniz@example.com')).toBe('MEDIUM');
  });

  it('age and last-message conditions are measured against the moment the rule runs', () => {
    const now = new Date('2026-01-05T12:00:00Z');
    const facts = (ticket: Partial<TicketFacts['ticket']>, extra: TicketFacts['extra'] = {}): TicketFacts => ({
      ticket: {
        id: 't',
        number: 1,
        channel: 'EMAIL',
        productId: 'p',
        priority: 'MEDIUM',
        statusId: 's',
        statusCategory: 'OPEN',
        typeId: null,
        topicId: null,
        folderId: null,
        assigneeUserId: null,
        assigneeTeamId: null,
        tagIds: [],
        subject: 'Help',
        description: '',
        customer: { id: 'c', name: 'Deniz', email: null, group: null },
        lastMessageBy: null,
        isInternal: false,
        customFields: {},
        createdAt: new Date('2026-01-05T10:00:00Z'),
        updatedAt: new Date('2026-01-05T11:50:00Z'),
        ...ticket,
      },
      trigger: 'TICKET_UPDATED',
      changedFields: [],
      now,
      extra,
    });
    const holds = (condition: { kind: string; config: unknown }, on: TicketFacts) => conditionsHold(parseConditions([condition], 'c').items, on);

    expect(holds({ kind: 'createdAt', config: { olderThanMinutes: 120 } }, facts({}))).toBe(true);
    expect(holds({ kind: 'createdAt', config: { olderThanMinutes: 121 } }, facts({}))).toBe(false);
    expect(holds({ kind: 'createdAt', config: { newerThanMinutes: 120 } }, facts({}))).toBe(false);
    expect(holds({ kind: 'createdAt', config: { after: '2026-01-05T09:00:00Z', before: '2026-01-05T11:00:00Z' } }, facts({}))).toBe(true);
    expect(holds({ kind: 'updatedAt', config: { newerThanMinutes: 15 } }, facts({}))).toBe(true);
    expect(holds({ kind: 'updatedAt', config: { olderThanMinutes: 15 } }, facts({}))).toBe(false);
    expect(holds({ kind: 'lastMessageBy', config: { authors: ['CUSTOMER'] } }, facts({ lastMessageBy: 'CUSTOMER' }))).toBe(true);
    expect(holds({ kind: 'lastMessageBy', config: { authors: ['CUSTOMER'] } }, facts({ lastMessageBy: 'AGENT' }))).toBe(false);
    expect(holds({ kind: 'lastMessageBy', config: { authors: ['CUSTOMER', 'AGENT'] } }, facts({}))).toBe(false);
    const vip = { id: 'c', name: 'Deniz', email: null, group: ' Vip ' };
    expect(holds({ kind: 'customerGroup', config: { groups: ['VIP', 'Enterprise'] } }, facts({ customer: vip }))).toBe(true);
    expect(holds({ kind: 'customerGroup', config: { groups: ['VIP'] } }, facts({}))).toBe(false);
  });
});
