// Ticket templates through the API: a supervisor saves a template (on its own or while creating a ticket), agents
// create tickets from it with every field pre-filled and their own overrides, and what a template refers to is
// checked when it is saved and again when it is used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnsOf, defaultsOf, mergeOverrides, type TicketDefaults } from '../src/templates/defaults.js';
import { errorCode, PASSWORD, rawId, startTestApp, type TestApp, uniqueEmail, type Workspace } from './harness.js';

let t: TestApp;
let acme: Workspace;
let supervisor: { id: string; token: string };
let agent: { id: string; token: string };
let outsider: { id: string; token: string };
let shopId: string;
let bankId: string;
let ordersTopicId: string;
let ordersTeamId: string;
let tagIds: Record<string, string>;
let statuses: Record<string, string>;

const TICKET_FIELDS = `id number subject priority product { id } topic { id } status { id name } customer { name email }
  assigneeKind assigneeUser { id } assigneeTeam { id } tags { id name } lastMessage { body visibility }`;
const TEMPLATE_FIELDS = `id name product { id } topic { id } status { id } customerName customerEmail subject description
  priority assigneeKind assigneeUser { id } assigneeTeam { id } tags { id name } createdBy`;

const FROM_TEMPLATE = `mutation($i: CreateTicketFromTemplateInput!) { createTicketFromTemplate(input: $i) { ${TICKET_FIELDS} } }`;
const CREATE_TEMPLATE = `mutation($i: CreateTicketTemplateInput!) { createTicketTemplate(input: $i) { ${TEMPLATE_FIELDS} } }`;
const UPDATE_TEMPLATE = `mutation($i: UpdateTicketTemplateInput!) { updateTicketTemplate(input: $i) { ${TEMPLATE_FIELDS} } }`;
const SAVE_AND_CREATE = `mutation($i: CreateTicketAndTemplateInput!) {
  createTicketAndTemplate(input: $i) { ticket { ${TICKET_FIELDS} } template { ${TEMPLATE_FIELDS} } } }`;

async function user(role: 'AGENT' | 'SUPERVISOR', name: string) {
  const email = uniqueEmail(role.toLowerCase());
  const created = await t.gql(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email, name, role, password: PASSWORD } }, acme.token);
  const login = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD });
  return { id: created.data!.createUser.id as string, token: login.data!.login.token as string };
}

