// Ticket custom fields through the API: admins define the fields (plan, seats, renewal date…), agents fill them in
// on new and changed tickets with every change in the ticket's history, lists filter by them, and ticket rules and
// SLA rules act on them — as on the assigned agent's presence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server.js';
import { errorCode, type GraphQLResponse, PASSWORD, startTestApp, type TestApp, type TestClock, testClock, uniqueEmail } from './harness.js';
import { subscribe, untilLive } from './ws-client.js';

// After the real now: on a shared PostgreSQL, other test apps' SLA scans use the wall clock.
const START = '2027-09-06T06:00:00.000Z';
let t: TestApp;
let clock: TestClock;

beforeAll(async () => {
  clock = testClock(START);
  t = await startTestApp({}, { clock });
});
afterAll(() => t.stop());

const FIELD = `id key name type options required position`;
const TICKET = `id priority slaPolicy { name } slaTargets { metric targetMinutes }
  customFields { key value field { key name type } }`;

/** The error code and field of the first error. */
const failure = (response: GraphQLResponse) => ({ code: errorCode(response), field: response.errors?.[0]?.extensions?.field });

/** A workspace with an admin, a supervisor, two agents, a product and a team. */
async function workspace() {
  const admin = (await t.signUp('Fields Inc')).token;
  const call = async (query: string, variables: Record<string, unknown> = {}, token = admin) => {
    const result = await t.gql(query, variables, token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  };
  const member = async (role: string, name: string) => {
    const email = uniqueEmail(role.toLowerCase());
    const id = (await call(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email, name, role, password: PASSWORD } })).createUser
      .id as string;
    const token = (await call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD })).login
      .token as string;
    return { id, token };
  };
  const supervisor = await member('SUPERVISOR', 'Sevgi');
  const ali = await member('AGENT', 'Ali');
  const oya = await member('AGENT', 'Oya');
  const shop = (await call(`mutation { createProduct(input: { name: "Shop", channels: [EMAIL] }) { id } }`)).createProduct.id as string;
  const support = (await call(`mutation($m: [ID!]) { createTeam(input: { name: "Support", memberIds: $m }) { id } }`, { m: [ali.id, oya.id] }))
    .createTeam.id as string;

  const createField = (input: Record<string, unknown>, token = admin) =>
    t.gql(`mutation($i: CreateTicketFieldInput!) { createTicketField(input: $i) { ${FIELD} } }`, { i: input }, token);
  const updateField = (input: Record<string, unknown>) =>
    t.gql(`mutation($i: UpdateTicketFieldInput!) { updateTicketField(input: $i) { ${FIELD} } }`, { i: input }, admin);
  const field = async (input: Record<string, unknown>) => {
    const response = await createField(input);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.createTicketField as { id: string; key: string };
  };
  const createTicket = (input: Record<string, unknown> = {}, token = ali.token) =>
    t.gql(`mutation($i: CreateTicketInput!) { createTicket(input: $i) { ${TICKET} } }`, {
      i: { productId: shop, customer: { name: 'Deniz', email: 'deniz@example.com' }, subject: 'Invoice question', ...input },
    }, token);
  const updateTicket = (input: Record<string, unknown>, token = ali.token) =>
    t.gql(`mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { ${TICKET} } }`, { i: input }, token);
  const customerTicket = async () =>
    (
      await call(`mutation($i: CreateTicketFromCustomerInput!) { createTicketFromCustomer(input: $i) { ${TICKET} } }`, {
        i: { productId: shop, channel: 'EMAIL', customer: { name: 'Deniz', email: uniqueEmail('deniz') }, subject: 'Order', body: 'Where is it?' },
      })
    ).createTicketFromCustomer;
  const ticket = async (id: string) => (await call(`query($id: ID!) { node(id: $id) { ... on Ticket { ${TICKET} } } }`, { id })).node;
  const history = async (id: string) =>
    (await call(`query($id: ID!) { node(id: $id) { ... on Ticket { history { edges { node { field fromValue toValue } } } } } }`, { id })).node.history.edges
      .map((edge: { node: { field: string; fromValue: unknown; toValue: unknown } }) => edge.node)
      .filter((entry: { field: string }) => entry.field.startsWith('customField:'));
  const policy = async (name: string, minutes: number) =>
    (
      await call(`mutation($i: CreateSlaPolicyInput!) { createSlaPolicy(input: $i) { id } }`, {
        i: { name, targets: [{ metric: 'FIRST_RESPONSE', minutes }], targetRate: 90 },
      }, supervisor.token)
    ).createSlaPolicy.id as string;
  const createSlaRule = (input: Record<string, unknown>) =>
    t.gql(`mutation($i: CreateSlaRuleInput!) { createSlaRule(input: $i) { id conditions policy { name } } }`, { i: input }, supervisor.token);
  const createRule = (input: Record<string, unknown>) =>
    t.gql(`mutation($i: CreateRuleInput!) { createRule(input: $i) { id conditions { kind config } } }`, {
      i: { triggers: ['TICKET_CREATED', 'TICKET_UPDATED'], ...input },
    }, admin);
  return { admin, supervisor, ali, oya, shop, support, call, createField, updateField, field, createTicket, updateTicket, customerTicket, ticket, history, policy, createSlaRule, createRule };
}

