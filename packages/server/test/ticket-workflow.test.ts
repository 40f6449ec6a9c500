// The everyday ticket workflow through the API: an agent creates a ticket on a customer's behalf after a phone call,
// replies, notes, changes its fields; every change lands in the history, and who may do what is enforced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, PASSWORD, rawId, startTestApp, type TestApp, uniqueEmail, type Workspace } from './harness.js';

let t: TestApp;
let acme: Workspace;
let productId: string;
let otherProductId: string;
let agent: { id: string; token: string };
let outsiderAgent: { id: string; token: string };
let teamId: string;
let tagIds: Record<string, string>;
let statuses: Record<string, string>;

const TICKET_FIELDS = `id number subject channel priority isInternal createdBy firstReplyAt resolvedAt
  product { name } customer { name email } status { name category } assigneeKind assigneeUser { id } assigneeTeam { id }
  tags { name } lastMessage { body visibility }`;

async function user(role: 'AGENT' | 'ADMIN', name: string) {
  const email = uniqueEmail(name.toLowerCase().replace(/\s/g, ''));
  const created = await t.gql(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email, name, role, password: PASSWORD } }, acme.token);
  const login = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD });
  return { id: created.data!.createUser.id as string, token: login.data!.login.token as string };
}

const createTicket = (input: Record<string, unknown>, token = agent.token) =>
  t.gql(`mutation($input: CreateTicketInput!) { createTicket(input: $input) { ${TICKET_FIELDS} } }`, { input }, token);

beforeAll(async () => {
  t = await startTestApp();
  acme = await t.signUp('Acme');
  const admin = acme.token;
  productId = (await t.gql(`mutation { createProduct(input: { name: "Acme Shop", channels: [EMAIL, PHONE] }) { id } }`, {}, admin)).data!.createProduct.id;
  otherProductId = (await t.gql(`mutation { createProduct(input: { name: "Acme Bank" }) { id } }`, {}, admin)).data!.createProduct.id;
  agent = await user('AGENT', 'Ali Agent');
  outsiderAgent = await user('AGENT', 'Oya Outsider');
  teamId = (await t.gql(`mutation($m: [ID!]) { createTeam(input: { name: "Orders", memberIds: $m }) { id } }`, { m: [agent.id] }, admin)).data!.createTeam.id;
  // Acme Bank's tickets go to the Orders team only.
  await t.gql(`mutation($p: ID!, $t: [ID!]!) { setProductAssignees(input: { productId: $p, userIds: [], teamIds: $t }) { id } }`, { p: otherProductId, t: [teamId] }, admin);
  tagIds = {};
  for (const name of ['vip', 'refund']) {
    tagIds[name] = (await t.gql(`mutation($n: String!) { createTag(input: { name: $n }) { id } }`, { n: name }, admin)).data!.createTag.id;
  }
  const list = await t.gql(`{ ticketStatuses { id name } }`, {}, admin);
  statuses = Object.fromEntries(list.data!.ticketStatuses.map((s: { id: string; name: string }) => [s.name, s.id]));
});
afterAll(() => t.stop());

