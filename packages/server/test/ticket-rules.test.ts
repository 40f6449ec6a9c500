// Rules through the API: an admin writes condition → action rules, and new or changed tickets get assigned,
// prioritised, filed and answered by them — in order, once per change, with every change in the ticket's history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, PASSWORD, rawId, startTestApp, type TestApp, uniqueEmail } from './harness.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const ALL_DAY = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((day) => ({
  day,
  start: '00:00',
  end: '24:00',
}));

const TICKET_FIELDS = `id number priority assigneeKind assigneeUser { id name } assigneeTeam { id name } folder { name }
  type { name } tags { name }`;
const RULE_FIELDS = `id name position enabled stopOtherRules triggers conditions { kind config } actions { kind config }`;

/** A fresh workspace with what rules refer to: products, agents, a team, a tag, a folder, a type. */
async function workspace() {
  const admin = (await t.signUp('Rules Inc')).token;
  const call = async (query: string, variables: Record<string, unknown> = {}, token = admin) => {
    const result = await t.gql(query, variables, token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  };
  const agent = async (name: string) => {
    const email = uniqueEmail('agent');
    const id = (await call(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email, name, role: 'AGENT', password: PASSWORD } })).createUser.id as string;
    const token = (await call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD })).login.token as string;
    return { id, token };
  };
  const shop = (await call(`mutation { createProduct(input: { name: "Shop", channels: [EMAIL, PHONE] }) { id } }`)).createProduct.id as string;
  const bank = (await call(`mutation { createProduct(input: { name: "Bank" }) { id } }`)).createProduct.id as string;
  const ali = await agent('Ali');
  const oya = await agent('Oya');
  const support = (await call(`mutation($m: [ID!]) { createTeam(input: { name: "Support", memberIds: $m }) { id } }`, { m: [ali.id, oya.id] })).createTeam.id as string;
  const vip = (await call(`mutation { createTag(input: { name: "VIP" }) { id } }`)).createTag.id as string;
  const vipFolder = (await call(`mutation { createFolder(input: { name: "VIP" }) { id } }`)).createFolder.id as string;
  const refund = (await call(`mutation { createTicketType(input: { name: "Refund" }) { id } }`)).createTicketType.id as string;

  const createTicket = async (input: Record<string, unknown> = {}) =>
    (
      await call(`mutation($i: CreateTicketInput!) { createTicket(input: $i) { ${TICKET_FIELDS} } }`, {
        i: { productId: shop, customer: { name: 'Deniz Kaya', email: 'deniz@example.com' }, subject: 'Help', ...input },
      }, ali.token)
    ).createTicket;
  const updateTicket = async (input: Record<string, unknown>) =>
    (await call(`mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { ${TICKET_FIELDS} } }`, { i: input }, ali.token)).updateTicket;
  const createRule = async (input: Record<string, unknown>) =>
    (await call(`mutation($i: CreateRuleInput!) { createRule(input: $i) { ${RULE_FIELDS} } }`, { i: { triggers: ['TICKET_CREATED'], ...input } })).createRule;
  const history = async (ticketId: string) =>
    (await call(`query($id: ID!) { node(id: $id) { ... on Ticket { history { edges { node { field actor via toValue } } } } } }`, { id: ticketId }))
      .node.history.edges.map((edge: { node: unknown }) => edge.node) as { field: string; actor: string; via: string; toValue: any }[];
  const messages = async (ticketId: string) =>
    (await call(`query($id: ID!) { node(id: $id) { ... on Ticket { messages { edges { node { body visibility authorKind author } } } } } }`, { id: ticketId }))
      .node.messages.edges.map((edge: { node: unknown }) => edge.node) as { body: string; visibility: string; authorKind: string; author: string }[];

  return { admin, call, ali, oya, shop, bank, support, vip, vipFolder, refund, createTicket, updateTicket, createRule, history, messages };
}

