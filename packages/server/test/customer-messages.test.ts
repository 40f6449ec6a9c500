// What customers write, relayed through the API: a ticket a customer opened on a channel, further customer messages
// (a resolved ticket reopens), and the refusals an integrator can run into.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp, testClock, type Workspace } from './harness.js';

let t: TestApp;
let acme: Workspace;
let productId: string;
let statuses: Record<string, string>;
const clock = testClock('2026-06-01T09:00:00Z');

const TICKET = `id number channel isInternal createdAt createdBy status { name category } customer { name email phone }
  lastMessage { body authorKind visibility channel } messages { edges { node { authorKind body createdAt } } }
  history { edges { node { field } } }`;

const fromCustomer = (input: Record<string, unknown>, token = acme.token) =>
  t.gql(`mutation($i: CreateTicketFromCustomerInput!) { createTicketFromCustomer(input: $i) { ${TICKET} } }`, { i: input }, token);
const customerWrites = (ticketId: string, body: string, token = acme.token) =>
  t.gql(`mutation($i: AddCustomerMessageInput!) { addCustomerMessage(input: $i) { message { authorKind body } ticket { ${TICKET} } } }`, { i: { ticketId, body } }, token);

beforeAll(async () => {
  t = await startTestApp({}, { clock });
  acme = await t.signUp('Acme');
  productId = (await t.gql(`mutation { createProduct(input: { name: "Portakal", channels: [EMAIL, WHATSAPP] }) { id } }`, {}, acme.token)).data!.createProduct.id;
  const list = await t.gql(`{ ticketStatuses { id name category } }`, {}, acme.token);
  statuses = Object.fromEntries(list.data!.ticketStatuses.map((s: { id: string; category: string }) => [s.category, s.id]));
});
afterAll(() => t.stop());

describe('a ticket a customer opened', () => {
  it('starts with the customer’s public message on their channel, at the moment it arrived', async () => {
    const result = await fromCustomer({
      productId,
      channel: 'EMAIL',
      customer: { name: 'Özge Yılmaz', email: 'Ozge@Example.com' },
      subject: 'Kargom nerede?',
      body: 'Siparişim 1001 hâlâ gelmedi.',
      priority: 'URGENT',
    });
    expect(result.errors).toBeUndefined();
    const ticket = result.data!.createTicketFromCustomer;
    expect(ticket).toMatchObject({
      channel: 'EMAIL',
      isInternal: false,
      createdAt: '2026-06-01T09:00:00.000Z',
      customer: { name: 'Özge Yılmaz', email: 'ozge@example.com' },
      lastMessage: { authorKind: 'CUSTOMER', visibility: 'PUBLIC', channel: 'EMAIL', body: 'Siparişim 1001 hâlâ gelmedi.' },
    });
    expect(ticket.createdBy).toMatch(/^customer:/);
    // The same customer writing again is the same customer, matched by e-mail.
    const again = await fromCustomer({ productId, channel: 'EMAIL', customer: { name: 'Özge', email: 'ozge@example.com' }, subject: 'Bir şey daha', body: 'Ve faturam?' });
    expect(again.data!.createTicketFromCustomer.customer.name).toBe('Özge Yılmaz');
  });

  it('finds a WhatsApp customer by phone number when there is no e-mail', async () => {
    const first = await fromCustomer({ productId, channel: 'WHATSAPP', customer: { name: 'İpek', phone: '+90 532 000 0001' }, subject: 'Merhaba', body: 'Selam' });
    expect(first.errors).toBeUndefined();
    const second = await fromCustomer({ productId, channel: 'WHATSAPP', customer: { name: 'Ipek K.', phone: '+90 532 000 0001' }, subject: 'Tekrar', body: 'Selam yine' });
    expect(second.data!.createTicketFromCustomer.customer).toEqual({ name: 'İpek', email: null, phone: '+90 532 000 0001' });
  });

  it('refuses INTERNAL (agents use createTicket), a customer with neither e-mail nor phone, and a read-only token', async () => {
    const internal = await fromCustomer({ productId, channel: 'INTERNAL', customer: { name: 'A', email: 'a@example.com' }, subject: 'x', body: 'y' });
    expect(errorCode(internal)).toBe('BAD_USER_INPUT');
    expect(internal.errors![0].extensions!.field).toBe('input.channel');
    const nobody = await fromCustomer({ productId, channel: 'EMAIL', customer: { name: 'A' }, subject: 'x', body: 'y' });
    expect(errorCode(nobody)).toBe('BAD_USER_INPUT');
    expect(nobody.errors![0].extensions!.field).toBe('input.customer.email');
    const blank = await fromCustomer({ productId, channel: 'EMAIL', customer: { name: 'A', email: 'a@example.com' }, subject: 'x', body: '   ' });
    expect(blank.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.body' });
    const { secret } = (await t.gql(`mutation { createApiToken(input: { name: "Reader", scopes: [READ] }) { secret } }`, {}, acme.token)).data!.createApiToken;
    const readOnly = await fromCustomer({ productId, channel: 'EMAIL', customer: { name: 'A', email: 'a@example.com' }, subject: 'x', body: 'y' }, secret);
    expect(errorCode(readOnly)).toBe('FORBIDDEN');
  });
});

describe('further customer messages', () => {
  it('are added as the customer’s, and reopen a resolved ticket', async () => {
    const created = (await fromCustomer({ productId, channel: 'EMAIL', customer: { name: 'Okan', email: 'okan@example.com' }, subject: 'İade', body: 'İade istiyorum.' })).data!
      .createTicketFromCustomer;
    clock.advance(10);
    const reply = await t.gql(`mutation($i: ReplyToTicketInput!) { replyToTicket(input: $i) { ticket { status { category } } } }`, {
      i: { ticketId: created.id, body: 'İade başlatıldı.', statusId: statuses.RESOLVED },
    }, acme.token);
    expect(reply.data!.replyToTicket.ticket.status.category).toBe('RESOLVED');
    clock.advance(60);
    const written = await customerWrites(created.id, 'Para hâlâ yatmadı.');
    expect(written.errors).toBeUndefined();
    const ticket = written.data!.addCustomerMessage.ticket;
    expect(written.data!.addCustomerMessage.message).toEqual({ authorKind: 'CUSTOMER', body: 'Para hâlâ yatmadı.' });
    expect(['NEW', 'OPEN']).toContain(ticket.status.category);
    expect(ticket.messages.edges.map((edge: { node: { authorKind: string; createdAt: string } }) => [edge.node.authorKind, edge.node.createdAt])).toEqual([
      ['CUSTOMER', '2026-06-01T09:00:00.000Z'],
      ['AGENT', '2026-06-01T09:10:00.000Z'],
      ['CUSTOMER', '2026-06-01T10:10:00.000Z'],
    ]);
    const fields = ticket.history.edges.map((edge: { node: { field: string } }) => edge.node.field);
    expect(fields.slice(-2)).toEqual(['customerMessage', 'status']);
  });

  it('refuses a ticket of another workspace as not found', async () => {
    const globex = await t.signUp('Globex');
    const created = (await fromCustomer({ productId, channel: 'EMAIL', customer: { name: 'Z', email: 'z@example.com' }, subject: 's', body: 'b' })).data!.createTicketFromCustomer;
    const foreign = await customerWrites(created.id, 'hello', globex.token);
    expect(errorCode(foreign)).toBe('NOT_FOUND');
  });
});