async function call(query: string, variables: Record<string, unknown>, token = acme.token) {
  const result = await t.gql(query, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

const errorOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions;

/** A fresh template with only a name and a product (most tests change one thing of it). */
async function plainTemplate(defaults: Record<string, unknown> = {}) {
  const name = `Plain ${Math.random().toString(36).slice(2, 8)}`;
  return (await call(CREATE_TEMPLATE, { i: { name, productId: shopId, ...defaults } }, supervisor.token)).createTicketTemplate;
}

beforeAll(async () => {
  t = await startTestApp();
  acme = await t.signUp('Acme');
  supervisor = await user('SUPERVISOR', 'Selin Supervisor');
  agent = await user('AGENT', 'Ali Agent');
  outsider = await user('AGENT', 'Oya Outsider');
  shopId = (await call(`mutation { createProduct(input: { name: "Acme Shop", channels: [EMAIL, PHONE] }) { id } }`, {})).createProduct.id;
  bankId = (await call(`mutation { createProduct(input: { name: "Acme Bank" }) { id } }`, {})).createProduct.id;
  ordersTopicId = (await call(`mutation($p: ID!) { createTicketTopic(input: { productId: $p, name: "Orders" }) { id } }`, { p: shopId })).createTicketTopic.id;
  ordersTeamId = (await call(`mutation($m: [ID!]) { createTeam(input: { name: "Orders", memberIds: $m }) { id } }`, { m: [agent.id] })).createTeam.id;
  // Acme Bank's tickets go to the Orders team only (and so to its members).
  await call(`mutation($p: ID!, $t: [ID!]!) { setProductAssignees(input: { productId: $p, userIds: [], teamIds: $t }) { id } }`, { p: bankId, t: [ordersTeamId] });
  tagIds = {};
  for (const name of ['orders', 'vip', 'refund']) {
    tagIds[name] = (await call(`mutation($n: String!) { createTag(input: { name: $n }) { id } }`, { n: name })).createTag.id;
  }
  const list = await call(`{ ticketStatuses { id name } }`, {});
  statuses = Object.fromEntries(list.ticketStatuses.map((s: { id: string; name: string }) => [s.name, s.id]));
});
afterAll(() => t.stop());

describe('saving a template while creating a ticket', () => {
  let templateId: string;

  it('creates the ticket for Ahmet Kaya and an "Order status" template of every field, in one call', async () => {
    const result = await t.gql(
      SAVE_AND_CREATE,
      {
        i: {
          templateName: 'Order status',
          ticket: {
            productId: shopId,
            topicId: ordersTopicId,
            statusId: statuses.Open,
            customer: { name: 'Ahmet Kaya', email: 'ahmet.kaya@example.com' },
            subject: 'Your order status',
            description: 'Customer asked where order 1001 is.',
            priority: 'MEDIUM',
            assignee: { kind: 'TEAM', id: ordersTeamId },
            tagIds: [tagIds.orders, tagIds.vip],
          },
        },
      },
      supervisor.token,
    );
    expect(result.errors).toBeUndefined();
    const { ticket, template } = result.data!.createTicketAndTemplate;
    expect(ticket).toMatchObject({ subject: 'Your order status', customer: { name: 'Ahmet Kaya', email: 'ahmet.kaya@example.com' }, assigneeTeam: { id: ordersTeamId } });
    expect(template).toEqual({
      id: expect.any(String),
      name: 'Order status',
      product: { id: shopId },
      topic: { id: ordersTopicId },
      status: { id: statuses.Open },
      customerName: 'Ahmet Kaya',
      customerEmail: 'ahmet.kaya@example.com',
      subject: 'Your order status',
      description: 'Customer asked where order 1001 is.',
      priority: 'MEDIUM',
      assigneeKind: 'TEAM',
      assigneeUser: null,
      assigneeTeam: { id: ordersTeamId },
      tags: [
        { id: tagIds.orders, name: 'orders' },
        { id: tagIds.vip, name: 'vip' },
      ],
      createdBy: `user:${rawId(supervisor.id)}`,
    });
    templateId = template.id;
  });

  it('an agent’s next ticket from it, with no overrides, is pre-filled with every field', async () => {
    const result = await t.gql(FROM_TEMPLATE, { i: { templateId } }, agent.token);
    expect(result.errors).toBeUndefined();
    expect(result.data!.createTicketFromTemplate).toMatchObject({
      subject: 'Your order status',
      priority: 'MEDIUM',
      product: { id: shopId },
      topic: { id: ordersTopicId },
      status: { id: statuses.Open, name: 'Open' },
      customer: { name: 'Ahmet Kaya', email: 'ahmet.kaya@example.com' },
      assigneeKind: 'TEAM',
      assigneeUser: null,
      assigneeTeam: { id: ordersTeamId },
      tags: [{ name: 'orders' }, { name: 'vip' }],
      // The description is a private note, never sent to the customer.
      lastMessage: { body: 'Customer asked where order 1001 is.', visibility: 'PRIVATE' },
    });
  });

  it('per-field overrides win, and null clears an optional default', async () => {
    const result = await t.gql(
      FROM_TEMPLATE,
      {
        i: {
          templateId,
          overrides: {
            customer: { name: 'Zeynep Demir', email: 'zeynep@example.com' },
            priority: 'URGENT',
            assignee: { kind: 'USER', id: agent.id },
            tagIds: [tagIds.refund],
            topicId: null,
          },
        },
      },
      agent.token,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.createTicketFromTemplate).toMatchObject({
      customer: { name: 'Zeynep Demir', email: 'zeynep@example.com' },
      priority: 'URGENT',
      assigneeKind: 'USER',
      assigneeUser: { id: agent.id },
      assigneeTeam: null,
      tags: [{ name: 'refund' }],
      topic: null,
      // What was not overridden still comes from the template.
      subject: 'Your order status',
      status: { name: 'Open' },
      product: { id: shopId },
      lastMessage: { body: 'Customer asked where order 1001 is.', visibility: 'PRIVATE' },
    });
  });

  it('records in the ticket’s history which template it came from', async () => {
    const ticket = (await call(FROM_TEMPLATE, { i: { templateId } }, agent.token)).createTicketFromTemplate;
    const history = await call(`query($id: ID!) { node(id: $id) { ... on Ticket { history { edges { node { field toValue } } } } } }`, { id: ticket.id }, agent.token);
    const fields = history.node.history.edges.map((edge: { node: { field: string } }) => edge.node.field);
    expect(fields).toEqual(['created', 'template']);
    expect(history.node.history.edges[1].node.toValue).toEqual({ id: rawId(templateId), name: 'Order status' });
  });

  it('a taken template name is a CONFLICT, and then neither the ticket nor the template is created', async () => {
    const prisma = t.app.services.db.prisma;
    const tickets = await prisma.ticket.count({ where: { workspaceId: rawId(acme.workspaceId) } });
    const result = await t.gql(
      SAVE_AND_CREATE,
      { i: { templateName: 'Order status', ticket: { productId: shopId, customer: { name: 'Nobody', email: uniqueEmail() } } } },
      supervisor.token,
    );
    expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', field: 'input.templateName' });
    expect(await prisma.ticket.count({ where: { workspaceId: rawId(acme.workspaceId) } })).toBe(tickets);
    expect(await prisma.customer.count({ where: { workspaceId: rawId(acme.workspaceId), name: 'Nobody' } })).toBe(0);
  });

  it('a refused ticket leaves no template behind, and the error names the ticket’s field', async () => {
    const result = await t.gql(
      SAVE_AND_CREATE,
      { i: { templateName: 'Bank team', ticket: { productId: bankId, customer: { name: 'B', email: uniqueEmail() }, assignee: { kind: 'USER', id: outsider.id } } } },
      supervisor.token,
    );
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ticket.assignee.id' });
    const list = await call(`{ ticketTemplates(search: "Bank team") { edges { node { id } } } }`, {}, supervisor.token);
    expect(list.ticketTemplates.edges).toEqual([]);
  });
});

describe('who manages templates', () => {
  it('agents use and list templates but may not create, change or delete them (FORBIDDEN)', async () => {
    const template = await plainTemplate();
    expect(errorCode(await t.gql(CREATE_TEMPLATE, { i: { name: 'Mine' } }, agent.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(UPDATE_TEMPLATE, { i: { id: template.id, name: 'Renamed' } }, agent.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(`mutation($id: ID!) { deleteTicketTemplate(id: $id) }`, { id: template.id }, agent.token))).toBe('FORBIDDEN');
    const save = await t.gql(SAVE_AND_CREATE, { i: { templateName: 'Mine', ticket: { productId: shopId, customer: { name: 'A', email: uniqueEmail() } } } }, agent.token);
    expect(errorCode(save)).toBe('FORBIDDEN');
    const list = await call(`query($s: String) { ticketTemplates(search: $s) { edges { node { id name } } } }`, { s: template.name }, agent.token);
    expect(list.ticketTemplates.edges).toEqual([{ node: { id: template.id, name: template.name } }]);
    const used = await t.gql(FROM_TEMPLATE, { i: { templateId: template.id, overrides: { customer: { name: 'A', email: uniqueEmail() } } } }, agent.token);
    expect(used.errors).toBeUndefined();
  });

  it('admins manage them too, and read-only API tokens may not use them', async () => {
    const template = (await call(CREATE_TEMPLATE, { i: { name: 'Admin made', productId: shopId } }, acme.token)).createTicketTemplate;
    const { secret } = (await call(`mutation { createApiToken(input: { name: "Reader", scopes: [READ] }) { secret } }`, {})).createApiToken;
    const used = await t.gql(FROM_TEMPLATE, { i: { templateId: template.id, overrides: { customer: { name: 'A', email: uniqueEmail() } } } }, secret);
    expect(errorCode(used)).toBe('FORBIDDEN');
  });
});

describe('managing templates', () => {
  it('lists templates by name and finds them by part of the name', async () => {
    for (const name of ['Zebra refund', 'Alpha refund', 'Mid refund']) await call(CREATE_TEMPLATE, { i: { name } }, supervisor.token);
    const list = await call(`{ ticketTemplates(search: "REFUND") { edges { node { name } } } }`, {}, agent.token);
    expect(list.ticketTemplates.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual(['Alpha refund', 'Mid refund', 'Zebra refund']);
  });

  it('a name already taken in the workspace is a CONFLICT; another workspace may use it', async () => {
    await call(CREATE_TEMPLATE, { i: { name: 'Duplicate' } }, supervisor.token);
    expect(errorOf(await t.gql(CREATE_TEMPLATE, { i: { name: 'Duplicate' } }, supervisor.token))).toMatchObject({ code: 'CONFLICT', field: 'input.name' });
    const other = await plainTemplate();
    expect(errorOf(await t.gql(UPDATE_TEMPLATE, { i: { id: other.id, name: 'Duplicate' } }, supervisor.token))).toMatchObject({
      code: 'CONFLICT',
      field: 'input.name',
    });
    const elsewhere = await t.signUp('Elsewhere');
    expect((await t.gql(CREATE_TEMPLATE, { i: { name: 'Duplicate' } }, elsewhere.token)).errors).toBeUndefined();
  });

  it('checks what a template refers to when it is saved, naming the field', async () => {
    const elsewhere = await t.signUp('Foreign');
    const foreignProduct = (await call(`mutation { createProduct(input: { name: "Theirs" }) { id } }`, {}, elsewhere.token)).createProduct.id;
    const ghostTag = Buffer.from('Tag:00000000-0000-4000-8000-000000000000').toString('base64');
    const bankTopic = (await call(`mutation($p: ID!) { createTicketTopic(input: { productId: $p, name: "Cards" }) { id } }`, { p: bankId })).createTicketTopic.id;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ productId: foreignProduct }, 'NOT_FOUND', 'input.productId'],
      [{ productId: shopId, topicId: bankTopic }, 'BAD_USER_INPUT', 'input.topicId'],
      [{ topicId: ordersTopicId }, 'BAD_USER_INPUT', 'input.topicId'],
      [{ tagIds: [ghostTag] }, 'BAD_USER_INPUT', 'input.tagIds'],
      [{ assignee: { kind: 'USER', id: elsewhere.adminId } }, 'NOT_FOUND', 'input.assignee.id'],
      [{ productId: bankId, assignee: { kind: 'USER', id: outsider.id } }, 'BAD_USER_INPUT', 'input.assignee.id'],
      [{ customer: { name: 'X', email: 'not an e-mail' } }, 'BAD_USER_INPUT', 'input.customer.email'],
    ];
    for (const [defaults, code, field] of cases) {
      const result = await t.gql(CREATE_TEMPLATE, { i: { name: 'Checked', ...defaults } }, supervisor.token);
      expect(errorOf(result), JSON.stringify(defaults)).toMatchObject({ code, field });
    }
    // A member of the product's allowed team may be its default assignee.
    expect((await t.gql(CREATE_TEMPLATE, { i: { name: 'Checked', productId: bankId, assignee: { kind: 'USER', id: agent.id } } }, supervisor.token)).errors).toBeUndefined();
  });

  it('an update with null clears a default; omitted fields stay; the result is checked as a whole', async () => {
    const template = await plainTemplate({ priority: 'HIGH', subject: 'Kept', assignee: { kind: 'TEAM', id: ordersTeamId }, tagIds: [tagIds.vip] });
    const updated = await call(UPDATE_TEMPLATE, { i: { id: template.id, priority: null, assignee: null, tagIds: null } }, supervisor.token);
    expect(updated.updateTicketTemplate).toMatchObject({ priority: null, assigneeKind: null, assigneeTeam: null, tags: [], subject: 'Kept', product: { id: shopId } });
    const withTopic = await plainTemplate({ topicId: ordersTopicId });
    // Moving to another product while keeping a topic of the first one is refused.
    expect(errorOf(await t.gql(UPDATE_TEMPLATE, { i: { id: withTopic.id, productId: bankId } }, supervisor.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.topicId',
    });
    const moved = await call(UPDATE_TEMPLATE, { i: { id: withTopic.id, productId: bankId, topicId: null } }, supervisor.token);
    expect(moved.updateTicketTemplate).toMatchObject({ product: { id: bankId }, topic: null });
  });

  it('a deleted template is gone; tickets created from it stay', async () => {
    const template = await plainTemplate({ customer: { name: 'Kept', email: uniqueEmail() } });
    const ticket = (await call(FROM_TEMPLATE, { i: { templateId: template.id } }, agent.token)).createTicketFromTemplate;
    expect(await call(`mutation($id: ID!) { deleteTicketTemplate(id: $id) }`, { id: template.id }, supervisor.token)).toEqual({ deleteTicketTemplate: template.id });
    expect((await call(`query($id: ID!) { node(id: $id) { id } }`, { id: template.id }, supervisor.token)).node).toBeNull();
    expect((await call(`query($id: ID!) { node(id: $id) { id } }`, { id: ticket.id }, supervisor.token)).node).toEqual({ id: ticket.id });
    const again = await t.gql(FROM_TEMPLATE, { i: { templateId: template.id } }, agent.token);
    expect(errorOf(again)).toMatchObject({ code: 'NOT_FOUND', field: 'input.templateId' });
  });
});

describe('using a template whose references changed', () => {
  it('a template of another workspace is NOT_FOUND', async () => {
    const elsewhere = await t.signUp('Other');
    const theirs = (await call(CREATE_TEMPLATE, { i: { name: 'Theirs' } }, elsewhere.token)).createTicketTemplate;
    const result = await t.gql(FROM_TEMPLATE, { i: { templateId: theirs.id, overrides: { productId: shopId, customer: { name: 'A', email: uniqueEmail() } } } }, agent.token);
    expect(errorOf(result)).toMatchObject({ code: 'NOT_FOUND', field: 'input.templateId' });
    expect(errorOf(await t.gql(UPDATE_TEMPLATE, { i: { id: theirs.id, name: 'Mine now' } }, acme.token))).toMatchObject({ code: 'NOT_FOUND', field: 'input.id' });
    expect(errorCode(await t.gql(`mutation($id: ID!) { deleteTicketTemplate(id: $id) }`, { id: theirs.id }, acme.token))).toBe('NOT_FOUND');
    expect((await call(`query($id: ID!) { node(id: $id) { id } }`, { id: theirs.id }, acme.token)).node).toBeNull();
  });

  it('a template without product or customer asks for them in the overrides', async () => {
    const bare = (await call(CREATE_TEMPLATE, { i: { name: 'Bare', priority: 'LOW' } }, supervisor.token)).createTicketTemplate;
    expect(errorOf(await t.gql(FROM_TEMPLATE, { i: { templateId: bare.id } }, agent.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.overrides.productId' });
    expect(errorOf(await t.gql(FROM_TEMPLATE, { i: { templateId: bare.id, overrides: { productId: shopId } } }, agent.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.overrides.customer',
    });
    const made = await t.gql(FROM_TEMPLATE, { i: { templateId: bare.id, overrides: { productId: shopId, customer: { name: 'C', email: uniqueEmail() } } } }, agent.token);
    expect(made.data!.createTicketFromTemplate).toMatchObject({ priority: 'LOW', status: { name: 'New' } });
  });

  it('a deleted team or product shows as null on the template and is named when the template is used', async () => {
    const team = (await call(`mutation { createTeam(input: { name: "Short-lived" }) { id } }`, {}, supervisor.token)).createTeam.id;
    const product = (await call(`mutation { createProduct(input: { name: "Short-lived" }) { id } }`, {})).createProduct.id;
    const template = await plainTemplate({ productId: product, customer: { name: 'D', email: uniqueEmail() }, assignee: { kind: 'TEAM', id: team } });
    await call(`mutation($id: ID!) { deleteTeam(id: $id) }`, { id: team });
    await call(`mutation($id: ID!) { deleteProduct(id: $id) }`, { id: product });
    const read = await call(`query($id: ID!) { node(id: $id) { ... on TicketTemplate { product { id } assigneeKind assigneeTeam { id } } } }`, { id: template.id }, agent.token);
    expect(read.node).toEqual({ product: null, assigneeKind: 'TEAM', assigneeTeam: null });

    const noProduct = await t.gql(FROM_TEMPLATE, { i: { templateId: template.id } }, agent.token);
    expect(errorOf(noProduct)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.overrides.productId' });
    expect(noProduct.errors![0].message).toMatch(/product was deleted/);
    const noTeam = await t.gql(FROM_TEMPLATE, { i: { templateId: template.id, overrides: { productId: shopId } } }, agent.token);
    expect(errorOf(noTeam)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.overrides.assignee' });
    expect(noTeam.errors![0].message).toMatch(/team this template assigns to was deleted/);
    const overridden = await t.gql(FROM_TEMPLATE, { i: { templateId: template.id, overrides: { productId: shopId, assignee: null } } }, agent.token);
    expect(overridden.data!.createTicketFromTemplate).toMatchObject({ product: { id: shopId }, assigneeKind: null });
  });

  it('a tag deleted through the API leaves the template, so its tickets no longer get it', async () => {
    const tag = (await call(`mutation { createTag(input: { name: "seasonal" }) { id } }`, {})).createTag.id;
    const template = await plainTemplate({ customer: { name: 'E', email: uniqueEmail() }, tagIds: [tag, tagIds.vip] });
    await call(`mutation($id: ID!) { deleteTag(id: $id) }`, { id: tag });
    const read = await call(`query($id: ID!) { node(id: $id) { ... on TicketTemplate { tags { name } } } }`, { id: template.id }, agent.token);
    expect(read.node.tags).toEqual([{ name: 'vip' }]);
    const ticket = await call(FROM_TEMPLATE, { i: { templateId: template.id } }, agent.token);
    expect(ticket.createTicketFromTemplate.tags).toEqual([{ id: tagIds.vip, name: 'vip' }]);
  });

  it('a tag that is gone all the same is refused, naming the tags override', async () => {
    const template = await plainTemplate({ customer: { name: 'F', email: uniqueEmail() }, tagIds: [tagIds.vip] });
    // The API clears a deleted tag from templates; a row written before that rule (or by a race) can still hold one.
    await t.app.services.db.prisma.ticketTemplate.update({
      where: { id: rawId(template.id) },
      data: { tagIds: [rawId(tagIds.vip), '00000000-0000-4000-8000-000000000001'] },
    });
    const result = await t.gql(FROM_TEMPLATE, { i: { templateId: template.id } }, agent.token);
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.overrides.tagIds' });
    expect(result.errors![0].message).toMatch(/tag this template adds was deleted/);
    const overridden = await t.gql(FROM_TEMPLATE, { i: { templateId: template.id, overrides: { tagIds: [tagIds.refund] } } }, agent.token);
    expect(overridden.data!.createTicketFromTemplate.tags).toEqual([{ id: tagIds.refund, name: 'refund' }]);
    const cleared = await t.gql(FROM_TEMPLATE, { i: { templateId: template.id, overrides: { tagIds: null } } }, agent.token);
    expect(cleared.data!.createTicketFromTemplate.tags).toEqual([]);
  });

  it('an override that does not fit the template is named under overrides', async () => {
    const template = await plainTemplate({ customer: { name: 'G', email: uniqueEmail() }, topicId: ordersTopicId });
    // The template's Shop topic does not belong to the Bank product the agent chose.
    const result = await t.gql(FROM_TEMPLATE, { i: { templateId: template.id, overrides: { productId: bankId } } }, agent.token);
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.overrides.topicId' });
    const status = await t.gql(FROM_TEMPLATE, { i: { templateId: template.id, overrides: { statusId: template.id } } }, agent.token);
    expect(errorOf(status)).toMatchObject({ code: 'NOT_FOUND', field: 'input.overrides.statusId' });
  });
});

describe('combining a template with overrides (pure)', () => {
  const template: TicketDefaults = {
    productId: 'shop',
    topicId: 'orders',
    statusId: null,
    customer: { name: 'Ahmet Kaya', email: 'ahmet.kaya@example.com' },
    subject: 'Your order status',
    description: 'Note',
    priority: 'MEDIUM',
    assignee: { kind: 'TEAM', id: 'team' },
    tagIds: ['vip'],
  };

  it('keeps every default when nothing is overridden, and says which came from the template', () => {
    const merged = mergeOverrides(template, {});
    expect(merged).toMatchObject({ ...template, typeId: null });
    expect(merged.fromTemplate.sort()).toEqual(['assignee', 'customer', 'description', 'priority', 'productId', 'subject', 'tagIds', 'topicId']);
  });

  it('lets a given override win and null clear, except for product and customer', () => {
    const merged = mergeOverrides(template, { priority: 'HIGH', topicId: null, tagIds: null, productId: null, customer: null, typeId: 'bug' });
    expect(merged).toMatchObject({ priority: 'HIGH', topicId: null, tagIds: [], productId: 'shop', customer: template.customer, typeId: 'bug' });
    expect(merged.fromTemplate).not.toContain('priority');
    expect(merged.fromTemplate).toContain('productId');
  });

  it('stores and reads back the same defaults', () => {
    expect(defaultsOf(columnsOf(template))).toEqual(template);
    // Half a customer or an assignee kind without its id pre-fills nothing.
    expect(defaultsOf({ ...columnsOf(template), customerEmail: null, assigneeTeamId: null })).toMatchObject({ customer: null, assignee: null });
  });
});