describe('rules that act on new and changed tickets', () => {
  it('an auto-assignment rule gives new phone tickets of one product to a team', async () => {
    const w = await workspace();
    // Tickets agents create after a phone call are the internal ones.
    const rule = await w.createRule({
      name: 'Shop phone calls to Support',
      conditions: [
        { kind: 'product', config: { productIds: [w.shop] } },
        { kind: 'channel', config: { channels: ['PHONE', 'INTERNAL'] } },
      ],
      actions: [{ kind: 'assignTeam', config: { teamId: w.support } }],
    });

    const shopTicket = await w.createTicket();
    expect(shopTicket).toMatchObject({ assigneeKind: 'TEAM', assigneeTeam: { name: 'Support' } });
    const bankTicket = await w.createTicket({ productId: w.bank });
    expect(bankTicket.assigneeKind).toBeNull();

    const entry = (await w.history(shopTicket.id)).find((change) => change.field === 'assignee');
    expect(entry).toEqual({ field: 'assignee', actor: `rule:${rawId(rule.id)}`, via: 'RULE', toValue: { kind: 'TEAM', id: rawId(w.support) } });
  });

  it('assignment by ticket type applies on create and when an agent changes the type', async () => {
    const w = await workspace();
    await w.createRule({
      name: 'Refunds to Oya',
      triggers: ['TICKET_CREATED', 'TICKET_UPDATED'],
      conditions: [{ kind: 'type', config: { typeIds: [w.refund] } }],
      actions: [{ kind: 'assignUser', config: { userId: w.oya.id } }],
    });

    expect(await w.createTicket({ typeId: w.refund })).toMatchObject({ assigneeKind: 'USER', assigneeUser: { name: 'Oya' } });
    const other = await w.createTicket();
    expect(other.assigneeKind).toBeNull();
    expect(await w.updateTicket({ id: other.id, typeId: w.refund })).toMatchObject({ type: { name: 'Refund' }, assigneeUser: { name: 'Oya' } });
  });

  it('a priority rule makes VIP tickets urgent and files them into the VIP folder', async () => {
    const w = await workspace();
    const rule = await w.createRule({
      name: 'VIP first',
      conditions: [{ kind: 'tags', config: { match: 'ANY', tagIds: [w.vip] } }],
      actions: [
        { kind: 'setPriority', config: { priority: 'URGENT' } },
        { kind: 'setFolder', config: { folderId: w.vipFolder } },
      ],
    });

    const ticket = await w.createTicket({ tagIds: [w.vip] });
    expect(ticket).toMatchObject({ priority: 'URGENT', folder: { name: 'VIP' } });
    expect(await w.createTicket()).toMatchObject({ priority: 'MEDIUM', folder: null });

    const byRule = (await w.history(ticket.id)).filter((change) => change.actor === `rule:${rawId(rule.id)}`);
    expect(byRule.map(({ field, via }) => ({ field, via }))).toEqual([
      { field: 'priority', via: 'RULE' },
      { field: 'folder', via: 'RULE' },
    ]);
  });

  it('round-robin assignment hands new tickets to the least recently assigned team member', async () => {
    const w = await workspace();
    const rule = await w.createRule({
      name: 'Share Support work',
      conditions: [{ kind: 'assignee', config: { is: 'UNASSIGNED' } }],
      actions: [{ kind: 'roundRobin', config: { teamId: w.support } }],
    });

    const tickets = [];
    for (let i = 0; i < 4; i++) tickets.push(await w.createTicket());
    const assignees = tickets.map((ticket) => ticket.assigneeUser.id);
    expect(new Set(assignees.slice(0, 2))).toEqual(new Set([w.ali.id, w.oya.id]));
    expect(assignees.slice(2)).toEqual(assignees.slice(0, 2));
    // The dry run names whom round robin would pick now: the member the next ticket then gets.
    const dryRun = await w.call(`query($r: ID!, $t: ID!) { testRule(ruleId: $r, ticketId: $t) { actions { pickedUser { id } } } }`, {
      r: rule.id,
      t: tickets[0].id,
    });
    expect(dryRun.testRule.actions[0].pickedUser.id).toBe(assignees[0]);
    expect((await w.createTicket()).assigneeUser.id).toBe(assignees[0]);

    // A deactivated member gets nothing.
    await w.call(`mutation($id: ID!) { deactivateUser(id: $id) { id } }`, { id: w.oya.id });
    expect((await w.createTicket()).assigneeUser.id).toBe(w.ali.id);
    expect((await w.createTicket()).assigneeUser.id).toBe(w.ali.id);
  });

  it('stop-other-rules keeps a later matching rule from running', async () => {
    const w = await workspace();
    await w.createRule({
      name: 'VIP: urgent, and nothing else',
      conditions: [{ kind: 'tags', config: { match: 'ANY', tagIds: [w.vip] } }],
      actions: [{ kind: 'setPriority', config: { priority: 'URGENT' } }, { kind: 'stopOtherRules' }],
    });
    await w.createRule({ name: 'Everything to Support', actions: [{ kind: 'assignTeam', config: { teamId: w.support } }] });

    const vipTicket = await w.createTicket({ tagIds: [w.vip] });
    expect(vipTicket).toMatchObject({ priority: 'URGENT', assigneeKind: null });
    expect(await w.createTicket()).toMatchObject({ priority: 'MEDIUM', assigneeTeam: { name: 'Support' } });
  });

  it('each rule sees the ticket as the rules before it left it, so reordering changes the outcome', async () => {
    const w = await workspace();
    const tagRule = await w.createRule({
      name: 'VIP is urgent',
      conditions: [{ kind: 'tags', config: { match: 'ANY', tagIds: [w.vip] } }],
      actions: [{ kind: 'setPriority', config: { priority: 'URGENT' } }],
    });
    const urgentRule = await w.createRule({
      name: 'Urgent to Support',
      conditions: [{ kind: 'priority', config: { priorities: ['URGENT'] } }],
      actions: [{ kind: 'assignTeam', config: { teamId: w.support } }],
    });
    expect(await w.createTicket({ tagIds: [w.vip] })).toMatchObject({ priority: 'URGENT', assigneeTeam: { name: 'Support' } });

    const reordered = await w.call(`mutation($ids: [ID!]!) { reorderRules(ids: $ids) { name position } }`, { ids: [urgentRule.id, tagRule.id] });
    expect(reordered.reorderRules).toEqual([
      { name: 'Urgent to Support', position: 0 },
      { name: 'VIP is urgent', position: 1 },
    ]);
    // Now "Urgent to Support" looks first, while the ticket is still MEDIUM.
    expect(await w.createTicket({ tagIds: [w.vip] })).toMatchObject({ priority: 'URGENT', assigneeKind: null });
  });

  it('changes made by rules do not run the rules again, so rules that undo each other still finish', async () => {
    const w = await workspace();
    const down = await w.createRule({
      name: 'Urgent becomes low',
      triggers: ['TICKET_UPDATED'],
      conditions: [{ kind: 'priority', config: { priorities: ['URGENT'] } }],
      actions: [{ kind: 'setPriority', config: { priority: 'LOW' } }],
    });
    const up = await w.createRule({
      name: 'Low becomes urgent',
      triggers: ['TICKET_UPDATED'],
      conditions: [{ kind: 'priority', config: { priorities: ['LOW'] } }],
      actions: [{ kind: 'setPriority', config: { priority: 'URGENT' } }],
    });
    const ticket = await w.createTicket();
    // One pass, top to bottom: the agent's URGENT, then LOW by the first rule, then URGENT by the second.
    expect(await w.updateTicket({ id: ticket.id, priority: 'URGENT' })).toMatchObject({ priority: 'URGENT' });
    const priorities = (await w.history(ticket.id)).filter((change) => change.field === 'priority');
    expect(priorities.map(({ actor, toValue }) => [actor, toValue])).toEqual([
      [expect.stringMatching(/^user:/), 'URGENT'],
      [`rule:${rawId(down.id)}`, 'LOW'],
      [`rule:${rawId(up.id)}`, 'URGENT'],
    ]);
  });

  it('matches words in the description, ignoring case, and the customer’s e-mail domain', async () => {
    const w = await workspace();
    await w.createRule({
      name: 'Refund requests from example.com',
      conditions: [
        { kind: 'descriptionContains', config: { text: 'refund' } },
        { kind: 'customerEmailDomain', config: { domains: ['example.com'] } },
      ],
      actions: [{ kind: 'setType', config: { typeId: w.refund } }, { kind: 'addTags', config: { tagIds: [w.vip] } }],
    });
    expect(await w.createTicket({ description: 'Customer wants a REFUND for order 12.' })).toMatchObject({ type: { name: 'Refund' }, tags: [{ name: 'VIP' }] });
    expect(await w.createTicket({ description: 'Where is my parcel?' })).toMatchObject({ type: null, tags: [] });
    expect(await w.createTicket({ description: 'Refund please', customer: { name: 'Eda', email: 'eda@example.org' } })).toMatchObject({ type: null });
  });

  it('rules run only on their triggers and only while enabled', async () => {
    const w = await workspace();
    const rule = await w.createRule({
      name: 'Updates become urgent',
      triggers: ['TICKET_UPDATED'],
      actions: [{ kind: 'setPriority', config: { priority: 'URGENT' } }],
    });
    const ticket = await w.createTicket();
    expect(ticket.priority).toBe('MEDIUM');
    await w.call(`mutation($i: UpdateRuleInput!) { updateRule(input: $i) { id } }`, { i: { id: rule.id, enabled: false } });
    expect(await w.updateTicket({ id: ticket.id, subject: 'Still medium' })).toMatchObject({ priority: 'MEDIUM' });
    await w.call(`mutation($i: UpdateRuleInput!) { updateRule(input: $i) { id } }`, { i: { id: rule.id, enabled: true } });
    expect(await w.updateTicket({ id: ticket.id, subject: 'Now urgent' })).toMatchObject({ priority: 'URGENT' });
  });
});

