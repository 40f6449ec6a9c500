// Admins shape the words tickets are filed with: statuses (in order, one default), types, topics per product, tags,
// folders, and who may be assigned a product's tickets. Everyone reads them; deleting one that tickets use moves
// those tickets to a replacement, or is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, PASSWORD, rawId, startTestApp, type TestApp, uniqueEmail, type Workspace } from './harness.js';

let t: TestApp;
let acme: Workspace;
let supervisorToken: string;
let agent: { id: string; token: string };
let productId: string;
let otherProductId: string;
let customerId: string;

async function userWithRole(role: 'AGENT' | 'SUPERVISOR', name: string) {
  const email = uniqueEmail(role.toLowerCase());
  const created = await t.gql(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email, name, role, password: PASSWORD } }, acme.token);
  const login = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD });
  return { id: created.data!.createUser.id as string, token: login.data!.login.token as string };
}

/** Runs an operation as Acme's admin and fails the test on any error. */
async function admin(query: string, variables: Record<string, unknown> = {}) {
  const result = await t.gql(query, variables, acme.token);
  expect(result.errors, query).toBeUndefined();
  return result.data!;
}

const errorOf = (response: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) => ({
  code: response.errors?.[0]?.extensions?.code,
  field: response.errors?.[0]?.extensions?.field,
});

const statusList = async (token = acme.token) =>
  (await t.gql(`{ ticketStatuses { id name category position isDefault } }`, {}, token)).data!.ticketStatuses as {
    id: string;
    name: string;
    category: string;
    position: number;
    isDefault: boolean;
  }[];
const statusNamed = async (name: string) => (await statusList()).find((status) => status.name === name)!;

const create = async (mutation: string, input: Record<string, unknown>) =>
  (await admin(`mutation($i: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $i) { id name } }`, { i: input }))[mutation]
    .id as string;

// The ticket mutations are being written alongside this module, so the tickets these tests need are inserted straight
// into the database, and what happened to them is read back from it.
let ticketNumber = 0;
async function insertTicket(fields: { statusId?: string; typeId?: string; topicId?: string; folderId?: string; tagIds?: string[]; productId?: string }) {
  const prisma = t.app.services.db.prisma;
  const statusId = fields.statusId ?? (await statusNamed('New')).id;
  const ticket = await prisma.ticket.create({
    data: {
      workspaceId: rawId(acme.workspaceId),
      number: ++ticketNumber,
      productId: rawId(fields.productId ?? productId),
      channel: 'EMAIL',
      customerId: rawId(customerId),
      subject: `Ticket ${ticketNumber}`,
      statusId: rawId(statusId),
      typeId: fields.typeId ? rawId(fields.typeId) : undefined,
      topicId: fields.topicId ? rawId(fields.topicId) : undefined,
      folderId: fields.folderId ? rawId(fields.folderId) : undefined,
      createdBy: `user:${rawId(acme.adminId)}`,
      tags: { create: (fields.tagIds ?? []).map((tagId) => ({ tagId: rawId(tagId) })) },
    },
  });
  return ticket.id;
}

const ticketRow = (id: string) =>
  t.app.services.db.prisma.ticket.findUniqueOrThrow({ where: { id }, include: { tags: { include: { tag: true } }, history: true } });

beforeAll(async () => {
  t = await startTestApp();
  acme = await t.signUp('Acme');
  supervisorToken = (await userWithRole('SUPERVISOR', 'Selin Supervisor')).token;
  agent = await userWithRole('AGENT', 'Ahmet Agent');
  productId = (await admin(`mutation { createProduct(input: { name: "Acme Shop", channels: [EMAIL] }) { id } }`)).createProduct.id;
  otherProductId = (await admin(`mutation { createProduct(input: { name: "Acme Bank" }) { id } }`)).createProduct.id;
  customerId = (await admin(`mutation { createCustomer(input: { name: "Ayla Customer", email: "ayla@example.test" }) { id } }`)).createCustomer.id;
});
afterAll(() => t.stop());