describe('creating a ticket on a customer’s behalf', () => {
  it('fills the three parts, keeps the description private and defaults the subject in the workspace language', async () => {
    const result = await createTicket({
      productId,
      customer: { name: 'Ahmet Kaya', email: 'Ahmet.Kaya@example.com' },
      description: 'Called about order 1001: <b>parcel</b> <script>alert(1)</script> missing.',
      priority: 'HIGH',
      assignee: { kind: 'USER', id: agent.id },
      tagIds: [tagIds.vip],
    });
    expect(result.errors).toBeUndefined();
    const ticket = result.data!.createTicket;
    expect(ticket).toMatchObject({
      number: 1,
      subject: 'Destek talebiniz hakkında', // the test workspace speaks Turkish
      channel: 'INTERNAL',
      priority: 'HIGH',
      isInternal: true,
      createdBy: `user:${rawId(agent.id)}`,
      firstReplyAt: null,
      product: { name: 'Acme Shop' },
      customer: { name: 'Ahmet Kaya', email: 'ahmet.kaya@example.com' },
      status: { name: 'New', category: 'NEW' },
      assigneeKind: 'USER',
      assigneeUser: { id: agent.id },
      tags: [{ name: 'vip' }],
      // Stored exactly as given; escaping is the displaying client's job.
      lastMessage: { body: 'Called about order 1001: <b>parcel</b> <script>alert(1)</script> missing.', visibility: 'PRIVATE' },
    });
    // No e-mail goes to the customer for a private note.
    expect(await t.app.services.db.prisma.outboundEmail.count({ where: { ticketId: rawId(ticket.id) } })).toBe(0);
  });

  it('reuses the customer with the same e-mail and numbers tickets per workspace', async () => {
    const second = await createTicket({ productId, customer: { name: 'A. Kaya', email: 'ahmet.kaya@EXAMPLE.com' }, subject: 'Second call' });
    expect(second.data!.createTicket).toMatchObject({ number: 2, subject: 'Second call', customer: { name: 'Ahmet Kaya' } });
    const customers = await t.gql(`{ customers(search: "ahmet.kaya") { edges { node { id } } } }`, {}, agent.token);
    expect(customers.data!.customers.edges).toHaveLength(1);
    const elsewhere = await t.signUp('Elsewhere');
    const elsewhereProduct = (await t.gql(`mutation { createProduct(input: { name: "P" }) { id } }`, {}, elsewhere.token)).data!.createProduct.id;
    const theirs = await createTicket({ productId: elsewhereProduct, customer: { name: 'X', email: uniqueEmail() } }, elsewhere.token);
    expect(theirs.data!.createTicket.number).toBe(1);
  });

  it('assigns only users and teams allowed on the product', async () => {
    const team = await createTicket({ productId: otherProductId, customer: { name: 'B', email: uniqueEmail() }, assignee: { kind: 'TEAM', id: teamId } });
    expect(team.data!.createTicket).toMatchObject({ assigneeKind: 'TEAM', assigneeTeam: { id: teamId } });
    const member = await createTicket({ productId: otherProductId, customer: { name: 'B', email: uniqueEmail() }, assignee: { kind: 'USER', id: agent.id } });
    expect(member.errors).toBeUndefined(); // a member of an allowed team
    const outsider = await createTicket({ productId: otherProductId, customer: { name: 'B', email: uniqueEmail() }, assignee: { kind: 'USER', id: outsiderAgent.id } });
    expect(outsider.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.assignee.id' });
    const elsewhere = await t.signUp('Foreign');
    const foreign = await createTicket({ productId, customer: { name: 'B', email: uniqueEmail() }, assignee: { kind: 'USER', id: elsewhere.adminId } });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.assignee.id' });
  });

  it('refuses a tag that does not exist and a topic of another product', async () => {
    const ghostTag = Buffer.from('Tag:00000000-0000-4000-8000-000000000000').toString('base64');
    const tag = await createTicket({ productId, customer: { name: 'C', email: uniqueEmail() }, tagIds: [ghostTag] });
    expect(tag.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.tagIds' });
    const topic = await t.gql(`mutation($p: ID!) { createTicketTopic(input: { productId: $p, name: "Cards" }) { id } }`, { p: otherProductId }, acme.token);
    const wrong = await createTicket({ productId, customer: { name: 'C', email: uniqueEmail() }, topicId: topic.data!.createTicketTopic.id });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.topicId' });
    // Nothing was half-created: no stray customer either.
    expect(await t.app.services.db.prisma.ticket.count({ where: { workspaceId: rawId(acme.workspaceId), customer: { name: 'C' } } })).toBe(0);
  });
});

describe('working on a ticket', () => {
  it('a reply reaches the customer through the e-mail outbox, a note does not; both are in the history', async () => {
    const ticket = (await createTicket({ productId, customer: { name: 'Deniz', email: 'deniz@example.com' }, subject: 'Where is my parcel?' })).data!.createTicket;
    const reply = await t.gql(
      `mutation($i: ReplyToTicketInput!) { replyToTicket(input: $i) { message { body visibility authorUser { id } } ticket { firstReplyAt status { name } lastMessageBy } } }`,
      { i: { ticketId: ticket.id, body: 'It ships <i>today</i>.', statusId: statuses.Pending } },
      agent.token,
    );
    expect(reply.errors).toBeUndefined();
    expect(reply.data!.replyToTicket.message).toEqual({ body: 'It ships <i>today</i>.', visibility: 'PUBLIC', authorUser: { id: agent.id } });
    expect(reply.data!.replyToTicket.ticket).toMatchObject({ status: { name: 'Pending' }, lastMessageBy: 'AGENT' });
    expect(reply.data!.replyToTicket.ticket.firstReplyAt).not.toBeNull();
    await t.gql(`mutation($i: AddPrivateNoteInput!) { addPrivateNote(input: $i) { message { id } } }`, { i: { ticketId: ticket.id, body: 'Courier says Friday.' } }, agent.token);

    const emails = await t.app.services.db.prisma.outboundEmail.findMany({ where: { ticketId: rawId(ticket.id) } });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ toAddress: 'deniz@example.com', subject: `[#${ticket.number}] Where is my parcel?`, textBody: 'It ships <i>today</i>.' });

    const history = await t.gql(`query($id: ID!) { node(id: $id) { ... on Ticket { history { edges { node { field via actor fromValue toValue } } } } } }`, { id: ticket.id }, agent.token);
    // In order of the changes; a reply that also moves the status records both, in the same instant.
    const fields = history.data!.node.history.edges.map((edge: any) => edge.node.field);
    expect([fields[0], [...fields.slice(1, 3)].sort(), fields[3]]).toEqual(['created', ['reply', 'status'], 'note']);
    const status = history.data!.node.history.edges.find((edge: any) => edge.node.field === 'status').node;
    expect(status).toMatchObject({ via: 'APP', actor: `user:${rawId(agent.id)}`, toValue: rawId(statuses.Pending) });
  });

  it('records every field change with who, how, from and to; an unchanged field leaves no entry', async () => {
    const ticket = (await createTicket({ productId, customer: { name: 'Ece', email: uniqueEmail() } })).data!.createTicket;
    const { secret } = (await t.gql(`mutation { createApiToken(input: { name: "CRM", scopes: [READ, WRITE] }) { secret } }`, {}, acme.token)).data!.createApiToken;
    const UPDATE = `mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { priority subject status { category } resolvedAt assigneeKind tags { name } } }`;
    const updated = await t.gql(
      UPDATE,
      { i: { id: ticket.id, priority: 'URGENT', subject: 'Refund request', statusId: statuses.Resolved, assignee: { kind: 'TEAM', id: teamId }, addTagIds: [tagIds.refund] } },
      secret,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateTicket).toMatchObject({ priority: 'URGENT', subject: 'Refund request', status: { category: 'RESOLVED' }, assigneeKind: 'TEAM', tags: [{ name: 'refund' }] });
    expect(updated.data!.updateTicket.resolvedAt).not.toBeNull();
    // Reopening clears resolvedAt; clearing the assignee with null; the same priority again changes nothing.
    const reopened = await t.gql(UPDATE, { i: { id: ticket.id, statusId: statuses.Open, assignee: null, priority: 'URGENT' } }, agent.token);
    expect(reopened.data!.updateTicket).toMatchObject({ resolvedAt: null, assigneeKind: null });

    const history = await t.app.services.db.prisma.ticketHistoryEntry.findMany({ where: { ticketId: rawId(ticket.id) }, orderBy: { createdAt: 'asc' } });
    const fieldsVia = (via: string) => history.filter((entry) => entry.via === via).map((entry) => entry.field).sort();
    expect(fieldsVia('API')).toEqual(['assignee', 'priority', 'status', 'subject', 'tags']);
    expect(fieldsVia('APP')).toEqual(['assignee', 'created', 'status']);
    const priority = history.find((entry) => entry.field === 'priority')!;
    expect(priority).toMatchObject({ fromValue: 'MEDIUM', toValue: 'URGENT', actor: expect.stringMatching(/^token:/) });
  });

  it('refuses changes from a read-only token and values of another workspace', async () => {
    const ticket = (await createTicket({ productId, customer: { name: 'Fatma', email: uniqueEmail() } })).data!.createTicket;
    const { secret } = (await t.gql(`mutation { createApiToken(input: { name: "Reader", scopes: [READ] }) { secret } }`, {}, acme.token)).data!.createApiToken;
    expect(errorCode(await t.gql(`mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { id } }`, { i: { id: ticket.id, priority: 'LOW' } }, secret))).toBe('FORBIDDEN');
    const elsewhere = await t.signUp('Else');
    const theirStatus = (await t.gql(`{ ticketStatuses { id } }`, {}, elsewhere.token)).data!.ticketStatuses[0].id;
    const result = await t.gql(`mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { id } }`, { i: { id: ticket.id, statusId: theirStatus } }, agent.token);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.statusId' });
  });

  it('finds a ticket by number', async () => {
    const found = await t.gql(`{ ticket(number: 1) { number customer { name } } }`, {}, agent.token);
    expect(found.data!.ticket).toEqual({ number: 1, customer: { name: 'Ahmet Kaya' } });
    expect((await t.gql(`{ ticket(number: 9999) { id } }`, {}, agent.token)).data!.ticket).toBeNull();
  });
});

describe('what tickets keep alive', () => {
  it('a customer, product or team with tickets cannot be deleted (CONFLICT), so no ticket loses its context', async () => {
    const ticket = (await createTicket({ productId, customer: { name: 'Kept', email: uniqueEmail() }, assignee: { kind: 'TEAM', id: teamId } })).data!.createTicket;
    const customerId = (await t.gql(`query($id: ID!) { node(id: $id) { ... on Ticket { customer { id } } } }`, { id: ticket.id }, acme.token)).data!.node.customer.id;
    expect(errorCode(await t.gql(`mutation($id: ID!) { deleteCustomer(id: $id) }`, { id: customerId }, acme.token))).toBe('CONFLICT');
    expect(errorCode(await t.gql(`mutation($id: ID!) { deleteProduct(id: $id) }`, { id: productId }, acme.token))).toBe('CONFLICT');
    expect(errorCode(await t.gql(`mutation($id: ID!) { deleteTeam(id: $id) }`, { id: teamId }, acme.token))).toBe('CONFLICT');
  });
});
