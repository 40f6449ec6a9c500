// A visitor of a product's website (or its app's in-app inbox) sends the contact form: a ticket opens; every bad
// field is named; a bot filling the hidden honeypot field gets the same "received" and opens nothing; one address
// may send a few forms a minute per product; a switched-off form is not there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawId, startTestApp, type TestApp, uniqueEmail, type Workspace } from './harness.js';

let t: TestApp;
let acme: Workspace;
let productId: string;
let addressCounter = 0;

beforeAll(async () => {
  // Behind our proxy the client is X-Real-IP; each test sends from addresses of its own.
  t = await startTestApp({ TRUST_PROXY: 'true', WEB_FORM_SUBMISSIONS_PER_MINUTE: '5' });
  acme = await t.signUp('Acme Support');
  productId = await newProduct('Acme Shop', ['WEB_FORM', 'IN_APP', 'EMAIL']);
});
afterAll(() => t?.stop());

async function newProduct(name: string, channels: string[]) {
  const created = await t.gql(`mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }`, { i: { name, channels } }, acme.token);
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  return created.data!.createProduct.id as string;
}

const newAddress = () => `203.0.113.${(addressCounter += 1)}`;

function form(fields: Record<string, unknown>, options: { product?: string; address?: string; urlencoded?: boolean; method?: string } = {}) {
  const body = options.urlencoded
    ? new URLSearchParams(fields as Record<string, string>).toString()
    : JSON.stringify(fields);
  return t.app.yoga.fetch(`http://deskgraph.test/forms/${options.product ?? productId}`, {
    method: options.method ?? 'POST',
    headers: {
      'content-type': options.urlencoded ? 'application/x-www-form-urlencoded' : 'application/json',
      'x-real-ip': options.address ?? newAddress(),
    },
    body: options.method === 'GET' ? undefined : body,
  });
}

const valid = (email = uniqueEmail('visitor')) => ({
  name: 'Elif Şahin',
  email,
  subject: 'Cannot log in',
  message: 'The app says my password is wrong,\nbut it is not.',
  website: '',
});