describe('ticket statuses', () => {
  it('start as New, Open, Pending, Resolved, Closed, with New the default, and agents can read them', async () => {
    const statuses = await statusList(agent.token);
    expect(statuses.map(({ name, category, position, isDefault }) => ({ name, category, position, isDefault }))).toEqual([
      { name: 'New', category: 'NEW', position: 0, isDefault: true },
      { name: 'Open', category: 'OPEN', position: 1, isDefault: false },
      { name: 'Pending', category: 'PENDING', position: 2, isDefault: false },
      { name: 'Resolved', category: 'RESOLVED', position: 3, isDefault: false },
      { name: 'Closed', category: 'CLOSED', position: 4, isDefault: false },
    ]);
  });

  it('are added where the admin puts them, then renamed, recategorised and moved', async () => {
    const created = await admin(
      `mutation { createTicketStatus(input: { name: "  Waiting on customer  ", category: PENDING, position: 2 }) { id name position isDefault } }`,
    );
    expect(created.createTicketStatus).toMatchObject({ name: 'Waiting on customer', position: 2, isDefault: false });
    expect((await statusList()).map((status) => status.name)).toEqual(['New', 'Open', 'Waiting on customer', 'Pending', 'Resolved', 'Closed']);

    const id = created.createTicketStatus.id;
    const updated = await admin(
      `mutation($i: UpdateTicketStatusInput!) { updateTicketStatus(input: $i) { name category position } }`,
      { i: { id, name: 'On hold', category: 'OPEN', position: 99 } },
    );
    expect(updated.updateTicketStatus).toEqual({ name: 'On hold', category: 'OPEN', position: 5 });
    expect((await statusList()).map((status) => [status.name, status.position])).toEqual([
      ['New', 0], ['Open', 1], ['Pending', 2], ['Resolved', 3], ['Closed', 4], ['On hold', 5],
    ]);
    expect((await t.gql(`mutation($id: ID!) { deleteTicketStatus(id: $id) }`, { id }, acme.token)).data!.deleteTicketStatus).toBe(id);
  });

  it('have exactly one default: a new default replaces the old, which can neither be unset nor deleted', async () => {
    const created = await admin(`mutation { createTicketStatus(input: { name: "Triage", category: NEW, isDefault: true }) { id isDefault } }`);
    const triage = created.createTicketStatus.id;
    expect((await statusList()).filter((status) => status.isDefault).map((status) => status.name)).toEqual(['Triage']);

    const unset = await t.gql(`mutation($id: ID!) { updateTicketStatus(input: { id: $id, isDefault: false }) { id } }`, { id: triage }, acme.token);
    expect(errorOf(unset)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.isDefault' });
    const deleted = await t.gql(`mutation($id: ID!) { deleteTicketStatus(id: $id) }`, { id: triage }, acme.token);
    expect(errorOf(deleted)).toEqual({ code: 'CONFLICT', field: 'id' });

    const newId = (await statusNamed('New')).id;
    await admin(`mutation($id: ID!) { updateTicketStatus(input: { id: $id, isDefault: true }) { id } }`, { id: newId });
    expect((await statusList()).filter((status) => status.isDefault).map((status) => status.name)).toEqual(['New']);
    await admin(`mutation($id: ID!) { deleteTicketStatus(id: $id) }`, { id: triage });
  });

  it('keep one default and gap-free positions when admins change them at the same time', async () => {
    const ids = (await statusList()).map((status) => status.id);
    const SET_DEFAULT = `mutation($id: ID!) { updateTicketStatus(input: { id: $id, isDefault: true }) { id } }`;
    const CREATE = `mutation($n: String!) { createTicketStatus(input: { name: $n, category: OPEN, position: 0 }) { id } }`;
    const results = await Promise.all([
      ...ids.map((id) => t.gql(SET_DEFAULT, { id }, acme.token)),
      ...['Busy 1', 'Busy 2', 'Busy 3'].map((n) => t.gql(CREATE, { n }, acme.token)),
    ]);
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    const statuses = await statusList();
    expect(statuses.filter((status) => status.isDefault)).toHaveLength(1);
    expect(statuses.map((status) => status.position)).toEqual(statuses.map((_status, index) => index));

    for (const status of statuses.filter((status) => status.name.startsWith('Busy'))) {
      await admin(`mutation($id: ID!) { deleteTicketStatus(id: $id) }`, { id: status.id });
    }
    await admin(SET_DEFAULT, { id: ids[0] });
  });

  it('are reordered by listing every status exactly once', async () => {
    const ids = (await statusList()).map((status) => status.id);
    const REORDER = `mutation($ids: [ID!]!) { reorderTicketStatuses(ids: $ids) { name position } }`;
    const reversed = await admin(REORDER, { ids: [...ids].reverse() });
    expect(reversed.reorderTicketStatuses.map((status: { name: string }) => status.name)).toEqual(['Closed', 'Resolved', 'Pending', 'Open', 'New']);
    expect(reversed.reorderTicketStatuses.map((status: { position: number }) => status.position)).toEqual([0, 1, 2, 3, 4]);

    expect(errorOf(await t.gql(REORDER, { ids: ids.slice(1) }, acme.token))).toEqual({ code: 'BAD_USER_INPUT', field: 'ids' });
    expect(errorOf(await t.gql(REORDER, { ids: [...ids, ids[0]] }, acme.token))).toEqual({ code: 'BAD_USER_INPUT', field: 'ids' });
    expect(errorOf(await t.gql(REORDER, { ids: [...ids.slice(1), productId] }, acme.token))).toEqual({ code: 'NOT_FOUND', field: 'ids' });
    await admin(REORDER, { ids });
    expect((await statusList()).map((status) => status.id)).toEqual(ids);
  });

  it('have names unique in the workspace and a category from the list', async () => {
    const duplicate = await t.gql(`mutation { createTicketStatus(input: { name: "Open", category: OPEN }) { id } }`, {}, acme.token);
    expect(errorOf(duplicate)).toEqual({ code: 'CONFLICT', field: 'input.name' });
    const rename = await t.gql(`mutation($id: ID!) { updateTicketStatus(input: { id: $id, name: "Closed" }) { id } }`, { id: (await statusNamed('Open')).id }, acme.token);
    expect(errorOf(rename)).toEqual({ code: 'CONFLICT', field: 'input.name' });
    const badCategory = await t.gql(`mutation { createTicketStatus(input: { name: "Odd", category: SOMEDAY }) { id } }`, {}, acme.token);
    expect(badCategory.errors).toBeDefined();
    const empty = await t.gql(`mutation { createTicketStatus(input: { name: "  ", category: OPEN }) { id } }`, {}, acme.token);
    expect(errorOf(empty)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.name' });
  });
});

describe('ticket types, topics, tags and folders', () => {
  it('ticket types are created, renamed and deleted by admins, listed by name', async () => {
    const question = await create('createTicketType', { name: 'Question' });
    await create('createTicketType', { name: 'Bug report' });
    const renamed = await admin(`mutation($id: ID!) { updateTicketType(input: { id: $id, name: "Feature request" }) { name } }`, { id: question });
    expect(renamed.updateTicketType.name).toBe('Feature request');
    expect((await admin(`{ ticketTypes { name } }`)).ticketTypes).toEqual([{ name: 'Bug report' }, { name: 'Feature request' }]);
    expect(errorOf(await t.gql(`mutation { createTicketType(input: { name: "Bug report" }) { id } }`, {}, acme.token))).toEqual({
      code: 'CONFLICT',
      field: 'input.name',
    });
    expect((await admin(`mutation($id: ID!) { deleteTicketType(id: $id) }`, { id: question })).deleteTicketType).toBe(question);
  });

  it('topics belong to a product, with names unique within it', async () => {
    const CREATE = `mutation($i: CreateTicketTopicInput!) { createTicketTopic(input: $i) { id name product { name } } }`;
    const delivery = (await admin(CREATE, { i: { productId, name: 'Delivery' } })).createTicketTopic;
    expect(delivery.product).toEqual({ name: 'Acme Shop' });
    await admin(CREATE, { i: { productId: otherProductId, name: 'Delivery' } });
    await admin(CREATE, { i: { productId, name: 'Payment' } });
    expect(errorOf(await t.gql(CREATE, { i: { productId, name: 'Payment' } }, acme.token))).toEqual({ code: 'CONFLICT', field: 'input.name' });
    expect(errorOf(await t.gql(CREATE, { i: { productId: agent.id, name: 'Nope' } }, acme.token))).toEqual({ code: 'NOT_FOUND', field: 'input.productId' });

    const ofShop = await admin(`query($p: ID) { ticketTopics(productId: $p) { name } }`, { p: productId });
    expect(ofShop.ticketTopics).toEqual([{ name: 'Delivery' }, { name: 'Payment' }]);
    const all = await t.gql(`{ ticketTopics { name product { name } } }`, {}, agent.token);
    expect(all.data!.ticketTopics.map((topic: { name: string; product: { name: string } }) => `${topic.product.name}/${topic.name}`)).toEqual([
      'Acme Bank/Delivery',
      'Acme Shop/Delivery',
      'Acme Shop/Payment',
    ]);
    const renamed = await admin(`mutation($id: ID!) { updateTicketTopic(input: { id: $id, name: "Shipping" }) { name } }`, { id: delivery.id });
    expect(renamed.updateTicketTopic.name).toBe('Shipping');
  });

  it('tags have an optional #rrggbb colour that can be changed and removed', async () => {
    const created = await admin(`mutation { createTag(input: { name: "VIP", color: "#FFAA00" }) { id name color } }`);
    expect(created.createTag).toMatchObject({ name: 'VIP', color: '#ffaa00' });
    const id = created.createTag.id;
    const badColor = await t.gql(`mutation { createTag(input: { name: "Red", color: "red" }) { id } }`, {}, acme.token);
    expect(errorOf(badColor)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.color' });

    const UPDATE = `mutation($i: UpdateTagInput!) { updateTag(input: $i) { name color } }`;
    expect((await admin(UPDATE, { i: { id, name: 'Very important' } })).updateTag).toEqual({ name: 'Very important', color: '#ffaa00' });
    expect((await admin(UPDATE, { i: { id, color: null } })).updateTag).toEqual({ name: 'Very important', color: null });
    expect((await t.gql(`{ tags { name color } }`, {}, agent.token)).data!.tags).toContainEqual({ name: 'Very important', color: null });
    expect(errorOf(await t.gql(`mutation { createTag(input: { name: "Very important" }) { id } }`, {}, acme.token))).toEqual({
      code: 'CONFLICT',
      field: 'input.name',
    });
  });

  it('folders are created, renamed and deleted by admins', async () => {
    const id = await create('createFolder', { name: 'Escalations' });
    await admin(`mutation($id: ID!) { updateFolder(input: { id: $id, name: "Legal" }) { id } }`, { id });
    expect((await t.gql(`{ folders { id name } }`, {}, agent.token)).data!.folders).toEqual([{ id, name: 'Legal' }]);
    expect((await admin(`mutation($id: ID!) { deleteFolder(id: $id) }`, { id })).deleteFolder).toBe(id);
    expect((await admin(`{ folders { id } }`)).folders).toEqual([]);
  });

  it('agents and supervisors read every vocabulary but change none', async () => {
    const tagId = await create('createTag', { name: 'Readable' });
    const attempts: [string, Record<string, unknown>][] = [
      [`mutation { createTicketStatus(input: { name: "Mine", category: OPEN }) { id } }`, {}],
      [`mutation($ids: [ID!]!) { reorderTicketStatuses(ids: $ids) { id } }`, { ids: (await statusList()).map((status) => status.id) }],
      [`mutation { createTicketType(input: { name: "Mine" }) { id } }`, {}],
      [`mutation($p: ID!) { createTicketTopic(input: { productId: $p, name: "Mine" }) { id } }`, { p: productId }],
      [`mutation($id: ID!) { updateTag(input: { id: $id, name: "Mine" }) { id } }`, { id: tagId }],
      [`mutation($id: ID!) { deleteTag(id: $id) }`, { id: tagId }],
      [`mutation { createFolder(input: { name: "Mine" }) { id } }`, {}],
      [`mutation($p: ID!) { setProductAssignees(input: { productId: $p, userIds: [], teamIds: [] }) { id } }`, { p: productId }],
    ];
    for (const token of [agent.token, supervisorToken]) {
      for (const [query, variables] of attempts) expect(errorCode(await t.gql(query, variables, token)), query).toBe('FORBIDDEN');
      const read = await t.gql(`{ ticketStatuses { id } ticketTypes { id } ticketTopics { id } tags { name } folders { id } }`, {}, token);
      expect(read.errors).toBeUndefined();
      expect(read.data!.tags).toContainEqual({ name: 'Readable' });
    }
  });
});

describe('deleting what tickets use', () => {
  it('is refused with the number of tickets (and templates) that use it', async () => {
    const status = await create('createTicketStatus', { name: 'Escalated', category: 'OPEN' });
    await insertTicket({ statusId: status });
    await insertTicket({ statusId: status });
    const refused = await t.gql(`mutation($id: ID!) { deleteTicketStatus(id: $id) }`, { id: status }, acme.token);
    expect(errorOf(refused)).toEqual({ code: 'CONFLICT', field: 'id' });
    expect(refused.errors![0].message).toMatch(/^2 tickets use this status/);

    // Templates are written elsewhere too; one is inserted directly to show that it counts.
    const topic = (await admin(`mutation($p: ID!) { createTicketTopic(input: { productId: $p, name: "Returns" }) { id } }`, { p: productId })).createTicketTopic.id;
    await t.app.services.db.prisma.ticketTemplate.create({
      data: { workspaceId: rawId(acme.workspaceId), name: 'Return request', topicId: rawId(topic), createdBy: 'system' },
    });
    const byTemplate = await t.gql(`mutation($id: ID!) { deleteTicketTopic(id: $id) }`, { id: topic }, acme.token);
    expect(errorOf(byTemplate)).toEqual({ code: 'CONFLICT', field: 'id' });
    expect(byTemplate.errors![0].message).toMatch(/^1 template uses this topic/);
    expect((await admin(`query($p: ID) { ticketTopics(productId: $p) { id } }`, { p: productId })).ticketTopics).toContainEqual({ id: topic });
  });

  it('moves every ticket and template to the replacement status in one change, with history and events', async () => {
    const from = await create('createTicketStatus', { name: 'Awaiting parts', category: 'PENDING' });
    const to = (await statusNamed('Resolved')).id;
    const tickets = [await insertTicket({ statusId: from }), await insertTicket({ statusId: from })];
    const untouched = await insertTicket({});
    const template = await t.app.services.db.prisma.ticketTemplate.create({
      data: { workspaceId: rawId(acme.workspaceId), name: 'Parts', statusId: rawId(from), createdBy: 'system' },
    });

    const deleted = await admin(`mutation($id: ID!, $to: ID) { deleteTicketStatus(id: $id, replaceWithId: $to) }`, { id: from, to });
    expect(deleted.deleteTicketStatus).toBe(from);
    const remaining = await statusList();
    expect(remaining.map((status) => status.name)).not.toContain('Awaiting parts');
    expect(remaining.map((status) => status.position)).toEqual(remaining.map((_status, index) => index));

    for (const id of tickets) {
      const ticket = await ticketRow(id);
      expect(ticket.statusId).toBe(rawId(to));
      expect(ticket.resolvedAt).not.toBeNull();
      expect(ticket.history.map(({ field, fromValue, toValue, actor, via }) => ({ field, fromValue, toValue, actor, via }))).toEqual([
        { field: 'status', fromValue: 'Awaiting parts', toValue: 'Resolved', actor: `user:${rawId(acme.adminId)}`, via: 'APP' },
      ]);
    }
    expect((await ticketRow(untouched)).history).toEqual([]);
    const prisma = t.app.services.db.prisma;
    expect((await prisma.ticketTemplate.findUniqueOrThrow({ where: { id: template.id } })).statusId).toBe(rawId(to));
    const events = await prisma.event.findMany({
      where: { workspaceId: rawId(acme.workspaceId), OR: [{ type: 'ticket.updated' }, { type: 'ticketStatus.deleted', entityId: rawId(from) }] },
    });
    expect(events.map(({ type, entityId, payload }) => ({ type, entityId, payload }))).toEqual(
      expect.arrayContaining([
        { type: 'ticket.updated', entityId: tickets[0], payload: { fields: ['status'] } },
        { type: 'ticket.updated', entityId: tickets[1], payload: { fields: ['status'] } },
        { type: 'ticketStatus.deleted', entityId: rawId(from), payload: { replacedById: rawId(to), movedTickets: 2, movedTemplates: 1 } },
      ]),
    );
    expect(events).toHaveLength(3);
  });

  it('moves tickets to a replacement type, folder or topic of the same product', async () => {
    const oldType = await create('createTicketType', { name: 'Complaint' });
    const newType = await create('createTicketType', { name: 'Feedback' });
    const oldFolder = await create('createFolder', { name: 'Inbox A' });
    const newFolder = await create('createFolder', { name: 'Inbox B' });
    const TOPIC = `mutation($p: ID!, $n: String!) { createTicketTopic(input: { productId: $p, name: $n }) { id } }`;
    const oldTopic = (await admin(TOPIC, { p: productId, n: 'Old topic' })).createTicketTopic.id;
    const newTopic = (await admin(TOPIC, { p: productId, n: 'New topic' })).createTicketTopic.id;
    const bankTopic = (await admin(TOPIC, { p: otherProductId, n: 'Bank topic' })).createTicketTopic.id;
    const ticket = await insertTicket({ typeId: oldType, folderId: oldFolder, topicId: oldTopic });

    const crossProduct = await t.gql(`mutation($id: ID!, $to: ID) { deleteTicketTopic(id: $id, replaceWithId: $to) }`, { id: oldTopic, to: bankTopic }, acme.token);
    expect(errorOf(crossProduct)).toEqual({ code: 'BAD_USER_INPUT', field: 'replaceWithId' });
    const wrongKind = await t.gql(`mutation($id: ID!, $to: ID) { deleteTicketType(id: $id, replaceWithId: $to) }`, { id: oldType, to: newFolder }, acme.token);
    expect(errorOf(wrongKind)).toEqual({ code: 'NOT_FOUND', field: 'replaceWithId' });
    const itself = await t.gql(`mutation($id: ID!) { deleteFolder(id: $id, replaceWithId: $id) }`, { id: oldFolder }, acme.token);
    expect(errorOf(itself)).toEqual({ code: 'BAD_USER_INPUT', field: 'replaceWithId' });

    await admin(`mutation($id: ID!, $to: ID) { deleteTicketType(id: $id, replaceWithId: $to) }`, { id: oldType, to: newType });
    await admin(`mutation($id: ID!, $to: ID) { deleteFolder(id: $id, replaceWithId: $to) }`, { id: oldFolder, to: newFolder });
    await admin(`mutation($id: ID!, $to: ID) { deleteTicketTopic(id: $id, replaceWithId: $to) }`, { id: oldTopic, to: newTopic });
    const row = await ticketRow(ticket);
    expect([row.typeId, row.folderId, row.topicId]).toEqual([rawId(newType), rawId(newFolder), rawId(newTopic)]);
    expect(row.history.map(({ field, fromValue, toValue }) => [field, fromValue, toValue]).sort()).toEqual([
      ['folder', 'Inbox A', 'Inbox B'],
      ['topic', 'Old topic', 'New topic'],
      ['type', 'Complaint', 'Feedback'],
    ]);
  });

  it('merges a tag into another: its tickets get the replacement, once', async () => {
    const refund = await create('createTag', { name: 'refund' });
    const refunds = await create('createTag', { name: 'refunds' });
    const urgent = await create('createTag', { name: 'urgent' });
    const onlyOld = await insertTicket({ tagIds: [refunds, urgent] });
    const both = await insertTicket({ tagIds: [refund, refunds] });

    const refused = await t.gql(`mutation($id: ID!) { deleteTag(id: $id) }`, { id: refunds }, acme.token);
    expect(errorOf(refused)).toEqual({ code: 'CONFLICT', field: 'id' });
    expect(refused.errors![0].message).toMatch(/^2 tickets use this tag/);

    await admin(`mutation($id: ID!, $to: ID) { deleteTag(id: $id, replaceWithId: $to) }`, { id: refunds, to: refund });
    const first = await ticketRow(onlyOld);
    expect(first.tags.map((entry) => entry.tag.name).sort()).toEqual(['refund', 'urgent']);
    expect(first.history.map(({ field, fromValue, toValue }) => ({ field, fromValue, toValue }))).toEqual([
      { field: 'tags', fromValue: ['refunds', 'urgent'], toValue: ['refund', 'urgent'] },
    ]);
    expect((await ticketRow(both)).tags.map((entry) => entry.tag.name)).toEqual(['refund']);
    expect((await admin(`{ tags { name } }`)).tags.map((tag: { name: string }) => tag.name)).not.toContain('refunds');
  });
});

describe('who may be assigned a product’s tickets', () => {
  const SET = `mutation($i: SetProductAssigneesInput!) { setProductAssignees(input: $i) { allowedUsers { id } allowedTeams { name } } }`;

  it('is set by admins as users and teams of the workspace, and read by agents', async () => {
    const team = (await admin(`mutation { createTeam(input: { name: "Billing" }) { id } }`)).createTeam.id;
    const set = await admin(SET, { i: { productId, userIds: [agent.id, agent.id], teamIds: [team] } });
    expect(set.setProductAssignees).toEqual({ allowedUsers: [{ id: agent.id }], allowedTeams: [{ name: 'Billing' }] });
    const read = await t.gql(`query($id: ID!) { node(id: $id) { ... on Product { allowedUsers { name } allowedTeams { name } } } }`, { id: productId }, agent.token);
    expect(read.data!.node).toEqual({ allowedUsers: [{ name: 'Ahmet Agent' }], allowedTeams: [{ name: 'Billing' }] });

    const replaced = await admin(SET, { i: { productId, userIds: [acme.adminId], teamIds: [] } });
    expect(replaced.setProductAssignees).toEqual({ allowedUsers: [{ id: acme.adminId }], allowedTeams: [] });
    const cleared = await admin(SET, { i: { productId, userIds: [], teamIds: [] } });
    expect(cleared.setProductAssignees).toEqual({ allowedUsers: [], allowedTeams: [] });
  });

  it('refuses users and teams of another workspace', async () => {
    const other = await t.signUp('Elsewhere');
    const foreignUser = await t.gql(SET, { i: { productId, userIds: [other.adminId], teamIds: [] } }, acme.token);
    expect(errorOf(foreignUser)).toEqual({ code: 'NOT_FOUND', field: 'input.userIds' });
    const otherTeam = (await t.gql(`mutation { createTeam(input: { name: "Theirs" }) { id } }`, {}, other.token)).data!.createTeam.id;
    const foreignTeam = await t.gql(SET, { i: { productId, userIds: [], teamIds: [otherTeam] } }, acme.token);
    expect(errorOf(foreignTeam)).toEqual({ code: 'NOT_FOUND', field: 'input.teamIds' });
  });
});

describe('another workspace', () => {
  it('can neither read, change nor borrow these vocabularies', async () => {
    const other = await t.signUp('Elsewhere');
    const theirOpen = (await statusList(other.token)).find((status) => status.name === 'Open')!.id;
    const theirTag = (await t.gql(`mutation { createTag(input: { name: "theirs" }) { id } }`, {}, other.token)).data!.createTag.id;

    expect((await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: theirOpen }, acme.token)).data!.node).toBeNull();
    const rename = await t.gql(`mutation($id: ID!) { updateTicketStatus(input: { id: $id, name: "Mine" }) { id } }`, { id: theirOpen }, acme.token);
    expect(errorOf(rename)).toEqual({ code: 'NOT_FOUND', field: 'input.id' });
    expect(errorCode(await t.gql(`mutation($id: ID!) { deleteTag(id: $id) }`, { id: theirTag }, acme.token))).toBe('NOT_FOUND');
    const ourTag = await create('createTag', { name: 'ours' });
    const borrow = await t.gql(`mutation($id: ID!, $to: ID) { deleteTag(id: $id, replaceWithId: $to) }`, { id: ourTag, to: theirTag }, acme.token);
    expect(errorOf(borrow)).toEqual({ code: 'NOT_FOUND', field: 'replaceWithId' });
    const reorder = await t.gql(
      `mutation($ids: [ID!]!) { reorderTicketStatuses(ids: $ids) { id } }`,
      { ids: [...(await statusList()).map((status) => status.id).slice(1), theirOpen] },
      acme.token,
    );
    expect(errorOf(reorder)).toEqual({ code: 'NOT_FOUND', field: 'ids' });
    expect((await t.gql(`{ tags { name } }`, {}, other.token)).data!.tags).toEqual([{ name: 'theirs' }]);
  });
});
