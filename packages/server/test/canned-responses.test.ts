// Canned responses: supervisors keep reply texts with placeholders, agents fill them in for a ticket (rendered on
// the server, as plain text) and reply with them in one call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstNameOf, renderCannedResponse, unknownPlaceholders } from '../src/canned/render.js';
import { errorCode, PASSWORD, rawId, startTestApp, type TestApp, uniqueEmail, type Workspace } from './harness.js';

let t: TestApp;
let acme: Workspace;
let supervisor: { id: string; token: string };
let agent: { id: string; token: string };
let productId: string;
let statuses: Record<string, string>;

const CREATE = `mutation($i: CreateCannedResponseInput!) { createCannedResponse(input: $i) { id title body createdBy } }`;
const UPDATE = `mutation($i: UpdateCannedResponseInput!) { updateCannedResponse(input: $i) { id title body } }`;
const DELETE = `mutation($id: ID!) { deleteCannedResponse(id: $id) }`;
const RENDER = `query($id: ID!, $ticketId: ID!) { renderCannedResponse(id: $id, ticketId: $ticketId) }`;
const REPLY = `mutation($i: ReplyWithCannedResponseInput!) {
  replyWithCannedResponse(input: $i) { message { body visibility authorUser { id } } ticket { status { name } lastMessageBy firstReplyAt } } }`;

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
const unique = (label: string) => `${label} ${Math.random().toString(36).slice(2, 8)}`;

async function ticketFor(customerName: string, subject = 'Where is my parcel?', email = uniqueEmail('customer')) {
  const created = await call(
    `mutation($i: CreateTicketInput!) { createTicket(input: $i) { id number } }`,
    { i: { productId, subject, customer: { name: customerName, email } } },
    agent.token,
  );
  return created.createTicket as { id: string; number: number };
}

const canned = async (body: string, title = unique('Canned')) => (await call(CREATE, { i: { title, body } }, supervisor.token)).createCannedResponse;

beforeAll(async () => {
  t = await startTestApp();
  acme = await t.signUp('Acme Destek');
  supervisor = await user('SUPERVISOR', 'Selin Supervisor');
  agent = await user('AGENT', 'Ali Yılmaz');
  productId = (await call(`mutation { createProduct(input: { name: "Acme Shop", channels: [EMAIL] }) { id } }`, {})).createProduct.id;
  const list = await call(`{ ticketStatuses { id name } }`, {});
  statuses = Object.fromEntries(list.ticketStatuses.map((s: { id: string; name: string }) => [s.name, s.id]));
});
afterAll(() => t.stop());

describe('filling in placeholders (pure)', () => {
  const values = { customer: { name: 'Ahmet Kaya' }, agent: { name: 'Ali Yılmaz' }, ticket: { number: 1042, subject: 'Order 1001' } };

  it('fills every placeholder, with or without spaces inside the braces', () => {
    const body = 'Hi {{customer.firstName}} ({{ customer.name }}), about #{{ticket.number}} "{{ticket.subject}}". {{agent.name}}';
    expect(renderCannedResponse(body, values)).toBe('Hi Ahmet (Ahmet Kaya), about #1042 "Order 1001". Ali Yılmaz');
  });

  it('inserts values as text: no escaping, no HTML, no second pass, no replacement patterns', () => {
    const tricky = { ...values, customer: { name: '<script>alert(1)</script> {{agent.name}} $& $1' } };
    expect(renderCannedResponse('Dear {{customer.name}}', tricky)).toBe('Dear <script>alert(1)</script> {{agent.name}} $& $1');
  });

  it('finds unknown placeholders once each, and leaves text that only looks like braces alone', () => {
    expect(unknownPlaceholders('{{customer.phone}} {{ customer.phone }} {{Customer.Name}} {{}} {{customer.name}} { {x} } {{ a')).toEqual([
      '{{customer.phone}}',
      '{{Customer.Name}}',
      '{{}}',
    ]);
    expect(renderCannedResponse('{{ a and {x}', values)).toBe('{{ a and {x}');
  });

  it('takes the first word of a name as the first name', () => {
    expect(firstNameOf('  Ayşe  Nur Demir ')).toBe('Ayşe');
    expect(firstNameOf('Prince')).toBe('Prince');
  });
});