describe('automatic replies and business hours', () => {
  const autoReply = (state: 'OPEN' | 'CLOSED', weeklyHours: unknown[]) => ({
    name: `Auto reply when ${state.toLowerCase()}`,
    conditions: [{ kind: 'businessHours', config: { state, calendar: { timeZone: 'Europe/Istanbul', weeklyHours } } }],
    actions: [
      {
        kind: 'sendAutoReply',
        config: { body: 'Hello {{customer.firstName}}, we got ticket #{{ ticket.number }} about "{{ticket.subject}}" and answer when we open.' },
      },
    ],
  });

  it('outside business hours a new ticket gets a public system reply, sent by e-mail', async () => {
    const w = await workspace();
    const rule = await w.createRule(autoReply('CLOSED', [])); // a calendar that is never open
    const ticket = await w.createTicket({ subject: 'Card blocked' });

    const body = `Hello Deniz, we got ticket #${ticket.number} about "Card blocked" and answer when we open.`;
    expect(await w.messages(ticket.id)).toEqual([{ body, visibility: 'PUBLIC', authorKind: 'SYSTEM', author: 'system' }]);
    const emails = await t.app.services.db.prisma.outboundEmail.findMany({ where: { ticketId: rawId(ticket.id) } });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ toAddress: 'deniz@example.com', subject: `[#${ticket.number}] Card blocked`, textBody: body });
    expect((await w.history(ticket.id)).find((change) => change.field === 'reply')).toMatchObject({ actor: `rule:${rawId(rule.id)}`, via: 'RULE' });
    // An automatic reply is nobody's response: the first-response clock keeps running.
    const read = await w.call(`query($id: ID!) { ticket(id: $id) { firstReplyAt lastMessageBy } }`, { id: ticket.id });
    expect(read.ticket).toEqual({ firstReplyAt: null, lastMessageBy: null });
  });

  it('inside business hours the same rule sends nothing', async () => {
    const w = await workspace();
    await w.createRule(autoReply('CLOSED', ALL_DAY)); // open around the clock
    const ticket = await w.createTicket();
    expect(await w.messages(ticket.id)).toEqual([]);
    expect(await t.app.services.db.prisma.outboundEmail.count({ where: { ticketId: rawId(ticket.id) } })).toBe(0);
  });
});