const ok = <T = any>(response: GraphQLResponse): T => {
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data as T;
};

/** The five kinds of field most workspaces start with. */
async function standardFields(w: Awaited<ReturnType<typeof workspace>>) {
  return {
    plan: await w.field({ key: 'plan', name: 'Plan', type: 'DROPDOWN', options: ['Free', 'Pro', 'Gold'] }),
    seats: await w.field({ key: 'seats', name: 'Seats', type: 'NUMBER' }),
    vip: await w.field({ key: 'vip', name: 'VIP', type: 'CHECKBOX' }),
    renewal: await w.field({ key: 'renewal', name: 'Renewal date', type: 'DATE' }),
    order: await w.field({ key: 'order_no', name: 'Order number', type: 'TEXT' }),
  };
}

describe('admins define the custom fields of tickets', () => {
  it('creates, changes, orders and deletes fields, refusing bad definitions on the field they are about', async () => {
    const w = await workspace();
    const plan = ok(await w.createField({ key: 'plan', name: 'Plan', type: 'DROPDOWN', options: [' Free ', 'Pro', 'Gold'] })).createTicketField;
    expect(plan).toMatchObject({ key: 'plan', type: 'DROPDOWN', options: ['Free', 'Pro', 'Gold'], required: false, position: 0 });
    const seats = ok(await w.createField({ key: 'seats', name: 'Seats', type: 'NUMBER', position: 0 })).createTicketField;
    expect(seats.position).toBe(0);

    for (const key of ['Plan', '1plan', 'plan-type', 'a'.repeat(41), '']) {
      expect(failure(await w.createField({ key, name: 'Bad', type: 'TEXT' })), key).toEqual({ code: 'BAD_USER_INPUT', field: 'input.key' });
    }
    expect(failure(await w.createField({ key: 'plan', name: 'Plan again', type: 'TEXT' }))).toEqual({ code: 'CONFLICT', field: 'input.key' });
    expect(failure(await w.createField({ key: 'tier', name: 'Tier', type: 'DROPDOWN' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.options' });
    expect(failure(await w.createField({ key: 'tier', name: 'Tier', type: 'DROPDOWN', options: [] }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.options' });
    expect(failure(await w.createField({ key: 'tier', name: 'Tier', type: 'DROPDOWN', options: ['A', 'a'] }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.options.1' });
    expect(failure(await w.createField({ key: 'tier', name: 'Tier', type: 'DROPDOWN', options: ['A', '  '] }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.options.1' });
    expect(failure(await w.createField({ key: 'tier', name: 'Tier', type: 'TEXT', options: ['A'] }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.options' });
    expect(failure(await w.createField({ key: 'tier', name: ' ', type: 'TEXT' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(errorCode(await w.createField({ key: 'tier', name: 'Tier', type: 'TEXT' }, w.ali.token))).toBe('FORBIDDEN');

    const renamed = ok(await w.updateField({ id: plan.id, name: 'Subscription plan', options: ['Free', 'Pro', 'Gold', 'Platinum'], required: true, position: 0 }))
      .updateTicketField;
    expect(renamed).toMatchObject({ key: 'plan', name: 'Subscription plan', options: ['Free', 'Pro', 'Gold', 'Platinum'], required: true, position: 0 });
    expect(failure(await w.updateField({ id: seats.id, options: ['1'] }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.options' });
    // Everyone reads the fields, in form order.
    const listed = (await w.call(`{ ticketFields { key position } }`, {}, w.ali.token)).ticketFields;
    expect(listed).toEqual([{ key: 'plan', position: 0 }, { key: 'seats', position: 1 }]);

    const reordered = (await w.call(`mutation($ids: [ID!]!) { reorderTicketFields(ids: $ids) { key } }`, { ids: [seats.id, plan.id] })).reorderTicketFields;
    expect(reordered.map((f: { key: string }) => f.key)).toEqual(['seats', 'plan']);
    expect(failure(await t.gql(`mutation($ids: [ID!]!) { reorderTicketFields(ids: $ids) { key } }`, { ids: [seats.id] }, w.admin))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'ids',
    });

    expect(await w.call(`mutation($id: ID!) { deleteTicketField(id: $id) }`, { id: seats.id })).toEqual({ deleteTicketField: seats.id });
    expect((await w.call(`{ ticketFields { key position } }`)).ticketFields).toEqual([{ key: 'plan', position: 0 }]);
    expect(errorCode(await t.gql(`mutation($id: ID!) { deleteTicketField(id: $id) }`, { id: seats.id }, w.admin))).toBe('NOT_FOUND');
  });
});

describe('agents fill in custom fields', () => {
  it('sets values on create and update, checked per type, with every change in the history', async () => {
    const w = await workspace();
    await standardFields(w);
    const created = ok(
      await w.createTicket({
        customFields: [
          { key: 'seats', value: 12 },
          { key: 'plan', value: 'gold' },
          { key: 'vip', value: true },
          { key: 'renewal', value: '2027-03-01' },
          { key: 'order_no', value: '  ' },
        ],
      }),
    ).createTicket;
    // In form order; the option as it is spelled; an empty text is no value.
    expect(created.customFields).toEqual([
      { key: 'plan', value: 'Gold', field: { key: 'plan', name: 'Plan', type: 'DROPDOWN' } },
      { key: 'seats', value: 12, field: { key: 'seats', name: 'Seats', type: 'NUMBER' } },
      { key: 'vip', value: true, field: { key: 'vip', name: 'VIP', type: 'CHECKBOX' } },
      { key: 'renewal', value: '2027-03-01', field: { key: 'renewal', name: 'Renewal date', type: 'DATE' } },
    ]);

    const bad: [unknown, string, string][] = [
      [{ key: 'seats', value: '12' }, 'BAD_USER_INPUT', 'input.customFields.seats'],
      [{ key: 'seats', value: {} }, 'BAD_USER_INPUT', 'input.customFields.seats'],
      [{ key: 'plan', value: 'Platinum' }, 'BAD_USER_INPUT', 'input.customFields.plan'],
      [{ key: 'vip', value: 'yes' }, 'BAD_USER_INPUT', 'input.customFields.vip'],
      [{ key: 'renewal', value: '2027-02-30' }, 'BAD_USER_INPUT', 'input.customFields.renewal'],
      [{ key: 'renewal', value: '01.03.2027' }, 'BAD_USER_INPUT', 'input.customFields.renewal'],
      [{ key: 'order_no', value: 42 }, 'BAD_USER_INPUT', 'input.customFields.order_no'],
      [{ key: 'order_no', value: 'x'.repeat(1001) }, 'BAD_USER_INPUT', 'input.customFields.order_no'],
      [{ key: 'colour', value: 'red' }, 'BAD_USER_INPUT', 'input.customFields.colour'],
      [{ key: 'Not A Key', value: 'red' }, 'BAD_USER_INPUT', 'input.customFields.0.key'],
    ];
    for (const [value, code, field] of bad) {
      expect(failure(await w.createTicket({ customFields: [value] })), JSON.stringify(value)).toEqual({ code, field });
      expect(failure(await w.updateTicket({ id: created.id, customFields: [value] })), JSON.stringify(value)).toEqual({ code, field });
    }
    expect(failure(await w.updateTicket({ id: created.id, customFields: [{ key: 'seats', value: 1 }, { key: 'seats', value: 2 }] }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.customFields.seats',
    });

    const updated = ok(
      await w.updateTicket({ id: created.id, customFields: [{ key: 'seats', value: 15 }, { key: 'renewal', value: null }, { key: 'vip', value: true }] }),
    ).updateTicket;
    expect(updated.customFields.map((entry: { key: string; value: unknown }) => [entry.key, entry.value])).toEqual([
      ['plan', 'Gold'],
      ['seats', 15],
      ['vip', true],
    ]);
    expect(await w.history(created.id)).toEqual([
      { field: 'customField:plan', fromValue: null, toValue: 'Gold' },
      { field: 'customField:renewal', fromValue: null, toValue: '2027-03-01' },
      { field: 'customField:seats', fromValue: null, toValue: 12 },
      { field: 'customField:vip', fromValue: null, toValue: true },
      { field: 'customField:renewal', fromValue: '2027-03-01', toValue: null },
      { field: 'customField:seats', fromValue: 12, toValue: 15 },
    ]);
  });

  it('enforces required fields on createTicket, and a required value can change but not be cleared', async () => {
    const w = await workspace();
    const { plan } = await standardFields(w);
    ok(await w.updateField({ id: plan.id, required: true }));
    expect(failure(await w.createTicket())).toEqual({ code: 'BAD_USER_INPUT', field: 'input.customFields.plan' });
    expect(failure(await w.createTicket({ customFields: [{ key: 'plan', value: null }] }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.customFields.plan' });
    const created = ok(await w.createTicket({ customFields: [{ key: 'plan', value: 'Pro' }] })).createTicket;
    expect(failure(await w.updateTicket({ id: created.id, customFields: [{ key: 'plan' }] }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.customFields.plan' });
    expect(ok(await w.updateTicket({ id: created.id, customFields: [{ key: 'plan', value: 'Free' }] })).updateTicket.customFields[0].value).toBe('Free');
    // Customers writing in cannot fill in the form: their tickets are not held to it.
    expect((await w.customerTicket()).customFields).toEqual([]);
  });

  it('filters the ticket list by custom field values', async () => {
    const w = await workspace();
    await standardFields(w);
    const gold = ok(await w.createTicket({ customFields: [{ key: 'plan', value: 'Gold' }, { key: 'seats', value: 40 }, { key: 'vip', value: true }] })).createTicket;
    const pro = ok(await w.createTicket({ customFields: [{ key: 'plan', value: 'Pro' }, { key: 'seats', value: 5 }] })).createTicket;
    const none = ok(await w.createTicket()).createTicket;
    const list = async (customFields: unknown) =>
      (await w.call(`query($f: TicketFilter) { tickets(filter: $f, first: 50) { totalCount edges { node { id } } } }`, { f: { customFields } }, w.ali.token))
        .tickets.edges.map((edge: { node: { id: string } }) => edge.node.id)
        .sort();
    expect(await list([{ key: 'plan', value: 'gold' }])).toEqual([gold.id]);
    expect(await list([{ key: 'seats', value: 5.0 }])).toEqual([pro.id]);
    expect(await list([{ key: 'vip', value: true }])).toEqual([gold.id]);
    expect(await list([{ key: 'vip', value: false }])).toEqual([pro.id, none.id].sort());
    expect(await list([{ key: 'plan', value: 'Gold' }, { key: 'seats', value: 5 }])).toEqual([]);
    expect(await list([{ key: 'nothing', value: 'x' }])).toEqual([]);
    const bad = await t.gql(`query($f: TicketFilter) { tickets(filter: $f) { totalCount } }`, { f: { customFields: [{ key: 'plan', value: { a: 1 } }] } }, w.ali.token);
    expect(failure(bad)).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.customFields.0.value' });
  });

  it('a live list filtered by a custom field hears when a ticket leaves it', async () => {
    const w = await workspace();
    await standardFields(w);
    const server = await startServer(t.app, { port: 0, host: '127.0.0.1' });
    const feed = subscribe<{ ticketEvents: { kind: string; changedFields: string[]; matchesFilter: boolean; ticket: { id: string } } }>(
      server.url,
      w.ali.token,
      `subscription($filter: TicketEventFilter) { ticketEvents(filter: $filter) { kind changedFields matchesFilter ticket { id } } }`,
      { filter: { tickets: { customFields: [{ key: 'plan', value: 'Gold' }] } } },
    );
    try {
      await untilLive(feed, () => w.createTicket({ customFields: [{ key: 'plan', value: 'Gold' }] }));
      const gold = ok(await w.createTicket({ customFields: [{ key: 'plan', value: 'Gold' }] })).createTicket;
      expect((await feed.next()).ticketEvents).toMatchObject({ kind: 'CREATED', matchesFilter: true, ticket: { id: gold.id } });
      ok(await w.updateTicket({ id: gold.id, customFields: [{ key: 'plan', value: 'Pro' }] }));
      expect((await feed.next()).ticketEvents).toMatchObject({ kind: 'UPDATED', changedFields: ['customField:plan'], matchesFilter: false, ticket: { id: gold.id } });
      // Another field's change cannot move a ticket in or out of this list: nothing to hear.
      ok(await w.updateTicket({ id: gold.id, customFields: [{ key: 'seats', value: 3 }] }));
      expect(await feed.settle(500)).toEqual([]);
    } finally {
      await feed.dispose();
      await server.close();
    }
  });

  it('deleting a field removes its values from tickets with history; refused while rules ask about it; options in use stay', async () => {
    const w = await workspace();
    const { plan, seats } = await standardFields(w);
    const created = ok(await w.createTicket({ customFields: [{ key: 'plan', value: 'Gold' }, { key: 'seats', value: 3 }] })).createTicket;
    expect(failure(await w.updateField({ id: plan.id, options: ['Free', 'Pro'] }))).toEqual({ code: 'CONFLICT', field: 'input.options' });

    const rule = ok(await w.createRule({
      name: 'Big customers',
      conditions: [{ kind: 'any', config: { conditions: [{ kind: 'customField', config: { key: 'seats', operator: 'GREATER_THAN', value: 100 } }] } }],
      actions: [{ kind: 'setPriority', config: { priority: 'HIGH' } }],
    })).createRule;
    const refused = await t.gql(`mutation($id: ID!) { deleteTicketField(id: $id) }`, { id: seats.id }, w.admin);
    expect(failure(refused)).toEqual({ code: 'CONFLICT', field: 'id' });
    expect(refused.errors![0].message).toContain('Big customers');

    await w.call(`mutation($id: ID!) { deleteRule(id: $id) }`, { id: rule.id });
    await w.call(`mutation($id: ID!) { deleteTicketField(id: $id) }`, { id: seats.id });
    const after = await w.ticket(created.id);
    expect(after.customFields.map((entry: { key: string }) => entry.key)).toEqual(['plan']);
    expect((await w.history(created.id)).at(-1)).toEqual({ field: 'customField:seats', fromValue: 3, toValue: null });
    // The key is free again, and no old value comes back under it.
    await w.field({ key: 'seats', name: 'Seats', type: 'TEXT' });
    expect((await w.ticket(created.id)).customFields.map((entry: { key: string }) => entry.key)).toEqual(['plan']);
  });
});

describe('rules on custom fields and on the assignee’s presence', () => {
  it('an SLA rule "plan EQUALS Gold" chooses the Gold policy, and changing the plan chooses again', async () => {
    const w = await workspace();
    await standardFields(w);
    const standard = await w.policy('Standard', 240);
    const gold = await w.policy('Gold', 15);
    ok(await w.createSlaRule({ name: 'Everyone', conditions: [], policyId: standard }));
    const rule = ok(await w.createSlaRule({ name: 'Gold plan', conditions: [{ kind: 'customField', config: { key: 'plan', operator: 'EQUALS', value: 'Gold' } }], policyId: gold }))
      .createSlaRule;
    expect(rule).toMatchObject({ conditions: [{ kind: 'customField', config: { key: 'plan', operator: 'EQUALS', value: 'Gold' } }], policy: { name: 'Gold' } });

    const customer = await w.customerTicket();
    expect(customer.slaPolicy).toEqual({ name: 'Standard' });
    expect(customer.slaTargets).toEqual([{ metric: 'FIRST_RESPONSE', targetMinutes: 240 }]);
    const upgraded = ok(await w.updateTicket({ id: customer.id, customFields: [{ key: 'plan', value: 'Gold' }] })).updateTicket;
    expect(upgraded.slaPolicy).toEqual({ name: 'Gold' });
    expect(upgraded.slaTargets).toEqual([{ metric: 'FIRST_RESPONSE', targetMinutes: 15 }]);
    const downgraded = ok(await w.updateTicket({ id: customer.id, customFields: [{ key: 'plan', value: 'Pro' }] })).updateTicket;
    expect(downgraded.slaPolicy).toEqual({ name: 'Standard' });
    expect(downgraded.slaTargets).toEqual([{ metric: 'FIRST_RESPONSE', targetMinutes: 240 }]);
    // Chosen at creation too.
    expect(ok(await w.createTicket({ customFields: [{ key: 'plan', value: 'Gold' }] })).createTicket.slaPolicy).toEqual({ name: 'Gold' });

    // The config is checked against the field when the rule is saved.
    const condition = (config: Record<string, unknown>) => ({ name: 'Bad', conditions: [{ kind: 'customField', config }], policyId: gold });
    const bad: [Record<string, unknown>, string][] = [
      [{ key: 'tier', operator: 'EQUALS', value: 'Gold' }, 'input.conditions.0.config.key'],
      [{ key: 'plan', operator: 'EQUALS', value: 'Diamond' }, 'input.conditions.0.config.value'],
      [{ key: 'plan', operator: 'EQUALS', value: 5 }, 'input.conditions.0.config.value'],
      [{ key: 'plan', operator: 'GREATER_THAN', value: 'Gold' }, 'input.conditions.0.config.operator'],
      [{ key: 'seats', operator: 'CONTAINS', value: '1' }, 'input.conditions.0.config.operator'],
      [{ key: 'seats', operator: 'GREATER_THAN', value: '10' }, 'input.conditions.0.config.value'],
      [{ key: 'seats', operator: 'GREATER_THAN' }, 'input.conditions.0.config.value'],
      [{ key: 'seats', operator: 'IS_SET', value: 1 }, 'input.conditions.0.config.value'],
      [{ key: 'renewal', operator: 'LESS_THAN', value: '2027-13-01' }, 'input.conditions.0.config.value'],
      [{ key: 'plan', operator: 'MATCHES', value: 'Gold' }, 'input.conditions.0.config.operator'],
      [{ key: 'Plan', operator: 'IS_SET' }, 'input.conditions.0.config.key'],
    ];
    for (const [config, field] of bad) {
      expect(failure(await w.createSlaRule(condition(config))), JSON.stringify(config)).toEqual({ code: 'BAD_USER_INPUT', field });
    }
    // Inside groups too.
    expect(
      failure(await w.createSlaRule({ name: 'Bad', conditions: [{ kind: 'all', config: { conditions: [{ kind: 'customField', config: { key: 'tier', operator: 'IS_SET' } }] } }], policyId: gold })),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'input.conditions.0.config.conditions.0.config.key' });
  });

  it('an SLA rule on assigneePresence applies to tickets of agents with that presence, read at the ticket’s next change', async () => {
    const w = await workspace();
    const online = await w.policy('Agent online', 10);
    ok(await w.createSlaRule({ name: 'Online agents', conditions: [{ kind: 'assigneePresence', config: { statuses: ['ONLINE', 'BREAK'] } }], policyId: online }));
    expect(failure(await w.createSlaRule({ name: 'Bad', conditions: [{ kind: 'assigneePresence', config: { statuses: ['AWAY'] } }], policyId: online }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.conditions.0.config.statuses.0',
    });
    expect(failure(await w.createSlaRule({ name: 'Bad', conditions: [{ kind: 'assigneePresence', config: { statuses: [] } }], policyId: online }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.conditions.0.config.statuses',
    });

    const setPresence = (token: string, status: string) =>
      w.call(`mutation($i: SetPresenceInput!) { setPresence(input: $i) { status } }`, { i: { status } }, token);
    await setPresence(w.ali.token, 'ONLINE');

    const ticket = await w.customerTicket();
    expect(ticket.slaPolicy).toBeNull();
    // Ali is online; Oya never signed in (no presence: OFFLINE); a team is nobody's presence.
    expect(ok(await w.updateTicket({ id: ticket.id, assignee: { kind: 'USER', id: w.ali.id } })).updateTicket.slaPolicy).toEqual({ name: 'Agent online' });
    expect(ok(await w.updateTicket({ id: ticket.id, assignee: { kind: 'USER', id: w.oya.id } })).updateTicket.slaPolicy).toBeNull();
    expect(ok(await w.updateTicket({ id: ticket.id, assignee: { kind: 'TEAM', id: w.support } })).updateTicket.slaPolicy).toBeNull();
    const back = ok(await w.updateTicket({ id: ticket.id, assignee: { kind: 'USER', id: w.ali.id } })).updateTicket;
    expect(back.slaPolicy).toEqual({ name: 'Agent online' });
    expect(back.slaTargets).toEqual([{ metric: 'FIRST_RESPONSE', targetMinutes: 10 }]);

    await setPresence(w.ali.token, 'BREAK');
    expect(ok(await w.updateTicket({ id: ticket.id, priority: 'HIGH' })).updateTicket.slaPolicy).toEqual({ name: 'Agent online' });
    // A presence change alone does not run the rules: the ticket keeps its policy until it next changes.
    await setPresence(w.ali.token, 'INVISIBLE');
    expect((await w.ticket(ticket.id)).slaPolicy).toEqual({ name: 'Agent online' });
    expect(ok(await w.updateTicket({ id: ticket.id, priority: 'URGENT' })).updateTicket.slaPolicy).toBeNull();
  });

  it('a ticket rule on a custom field acts on new and changed tickets, and fieldChanged names custom fields', async () => {
    const w = await workspace();
    await standardFields(w);
    ok(
      await w.createRule({
        name: 'VIPs first',
        conditions: [{ kind: 'customField', config: { key: 'vip', operator: 'EQUALS', value: true } }],
        actions: [{ kind: 'setPriority', config: { priority: 'URGENT' } }],
      }),
    );
    ok(
      await w.createRule({
        name: 'Renewals soon',
        conditions: [
          { kind: 'fieldChanged', config: { fields: ['customField:renewal'] } },
          { kind: 'customField', config: { key: 'renewal', operator: 'LESS_THAN', value: '2027-10-01' } },
        ],
        actions: [{ kind: 'setPriority', config: { priority: 'HIGH' } }],
      }),
    );
    expect(failure(await w.createRule({ name: 'Bad', conditions: [{ kind: 'customField', config: { key: 'vip', operator: 'EQUALS', value: 'yes' } }], actions: [{ kind: 'setPriority', config: { priority: 'LOW' } }] })))
      .toEqual({ code: 'BAD_USER_INPUT', field: 'input.conditions.0.config.value' });
    expect(failure(await w.createRule({ name: 'Bad', conditions: [{ kind: 'fieldChanged', config: { fields: ['customField:Renewal'] } }], actions: [{ kind: 'setPriority', config: { priority: 'LOW' } }] })))
      .toEqual({ code: 'BAD_USER_INPUT', field: 'input.conditions.0.config.fields.0' });

    expect(ok(await w.createTicket({ customFields: [{ key: 'vip', value: true }] })).createTicket.priority).toBe('URGENT');
    const plain = ok(await w.createTicket({ customFields: [{ key: 'vip', value: false }] })).createTicket;
    expect(plain.priority).toBe('MEDIUM');
    expect(ok(await w.updateTicket({ id: plain.id, customFields: [{ key: 'renewal', value: '2027-12-01' }] })).updateTicket.priority).toBe('MEDIUM');
    expect(ok(await w.updateTicket({ id: plain.id, customFields: [{ key: 'renewal', value: '2027-09-15' }] })).updateTicket.priority).toBe('HIGH');
    expect(ok(await w.updateTicket({ id: plain.id, customFields: [{ key: 'vip', value: true }] })).updateTicket.priority).toBe('URGENT');
  });
});