describe('managing canned responses', () => {
  it('a supervisor creates one; every agent lists and searches them by title', async () => {
    const created = await canned('Thanks, {{customer.firstName}}!', 'Zz thanks');
    expect(created).toMatchObject({ title: 'Zz thanks', body: 'Thanks, {{customer.firstName}}!', createdBy: `user:${rawId(supervisor.id)}` });
    await canned('We have refunded your order.', 'Aa refund done');
    const list = await call(`{ cannedResponses { edges { node { title } } } }`, {}, agent.token);
    const titles = list.cannedResponses.edges.map((edge: { node: { title: string } }) => edge.node.title);
    expect(titles.indexOf('Aa refund done')).toBeLessThan(titles.indexOf('Zz thanks'));
    const found = await call(`{ cannedResponses(search: "REFUNDED") { edges { node { title } } } }`, {}, agent.token);
    expect(found.cannedResponses.edges).toEqual([{ node: { title: 'Aa refund done' } }]);
  });

  it('agents may not create, change or delete them (FORBIDDEN)', async () => {
    const created = await canned('Hello.');
    expect(errorCode(await t.gql(CREATE, { i: { title: 'Mine', body: 'Hi' } }, agent.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(UPDATE, { i: { id: created.id, body: 'Changed' } }, agent.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(DELETE, { id: created.id }, agent.token))).toBe('FORBIDDEN');
  });

  it('refuses unknown placeholders when saving, naming them', async () => {
    const result = await t.gql(CREATE, { i: { title: 'Bad', body: 'Hi {{customer.phone}} and {{agnet.name}}' } }, supervisor.token);
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.body' });
    expect(result.errors![0].message).toContain('{{customer.phone}}, {{agnet.name}}');
    const existing = await canned('Fine.');
    const update = await t.gql(UPDATE, { i: { id: existing.id, body: 'Now {{ticket.status}}' } }, supervisor.token);
    expect(errorOf(update)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.body' });
    expect(update.errors![0].message).toContain('{{ticket.status}}');
  });

  it('a title already taken in the workspace is a CONFLICT', async () => {
    await canned('One.', 'Taken title');
    expect(errorOf(await t.gql(CREATE, { i: { title: 'Taken title', body: 'Two.' } }, supervisor.token))).toMatchObject({ code: 'CONFLICT', field: 'input.title' });
    const other = await canned('Three.');
    expect(errorOf(await t.gql(UPDATE, { i: { id: other.id, title: 'Taken title' } }, supervisor.token))).toMatchObject({ code: 'CONFLICT', field: 'input.title' });
  });

  it('an update changes only what is given; a deleted one is gone', async () => {
    const created = await canned('Before.');
    const updated = await call(UPDATE, { i: { id: created.id, body: 'After, {{agent.name}}.' } }, supervisor.token);
    expect(updated.updateCannedResponse).toEqual({ id: created.id, title: created.title, body: 'After, {{agent.name}}.' });
    expect(await call(DELETE, { id: created.id }, acme.token)).toEqual({ deleteCannedResponse: created.id });
    expect((await call(`query($id: ID!) { node(id: $id) { id } }`, { id: created.id }, agent.token)).node).toBeNull();
    expect(errorOf(await t.gql(DELETE, { id: created.id }, supervisor.token))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses an empty body', async () => {
    expect(errorOf(await t.gql(CREATE, { i: { title: 'Empty', body: '   ' } }, supervisor.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.body' });
  });
});

describe('using a canned response on a ticket', () => {
  it('renders it on the server for the ticket and the calling agent', async () => {
    const ticket = await ticketFor('Ahmet Kaya', 'Order 1001 is late');
    const greeting = await canned('Merhaba {{customer.firstName}} ({{customer.name}}), #{{ticket.number}} "{{ticket.subject}}" — {{agent.name}}');
    const rendered = await call(RENDER, { id: greeting.id, ticketId: ticket.id }, agent.token);
    expect(rendered.renderCannedResponse).toBe(`Merhaba Ahmet (Ahmet Kaya), #${ticket.number} "Order 1001 is late" — Ali Yılmaz`);
    // Another agent signs with their own name.
    const bySupervisor = await call(RENDER, { id: greeting.id, ticketId: ticket.id }, supervisor.token);
    expect(bySupervisor.renderCannedResponse).toMatch(/— Selin Supervisor$/);
  });

  it('an API token signs with the workspace’s name', async () => {
    const ticket = await ticketFor('Deniz');
    const signed = await canned('Best, {{agent.name}}');
    const { secret } = (await call(`mutation { createApiToken(input: { name: "CRM", scopes: [READ] }) { secret } }`, {})).createApiToken;
    expect((await call(RENDER, { id: signed.id, ticketId: ticket.id }, secret)).renderCannedResponse).toBe('Best, Acme Destek');
  });

  it('keeps a customer named <script> literal: values are text, never HTML', async () => {
    const ticket = await ticketFor('<script>alert(1)</script> {{agent.name}}');
    const dear = await canned('Dear {{customer.name}}');
    const rendered = await call(RENDER, { id: dear.id, ticketId: ticket.id }, agent.token);
    expect(rendered.renderCannedResponse).toBe('Dear <script>alert(1)</script> {{agent.name}}');
  });

  it('replies with it in one call: the customer gets the filled-in text by e-mail and the status moves', async () => {
    const ticket = await ticketFor('Zeynep Demir', 'Refund', 'zeynep.demir@example.com');
    const refund = await canned('Hi {{customer.firstName}}, your refund for #{{ticket.number}} is on its way. {{agent.name}}');
    const result = await t.gql(REPLY, { i: { ticketId: ticket.id, cannedResponseId: refund.id, statusId: statuses.Pending } }, agent.token);
    expect(result.errors).toBeUndefined();
    const body = `Hi Zeynep, your refund for #${ticket.number} is on its way. Ali Yılmaz`;
    expect(result.data!.replyWithCannedResponse.message).toEqual({ body, visibility: 'PUBLIC', authorUser: { id: agent.id } });
    expect(result.data!.replyWithCannedResponse.ticket).toMatchObject({ status: { name: 'Pending' }, lastMessageBy: 'AGENT' });
    expect(result.data!.replyWithCannedResponse.ticket.firstReplyAt).not.toBeNull();
    const emails = await t.app.services.db.prisma.outboundEmail.findMany({ where: { ticketId: rawId(ticket.id) } });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ toAddress: 'zeynep.demir@example.com', textBody: body });
  });

  it('a read-only token may render but not reply', async () => {
    const ticket = await ticketFor('Ece');
    const note = await canned('Noted.');
    const { secret } = (await call(`mutation { createApiToken(input: { name: "Reader", scopes: [READ] }) { secret } }`, {})).createApiToken;
    expect(errorCode(await t.gql(REPLY, { i: { ticketId: ticket.id, cannedResponseId: note.id } }, secret))).toBe('FORBIDDEN');
  });

  it('ids of another workspace are NOT_FOUND, naming the argument', async () => {
    const elsewhere = await t.signUp('Elsewhere');
    const theirCanned = (await call(CREATE, { i: { title: 'Theirs', body: 'Hi {{customer.name}}' } }, elsewhere.token)).createCannedResponse;
    const theirProduct = (await call(`mutation { createProduct(input: { name: "P" }) { id } }`, {}, elsewhere.token)).createProduct.id;
    const theirTicket = (await call(
      `mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }`,
      { i: { productId: theirProduct, customer: { name: 'Secret Customer', email: uniqueEmail() } } },
      elsewhere.token,
    )).createTicket;
    const ours = await canned('Hi {{customer.name}}');
    const ourTicket = await ticketFor('Ours');

    expect(errorOf(await t.gql(RENDER, { id: theirCanned.id, ticketId: ourTicket.id }, agent.token))).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const foreignTicket = await t.gql(RENDER, { id: ours.id, ticketId: theirTicket.id }, agent.token);
    expect(errorOf(foreignTicket)).toMatchObject({ code: 'NOT_FOUND', field: 'ticketId' });
    expect(JSON.stringify(foreignTicket)).not.toContain('Secret Customer');
    expect(errorOf(await t.gql(REPLY, { i: { ticketId: ourTicket.id, cannedResponseId: theirCanned.id } }, agent.token))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.cannedResponseId',
    });
    expect(errorOf(await t.gql(REPLY, { i: { ticketId: theirTicket.id, cannedResponseId: ours.id } }, agent.token))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.ticketId',
    });
    expect(errorOf(await t.gql(UPDATE, { i: { id: theirCanned.id, body: 'Mine' } }, acme.token))).toMatchObject({ code: 'NOT_FOUND', field: 'input.id' });
    expect(errorCode(await t.gql(DELETE, { id: theirCanned.id }, acme.token))).toBe('NOT_FOUND');
    const list = await call(`{ cannedResponses(search: "Theirs") { edges { node { id } } } }`, {}, acme.token);
    expect(list.cannedResponses.edges).toEqual([]);
    // Junk ids are NOT_FOUND too, never an internal error.
    expect(errorOf(await t.gql(RENDER, { id: 'junk', ticketId: ourTicket.id }, agent.token))).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });
});