describe('managing rules', () => {
  it('lists rules in the order they run, with configs in global ids as written', async () => {
    const w = await workspace();
    const first = await w.createRule({
      name: 'VIP or refund',
      triggers: ['TICKET_CREATED', 'TICKET_UPDATED'],
      conditions: [
        {
          kind: 'any',
          config: {
            conditions: [
              { kind: 'tags', config: { match: 'ALL', tagIds: [w.vip] } },
              { kind: 'type', config: { typeIds: [w.refund] } },
            ],
          },
        },
        { kind: 'customerEmailDomain', config: { domains: [' Example.COM '] } },
      ],
      actions: [{ kind: 'addTags', config: { tagIds: [w.vip] } }],
    });
    const second = await w.createRule({ name: 'Put first', position: 0, actions: [{ kind: 'stopOtherRules' }] });
    expect(second).toMatchObject({ position: 0, stopOtherRules: true, conditions: [], actions: [{ kind: 'stopOtherRules', config: {} }] });

    const listed = await w.call(`query($trigger: RuleTrigger) { rules(trigger: $trigger) { ${RULE_FIELDS} } }`, {});
    expect(listed.rules.map((rule: { name: string; position: number }) => [rule.name, rule.position])).toEqual([
      ['Put first', 0],
      ['VIP or refund', 1],
    ]);
    expect(listed.rules[1].conditions).toEqual([
      {
        kind: 'any',
        config: {
          conditions: [
            { kind: 'tags', config: { match: 'ALL', tagIds: [w.vip] } },
            { kind: 'type', config: { typeIds: [w.refund] } },
          ],
        },
      },
      { kind: 'customerEmailDomain', config: { domains: ['example.com'] } },
    ]);
    const onUpdate = await w.call(`query { rules(trigger: TICKET_UPDATED) { id } }`);
    expect(onUpdate.rules).toEqual([{ id: first.id }]);

    const deleted = await w.call(`mutation($id: ID!) { deleteRule(id: $id) }`, { id: second.id });
    expect(deleted.deleteRule).toBe(second.id);
    expect((await w.call(`{ rules { name position } }`)).rules).toEqual([{ name: 'VIP or refund', position: 0 }]);
  });

  it('the dry run reports which conditions match and what each action would do, and changes nothing', async () => {
    const w = await workspace();
    const ticket = await w.createTicket({ tagIds: [w.vip], priority: 'LOW' });
    // Created after the ticket, so it has not run on it.
    const rule = await w.createRule({
      name: 'VIP',
      conditions: [
        { kind: 'tags', config: { match: 'ANY', tagIds: [w.vip] } },
        { kind: 'any', config: { conditions: [{ kind: 'priority', config: { priorities: ['HIGH'] } }, { kind: 'subjectContains', config: { text: 'HELP' } }] } },
      ],
      actions: [
        { kind: 'setPriority', config: { priority: 'URGENT' } },
        { kind: 'addTags', config: { tagIds: [w.vip] } },
        { kind: 'assignTeam', config: { teamId: w.support } },
      ],
    });
    const historyBefore = await w.history(ticket.id);

    const result = await w.call(
      `query($r: ID!, $t: ID!) { testRule(ruleId: $r, ticketId: $t) {
        matched trigger rule { id } ticket { id priority }
        conditions { kind matched conditions { kind config matched } }
        actions { kind config wouldApply summary problem } } }`,
      { r: rule.id, t: ticket.id },
    );
    expect(result.testRule).toEqual({
      matched: true,
      trigger: 'TICKET_CREATED',
      rule: { id: rule.id },
      ticket: { id: ticket.id, priority: 'LOW' },
      conditions: [
        { kind: 'tags', matched: true, conditions: [] },
        {
          kind: 'any',
          matched: true,
          conditions: [
            { kind: 'priority', config: { priorities: ['HIGH'] }, matched: false },
            { kind: 'subjectContains', config: { text: 'HELP' }, matched: true },
          ],
        },
      ],
      actions: [
        { kind: 'setPriority', config: { priority: 'URGENT' }, wouldApply: true, summary: 'Set priority to URGENT.', problem: null },
        { kind: 'addTags', config: { tagIds: [w.vip] }, wouldApply: false, summary: 'The ticket already has these tags.', problem: null },
        { kind: 'assignTeam', config: { teamId: w.support }, wouldApply: true, summary: 'Assign to the team.', problem: null },
      ],
    });
    expect(await w.history(ticket.id)).toEqual(historyBefore);

    // An assignUser action names its user, so a client can show who without a lookup of its own.
    const toOya = await w.createRule({ name: 'To Oya', actions: [{ kind: 'assignUser', config: { userId: w.oya.id } }] });
    const named = await w.call(`query($r: ID!, $t: ID!) { testRule(ruleId: $r, ticketId: $t) { actions { pickedUser { id name } } } }`, { r: toOya.id, t: ticket.id });
    expect(named.testRule.actions).toEqual([{ pickedUser: { id: w.oya.id, name: 'Oya' } }]);
  });

  it('the dry run names the problem when an action could not apply to this ticket', async () => {
    const w = await workspace();
    // Bank tickets may only go to the Support team.
    await w.call(`mutation($p: ID!, $t: [ID!]!) { setProductAssignees(input: { productId: $p, userIds: [], teamIds: $t }) { id } }`, { p: w.bank, t: [w.support] });
    const outsider = await w.call(`mutation { createTeam(input: { name: "Outsiders" }) { id } }`);
    const ticket = await w.createTicket({ productId: w.bank });
    const rule = await w.createRule({ name: 'To outsiders', actions: [{ kind: 'assignTeam', config: { teamId: outsider.createTeam.id } }] });
    const result = await w.call(`query($r: ID!, $t: ID!) { testRule(ruleId: $r, ticketId: $t) { matched actions { wouldApply problem } } }`, {
      r: rule.id,
      t: ticket.id,
    });
    expect(result.testRule).toEqual({
      matched: true,
      actions: [{ wouldApply: false, problem: 'This team may not be assigned tickets of this product.' }],
    });
    // When the rule runs, that action is skipped and the ticket is still created.
    expect(await w.createTicket({ productId: w.bank })).toMatchObject({ assigneeKind: null });
  });

  it('names the field of an unknown kind or a bad config', async () => {
    const w = await workspace();
    const attempt = (input: Record<string, unknown>) =>
      t.gql(`mutation($i: CreateRuleInput!) { createRule(input: $i) { id } }`, { i: { name: 'Broken', triggers: ['TICKET_CREATED'], ...input } }, w.admin);
    const extensions = async (input: Record<string, unknown>) => (await attempt(input)).errors?.[0]?.extensions;

    expect(await extensions({ conditions: [{ kind: 'moonPhase', config: {} }], actions: [{ kind: 'stopOtherRules' }] })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.conditions.0.kind',
    });
    expect(await extensions({ actions: [{ kind: 'teleport' }] })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.actions.0.kind' });
    expect(await extensions({ actions: [{ kind: 'assignTeam', config: { teamId: 42 } }] })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.actions.0.config.teamId',
    });
    expect(await extensions({ actions: [{ kind: 'setPriority', config: { priority: 'SOON' } }] })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.actions.0.config.priority',
    });
    expect(
      await extensions({
        conditions: [{ kind: 'any', config: { conditions: [{ kind: 'channel', config: { channels: ['PIGEON'] } }] } }],
        actions: [{ kind: 'stopOtherRules' }],
      }),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'input.conditions.0.config.conditions.0.config.channels.0' });
    expect(
      await extensions({
        conditions: [{ kind: 'businessHours', config: { state: 'OPEN', calendar: { timeZone: 'Europe/Istanbul', weeklyHours: [{ day: 'MONDAY', start: '18:00', end: '09:00' }] } } }],
        actions: [{ kind: 'stopOtherRules' }],
      }),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'input.conditions.0.config.calendar.weeklyHours.0.end' });
    for (const body of ['Dear {{customer.phone}}', 'Regards, {{agent.name}}']) {
      expect(await extensions({ actions: [{ kind: 'sendAutoReply', config: { body } }] })).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'input.actions.0.config.body',
      });
    }
    expect(await extensions({ actions: [] })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.actions' });
    expect(await extensions({ triggers: [], actions: [{ kind: 'stopOtherRules' }] })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.triggers' });
    expect((await w.call(`{ rules { id } }`)).rules).toEqual([]);
  });

  it('refuses ids of another workspace as not found, and a name already taken', async () => {
    const w = await workspace();
    const other = await workspace();
    const attempt = async (input: Record<string, unknown>) =>
      (await t.gql(`mutation($i: CreateRuleInput!) { createRule(input: $i) { id } }`, { i: { name: 'Foreign', triggers: ['TICKET_CREATED'], ...input } }, w.admin))
        .errors?.[0]?.extensions;
    expect(await attempt({ actions: [{ kind: 'assignTeam', config: { teamId: other.support } }] })).toEqual({
      code: 'NOT_FOUND',
      field: 'input.actions.0.config.teamId',
    });
    expect(await attempt({ conditions: [{ kind: 'tags', config: { match: 'ANY', tagIds: [w.vip, other.vip] } }], actions: [{ kind: 'stopOtherRules' }] })).toEqual({
      code: 'NOT_FOUND',
      field: 'input.conditions.0.config.tagIds.1',
    });
    // A global id of the wrong type is not found either.
    expect(await attempt({ actions: [{ kind: 'assignTeam', config: { teamId: w.vip } }] })).toEqual({ code: 'NOT_FOUND', field: 'input.actions.0.config.teamId' });

    await w.createRule({ name: 'Taken', actions: [{ kind: 'stopOtherRules' }] });
    expect(await attempt({ name: 'Taken', actions: [{ kind: 'stopOtherRules' }] })).toEqual({ code: 'CONFLICT', field: 'input.name', reason: 'TAKEN' });
    const foreignRule = await other.createRule({ name: 'Theirs', actions: [{ kind: 'stopOtherRules' }] });
    const reorder = await t.gql(`mutation($ids: [ID!]!) { reorderRules(ids: $ids) { id } }`, { ids: [foreignRule.id] }, w.admin);
    expect(reorder.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', field: 'ids.0' });
  });

  it('only admins see and change rules', async () => {
    const w = await workspace();
    const rule = await w.createRule({ name: 'Admin only', actions: [{ kind: 'stopOtherRules' }] });
    const ticket = await w.createTicket();
    const asAgent = (query: string, variables: Record<string, unknown> = {}) => t.gql(query, variables, w.ali.token);
    expect(errorCode(await asAgent(`{ rules { id } }`))).toBe('FORBIDDEN');
    expect(errorCode(await asAgent(`mutation { createRule(input: { name: "Mine", triggers: [TICKET_CREATED], actions: [{ kind: "stopOtherRules" }] }) { id } }`))).toBe('FORBIDDEN');
    expect(errorCode(await asAgent(`mutation($id: ID!) { deleteRule(id: $id) }`, { id: rule.id }))).toBe('FORBIDDEN');
    expect(errorCode(await asAgent(`query($r: ID!, $t: ID!) { testRule(ruleId: $r, ticketId: $t) { matched } }`, { r: rule.id, t: ticket.id }))).toBe('FORBIDDEN');
    const node = await asAgent(`query($id: ID!) { node(id: $id) { ... on Rule { name } } }`, { id: rule.id });
    expect(node.data?.node ?? null).toBeNull();
    expect(JSON.stringify(node)).not.toContain('Admin only');
  });
});