async function ticketsOf(email: string) {
  const result = await t.gql(
    `{ tickets(first: 100) { edges { node { number subject channel customer { name email } messages { edges { node { body authorKind channel } } } } } } }`,
    {},
    acme.token,
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.tickets.edges.map((edge: { node: { customer: { email: string } } }) => edge.node).filter((ticket: { customer: { email: string } }) => ticket.customer.email === email);
}

const deliveriesOf = (product: string) =>
  t.app.services.db.prisma.webhookDelivery.findMany({
    where: { workspaceId: rawId(acme.workspaceId), source: 'WEB_FORM', headers: { path: ['productId'], equals: rawId(product) } },
    orderBy: { receivedAt: 'asc' },
  });

describe('the contact form', () => {
  it('opens a ticket on WEB_FORM for the visitor, as JSON', async () => {
    const fields = valid();
    const response = await form(fields);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    const [ticket, ...more] = await ticketsOf(fields.email);
    expect(more).toEqual([]);
    expect(ticket).toMatchObject({
      subject: 'Cannot log in',
      channel: 'WEB_FORM',
      customer: { name: 'Elif Şahin', email: fields.email },
      messages: { edges: [{ node: { body: 'The app says my password is wrong,\nbut it is not.', authorKind: 'CUSTOMER', channel: 'WEB_FORM' } }] },
    });
  });

  it('opens a ticket on IN_APP from the in-app inbox, posted as an HTML form would', async () => {
    const fields = { ...valid(), channel: 'IN_APP' };
    const response = await form(fields, { urlencoded: true });
    expect(response.status).toBe(200);
    const [ticket] = await ticketsOf(fields.email);
    expect(ticket.channel).toBe('IN_APP');
  });

  it('names every bad field at once', async () => {
    const response = await form({ name: '  ', email: 'not an address', subject: 'x'.repeat(251), message: '', channel: 'FAX', website: 7 });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([
      { field: 'name', message: 'Must not be empty.' },
      { field: 'email', message: 'Must be an e-mail address.' },
      { field: 'subject', message: 'At most 250 characters.' },
      { field: 'message', message: 'Must not be empty.' },
      { field: 'channel', message: 'Must be WEB_FORM or IN_APP.' },
      { field: 'website', message: 'Must be text.' },
    ]);
  });

  it.each([
    ['name', { name: undefined }, 'Required.'],
    ['name', { name: 'x'.repeat(201) }, 'At most 200 characters.'],
    ['email', { email: 'elif@' }, 'Must be an e-mail address.'],
    ['email', { email: 42 }, 'Must be text.'],
    ['subject', { subject: undefined }, 'Required.'],
    ['subject', { subject: 'bad\u0000subject' }, 'Must not contain NUL characters.'],
    ['message', { message: '   ' }, 'Must not be empty.'],
    ['message', { message: 'x'.repeat(50_001) }, 'At most 50,000 characters.'],
    ['channel', { channel: 'EMAIL' }, 'Must be WEB_FORM or IN_APP.'],
  ])('refuses a bad %s: %j', async (field, change, message) => {
    const fields = { ...valid(), ...change };
    const response = await form(fields);
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([{ field, message }]);
    expect(await ticketsOf(fields.email as string)).toEqual([]);
  });

  it('answers a body that is not a form: bad JSON 400, another type 415, over 64 kB 413', async () => {
    const post = (contentType: string, body: string) =>
      t.app.yoga.fetch(`http://deskgraph.test/forms/${productId}`, { method: 'POST', headers: { 'content-type': contentType, 'x-real-ip': newAddress() }, body });
    expect((await post('application/json', '{"name":')).status).toBe(400);
    expect((await post('application/json', '["a"]')).status).toBe(400);
    expect((await post('text/plain', 'hello')).status).toBe(415);
    expect((await form(valid(), { method: 'GET' })).status).toBe(405);
    expect((await post('application/json', JSON.stringify({ ...valid(), message: 'x'.repeat(70_000) }))).status).toBe(413);
  });

  it('gives a bot that fills the honeypot the same answer, and opens nothing', async () => {
    const product = await newProduct('Honeypot Shop', ['WEB_FORM']);
    const fields = { ...valid(), website: 'http://cheap-pills.example' };
    const response = await form(fields, { product });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    expect(await ticketsOf(fields.email)).toEqual([]);
    const [delivery] = await deliveriesOf(product);
    expect(delivery).toMatchObject({ status: 'IGNORED', outcome: 'honeypot field filled in: spam, no ticket' });
  });

  it('an admin can inspect a submission and replay it without a second ticket', async () => {
    const product = await newProduct('Replay Shop', ['WEB_FORM']);
    const fields = valid();
    expect((await form(fields, { product })).status).toBe(200);
    const listed = await t.gql(`{ webhookDeliveries(source: WEB_FORM, first: 1) { edges { node { id status outcome body headers } } } }`, {}, acme.token);
    const delivery = listed.data!.webhookDeliveries.edges[0].node;
    const [ticket] = await ticketsOf(fields.email);
    expect(delivery).toMatchObject({ status: 'PROCESSED', outcome: `new ticket #${ticket.number}` });
    expect(JSON.parse(delivery.body)).toEqual(fields);
    expect(delivery.headers).toMatchObject({ productId: rawId(product), 'content-type': 'application/json' });
    const replayed = await t.gql(`mutation($i: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $i) { status outcome } }`, { i: { id: delivery.id } }, acme.token);
    expect(replayed.data?.replayWebhookDelivery).toEqual({ status: 'IGNORED', outcome: 'duplicate: this submission was processed before' });
    expect(await ticketsOf(fields.email)).toHaveLength(1);
  });

  it('takes 5 forms a minute from one address per product; the 6th gets 429, other addresses and products are not held up', async () => {
    const product = await newProduct('Busy Shop', ['WEB_FORM']);
    const address = newAddress();
    for (let index = 0; index < 5; index += 1) {
      expect((await form(valid(), { product, address })).status).toBe(200);
    }
    const refused = await form(valid(), { product, address });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await refused.json()).errors[0].message).toMatch(/^Too many submissions from your address/);
    expect((await form(valid(), { product, address: newAddress() })).status).toBe(200);
    expect((await form(valid(), { address })).status).toBe(200);
    // Counted in the database (so every instance counts the same): 5 + 1 from another address.
    expect((await deliveriesOf(product)).map((delivery) => delivery.status)).toEqual(['PROCESSED', 'PROCESSED', 'PROCESSED', 'PROCESSED', 'PROCESSED', 'PROCESSED']);
  });

  it('counts concurrent submissions one after another: 10 at once from one address open 5 tickets', async () => {
    const product = await newProduct('Race Shop', ['WEB_FORM']);
    const address = newAddress();
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => form(valid(), { product, address })))).map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
    expect(await t.app.services.db.prisma.ticket.count({ where: { productId: rawId(product) } })).toBe(5);
  });

  it('is not there for an unknown product, nor when the product switched the channel off', async () => {
    expect((await form(valid(), { product: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await form(valid(), { product: 'garbage' })).status).toBe(404);
    const product = await newProduct('Quiet Shop', ['WEB_FORM', 'IN_APP']);
    const off = await t.gql(
      `mutation($i: ConfigureProductChannelInput!) { configureProductChannel(input: $i) { enabled } }`,
      { i: { productId: product, channel: 'WEB_FORM', enabled: false } },
      acme.token,
    );
    expect(off.data?.configureProductChannel.enabled).toBe(false);
    const fields = valid();
    const response = await form(fields, { product });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: [{ message: 'This form is not available.' }] });
    // Its in-app inbox is still on.
    expect((await form({ ...valid(), channel: 'IN_APP' }, { product })).status).toBe(200);
    // A product that lists channels without WEB_FORM has no form either.
    const emailOnly = await newProduct('Mail Shop', ['EMAIL']);
    expect((await form(valid(), { product: emailOnly })).status).toBe(404);
    expect(await ticketsOf(fields.email)).toEqual([]);
  });
});
