// Customers write by e-mail: their provider posts the raw MIME to the channel's endpoint; the e-mail opens a ticket,
// or joins the ticket it answers (by In-Reply-To, References or the "[#n]" subject token), once however often it is
// posted; machines' e-mails are not answered; files stay within the ticket limits; and the agent's reply reaches the
// customer's mail server threaded under what the customer wrote.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawId, startTestApp, type TestApp, uniqueEmail, type Workspace } from './harness.js';

// ---- the customer's mail server (receives our replies)

interface Sink {
  received: { envelopeTo: string[]; mail: ParsedMail }[];
  close(): Promise<void>;
  port: number;
}

async function startSink(): Promise<Sink> {
  const received: Sink['received'] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 25_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ---- the app

let t: TestApp;
let sink: Sink;
let storageDir: string;
let acme: Workspace;
let productId: string;
let channelId: string;
let statuses: Record<string, string>;
const SECRET = 'inbound-secret-4f9a1c';
const SUPPORT = 'support@acme.example';
const MAX_EMAIL_BYTES = 1_000_000;

beforeAll(async () => {
  sink = await startSink();
  storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskgraph-inbound-'));
  t = await startTestApp({
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    SMTP_FROM: 'helpdesk@deskgraph.test',
    MAIL_POLL_MS: '100',
    ATTACHMENT_STORAGE_DIR: storageDir,
    EMAIL_INBOUND_MAX_BYTES: String(MAX_EMAIL_BYTES),
  });
  acme = await t.signUp('Acme Support');
  productId = (await t.gql(`mutation { createProduct(input: { name: "Acme Shop", channels: [EMAIL] }) { id } }`, {}, acme.token)).data!.createProduct.id;
  const configured = await t.gql(
    `mutation($i: ConfigureProductChannelInput!) { configureProductChannel(input: $i) { id } }`,
    { i: { productId, channel: 'EMAIL', enabled: true, settings: { inboundSecret: SECRET, address: SUPPORT } } },
    acme.token,
  );
  expect(configured.errors).toBeUndefined();
  channelId = configured.data!.configureProductChannel.id;
  await t.gql(`mutation { updateWorkspaceEmail(input: { supportEmail: "${SUPPORT}" }) { id } }`, {}, acme.token);
  const list = await t.gql(`{ ticketStatuses { id category } }`, {}, acme.token);
  statuses = Object.fromEntries(list.data!.ticketStatuses.map((s: { id: string; category: string }) => [s.category, s.id]));
});
afterAll(async () => {
  await t?.stop();
  await sink?.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

// ---- helpers

let sequence = 0;
const newMessageId = () => `<m${Date.now()}.${(sequence += 1)}.${Math.random().toString(36).slice(2)}@mail.customer.example>`;

/** A raw e-mail as a customer's mail client writes it (nodemailer's composer). */
function compose(options: Mail.Options & { messageId?: string }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    new MailComposer({ to: SUPPORT, date: new Date('2026-11-30T10:00:00Z'), ...options }).compile().build((error, message) => (error ? reject(error) : resolve(message))),
  );
}

/** Posts raw MIME to the channel's endpoint, as an inbound-mail provider does, and waits until it is processed. */
async function post(raw: Buffer | string, options: { secret?: string | null; channel?: string; headers?: Record<string, string> } = {}) {
  const secret = options.secret === undefined ? SECRET : options.secret;
  const response = await t.app.yoga.fetch(`http://deskgraph.test/webhooks/email/${options.channel ?? channelId}`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822', ...(secret ? { 'x-deskgraph-inbound-secret': secret } : {}), ...options.headers },
    body: typeof raw === 'string' ? raw : new Uint8Array(raw),
  });
  await t.app.webhooks.settled();
  return response;
}

const prisma = () => t.app.services.db.prisma;
const workspaceRowId = () => rawId(acme.workspaceId);
/** The last delivery of this workspace, as an admin inspecting deliveries sees it. */
async function lastDelivery() {
  const result = await t.gql(
    `{ webhookDeliveries(source: EMAIL, first: 1) { edges { node { id status outcome signatureValid bodyBytes attempts } } } }`,
    {},
    acme.token,
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.webhookDeliveries.edges[0].node as { id: string; status: string; outcome: string | null; signatureValid: boolean | null; bodyBytes: number };
}

const TICKET = `id number subject channel status { category } customer { name email }
  messages { edges { node { body authorKind visibility channel } } } attachments { fileName contentType size }`;

interface TicketView {
  id: string;
  number: number;
  subject: string;
  channel: string;
  status: { category: string };
  customer: { name: string; email: string };
  messages: { edges: { node: { body: string; authorKind: string } }[] };
  attachments: { fileName: string; contentType: string; size: number }[];
}

async function ticketsOf(customerEmail: string): Promise<TicketView[]> {
  const result = await t.gql(`{ tickets(first: 100) { edges { node { ${TICKET} } } } }`, {}, acme.token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.tickets.edges.map((edge: { node: TicketView }) => edge.node).filter((ticket: TicketView) => ticket.customer.email === customerEmail);
}
const bodies = (ticket: TicketView) => ticket.messages.edges.map((edge) => edge.node.body);

async function ticketFromEmail(customer: string, subject = 'Where is my parcel?') {
  const messageId = newMessageId();
  expect((await post(await compose({ from: `Deniz Yılmaz <${customer}>`, subject, text: 'Order 1001 has not arrived.', messageId }))).status).toBe(200);
  const [ticket] = await ticketsOf(customer);
  return { ticket, messageId };
}

const resolve = async (ticketId: string) => {
  const result = await t.gql(`mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { status { category } } }`, { i: { id: ticketId, statusId: statuses.RESOLVED } }, acme.token);
  expect(result.data?.updateTicket.status.category).toBe('RESOLVED');
};

const reply = async (ticketId: string, body: string) => {
  const result = await t.gql(`mutation($i: ReplyToTicketInput!) { replyToTicket(input: $i) { message { id } } }`, { i: { ticketId, body } }, acme.token);
  expect(result.errors).toBeUndefined();
};

const mailsTo = (address: string) => sink.received.filter((entry) => entry.envelopeTo.includes(address)).map((entry) => entry.mail);

const fixture = (name: string, values: Record<string, string> = {}) =>
  Object.entries(values).reduce(
    (text, [key, value]) => text.replaceAll(`__${key}__`, value),
    fs.readFileSync(path.join(import.meta.dirname, 'fixtures/email', name), 'utf8'),
  );

// ---- tests

describe('an e-mail from a customer', () => {
  it('opens a ticket on the EMAIL channel for the sender, with the text as its first message', async () => {
    const customer = uniqueEmail('deniz');
    const response = await post(
      await compose({ from: `Deniz Yılmaz <${customer}>`, subject: 'Kargom nerede?', text: 'Siparişim 1001 hâlâ gelmedi.\n\nDeniz', messageId: newMessageId() }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    const [ticket, ...more] = await ticketsOf(customer);
    expect(more).toHaveLength(0);
    expect(ticket).toMatchObject({
      subject: 'Kargom nerede?',
      channel: 'EMAIL',
      customer: { name: 'Deniz Yılmaz', email: customer },
      status: { category: 'NEW' },
    });
    expect(ticket.messages.edges.map((edge) => edge.node)).toEqual([
      { body: 'Siparişim 1001 hâlâ gelmedi.\n\nDeniz', authorKind: 'CUSTOMER', visibility: 'PUBLIC', channel: 'EMAIL' },
    ]);
    expect(await lastDelivery()).toMatchObject({ status: 'PROCESSED', signatureValid: true, outcome: `new ticket #${ticket.number}` });
  });

  it('an HTML-only e-mail arrives as text', async () => {
    const customer = uniqueEmail('html');
    await post(await compose({ from: customer, subject: 'HTML', html: '<p>Hello <b>team</b>,</p><p>my invoice is wrong.</p>', messageId: newMessageId() }));
    const [ticket] = await ticketsOf(customer);
    expect(bodies(ticket)[0]).toContain('Hello team');
    expect(bodies(ticket)[0]).toContain('my invoice is wrong.');
  });

  it('posted twice (a provider retrying) is one message', async () => {
    const customer = uniqueEmail('twice');
    const raw = await compose({ from: customer, subject: 'Twice', text: 'Only once, please.', messageId: newMessageId() });
    expect((await post(raw)).status).toBe(200);
    expect((await post(raw)).status).toBe(200);
    const tickets = await ticketsOf(customer);
    expect(tickets).toHaveLength(1);
    expect(bodies(tickets[0])).toEqual(['Only once, please.']);
    expect((await lastDelivery()).status).toBe('IGNORED');
    expect((await lastDelivery()).outcome).toMatch(/^duplicate: Message-ID <.+> was received before$/);
  });

  it('posted three times at once is still one message', async () => {
    const customer = uniqueEmail('race');
    const raw = await compose({ from: customer, subject: 'Race', text: 'Once.', messageId: newMessageId() });
    const responses = await Promise.all([post(raw), post(raw), post(raw)]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    const tickets = await ticketsOf(customer);
    expect(tickets).toHaveLength(1);
    expect(bodies(tickets[0])).toEqual(['Once.']);
  });

  it('written in a legacy Turkish charset (ISO-8859-9, quoted-printable) arrives as the customer wrote it', async () => {
    const customer = uniqueEmail('charset');
    const text = Buffer.from('Sipari\xfeim gelmedi, l\xfctfen yard\xfdm edin.', 'latin1'); // ş=0xFE, ü=0xFC, ı=0xFD in ISO-8859-9
    const quoted = [...text].map((byte) => (byte > 0x7e || byte === 0x3d ? `=${byte.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(byte))).join('');
    const raw = [
      `From: =?ISO-8859-9?Q?=DEule_Y=FDlmaz?= <${customer}>`,
      'Subject: =?ISO-8859-9?Q?Sipari=FE?=',
      `Message-ID: ${newMessageId()}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=ISO-8859-9',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      quoted,
    ].join('\r\n');
    await post(raw);
    const [ticket] = await ticketsOf(customer);
    expect(ticket).toMatchObject({ subject: 'Sipariş', customer: { name: 'Şule Yılmaz' } });
    expect(bodies(ticket)).toEqual(['Siparişim gelmedi, lütfen yardım edin.']);
  });

  it('replayed by an admin, is still one message', async () => {
    const customer = uniqueEmail('replay');
    const { ticket } = await ticketFromEmail(customer);
    const delivery = await lastDelivery();
    const replayed = await t.gql(`mutation($i: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $i) { status outcome attempts } }`, { i: { id: delivery.id } }, acme.token);
    expect(replayed.errors).toBeUndefined();
    expect(replayed.data!.replayWebhookDelivery).toMatchObject({ status: 'IGNORED', attempts: 2 });
    expect(replayed.data!.replayWebhookDelivery.outcome).toMatch(/^duplicate: /);
    expect(bodies((await ticketsOf(customer))[0])).toEqual(bodies(ticket));
  });
});

describe('a reply joins the ticket it answers', () => {
  it('by In-Reply-To (our thread id), and reopens the resolved ticket', async () => {
    const customer = uniqueEmail('irt');
    const { ticket } = await ticketFromEmail(customer);
    await resolve(ticket.id);
    await post(
      await compose({
        from: customer,
        subject: 'Re: Where is my parcel?',
        text: 'It still has not arrived.\n\nOn Mon, 30 Nov 2026 at 10:00, Acme Support <support@acme.example> wrote:\n> Your parcel left our warehouse.\n',
        messageId: newMessageId(),
        inReplyTo: `<ticket-${rawId(ticket.id)}@deskgraph>`,
      }),
    );
    const [after, ...more] = await ticketsOf(customer);
    expect(more).toHaveLength(0);
    // The quoted e-mail below the answer is left out.
    expect(bodies(after)).toEqual(['Order 1001 has not arrived.', 'It still has not arrived.']);
    expect(after.status.category).not.toBe('RESOLVED');
    expect((await lastDelivery()).outcome).toBe(`added to ticket #${ticket.number} (by its thread id), reopened it`);
  });

  it("by References naming our reply's Message-ID, when In-Reply-To is missing", async () => {
    const customer = uniqueEmail('refs');
    const { ticket } = await ticketFromEmail(customer);
    await reply(ticket.id, 'Your parcel left our warehouse today.');
    const [ours] = await until('our reply', () => (mailsTo(customer).length ? mailsTo(customer) : null));
    expect(ours.messageId).toMatch(/^<reply-[0-9a-f-]{36}@deskgraph>$/);
    await post(
      await compose({
        from: customer,
        subject: 'Thanks',
        text: 'Great, thank you!',
        messageId: newMessageId(),
        references: ['<unrelated@elsewhere.example>', ours.messageId!],
      }),
    );
    const [after, ...more] = await ticketsOf(customer);
    expect(more).toHaveLength(0);
    expect(bodies(after)).toEqual(['Order 1001 has not arrived.', 'Your parcel left our warehouse today.', 'Great, thank you!']);
    expect((await lastDelivery()).outcome).toBe(`added to ticket #${ticket.number} (by the Message-ID of our reply)`);
  });

  it("by References naming the customer's own earlier e-mail", async () => {
    const customer = uniqueEmail('own');
    const { ticket, messageId } = await ticketFromEmail(customer);
    await post(await compose({ from: customer, subject: 'Re: Where is my parcel?', text: 'Also: I moved house.', messageId: newMessageId(), references: [messageId] }));
    const [after] = await ticketsOf(customer);
    expect(after.id).toBe(ticket.id);
    expect(bodies(after)).toEqual(['Order 1001 has not arrived.', 'Also: I moved house.']);
  });

  it('by the [#n] token in the subject when the mail client kept no threading headers', async () => {
    const customer = uniqueEmail('token');
    const { ticket } = await ticketFromEmail(customer);
    await post(await compose({ from: customer, subject: `Re: [#${ticket.number}] Where is my parcel?`, text: 'Any news?', messageId: newMessageId() }));
    const [after, ...more] = await ticketsOf(customer);
    expect(more).toHaveLength(0);
    expect(bodies(after)).toEqual(['Order 1001 has not arrived.', 'Any news?']);
    expect((await lastDelivery()).outcome).toBe(`added to ticket #${ticket.number} (by the subject token [#${ticket.number}])`);
  });

  it("but someone else's [#n] in a subject opens a new ticket: the number alone proves nothing", async () => {
    const customer = uniqueEmail('victim');
    const { ticket } = await ticketFromEmail(customer);
    const stranger = uniqueEmail('stranger');
    await post(await compose({ from: stranger, subject: `[#${ticket.number}] hello`, text: 'Let me in.', messageId: newMessageId() }));
    expect(bodies((await ticketsOf(customer))[0])).toEqual(['Order 1001 has not arrived.']);
    const [own] = await ticketsOf(stranger);
    expect(own.id).not.toBe(ticket.id);
    expect((await lastDelivery()).outcome).toBe(
      `new ticket #${own.number} (subject token [#${ticket.number}] not used: the sender is not that ticket's customer)`,
    );
  });
});

describe('another workspace', () => {
  it("cannot write into this workspace's ticket by naming its thread id or number", async () => {
    const customer = uniqueEmail('isolated');
    const { ticket } = await ticketFromEmail(customer);
    const beta = await t.signUp('Beta Desk');
    const betaProduct = (await t.gql(`mutation { createProduct(input: { name: "Beta Shop", channels: [EMAIL] }) { id } }`, {}, beta.token)).data!.createProduct.id;
    const betaChannel = (
      await t.gql(
        `mutation($i: ConfigureProductChannelInput!) { configureProductChannel(input: $i) { id } }`,
        { i: { productId: betaProduct, channel: 'EMAIL', enabled: true, settings: { inboundSecret: 'beta-secret' } } },
        beta.token,
      )
    ).data!.configureProductChannel.id;
    // A's secret does not open B's endpoint, nor B's A's.
    expect((await post('x', { channel: betaChannel })).status).toBe(401);
    const raw = await compose({
      from: customer,
      subject: `Re: [#${ticket.number}] Where is my parcel?`,
      text: 'Sent to Beta.',
      messageId: newMessageId(),
      inReplyTo: `<ticket-${rawId(ticket.id)}@deskgraph>`,
    });
    expect((await post(raw, { channel: betaChannel, secret: 'beta-secret' })).status).toBe(200);
    expect(bodies((await ticketsOf(customer))[0])).toEqual(['Order 1001 has not arrived.']);
    const betaTickets = await t.gql(`{ tickets(first: 10) { edges { node { subject customer { email } messages { edges { node { body } } } } } } }`, {}, beta.token);
    expect(betaTickets.data!.tickets.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      { subject: `Re: [#${ticket.number}] Where is my parcel?`, customer: { email: customer }, messages: { edges: [{ node: { body: 'Sent to Beta.' } }] } },
    ]);
  });
});

describe('a merged ticket', () => {
  it('passes an answer on to the ticket it was merged into', async () => {
    const customer = uniqueEmail('merged');
    const { ticket: first } = await ticketFromEmail(customer, 'First');
    const { ticket: second } = await ticketFromEmail(customer, 'Second');
    const merged = await t.gql(
      `mutation($i: MergeTicketsInput!) { mergeTickets(input: $i) { targetTicket { id } } }`,
      { i: { sourceTicketId: first.id, targetTicketId: second.id } },
      acme.token,
    );
    expect(merged.errors).toBeUndefined();
    await post(await compose({ from: customer, subject: 'Re: First', text: 'About the first one.', messageId: newMessageId(), inReplyTo: `<ticket-${rawId(first.id)}@deskgraph>` }));
    expect((await lastDelivery()).outcome).toBe(`added to ticket #${second.number} (by its thread id)`);
    const target = (await ticketsOf(customer)).find((ticket) => ticket.id === second.id)!;
    expect(bodies(target)).toContain('About the first one.');
  });
});

describe('machines are not answered', () => {
  it('an auto-reply to a resolved ticket adds nothing, reopens nothing and opens no ticket', async () => {
    const customer = uniqueEmail('away');
    const { ticket } = await ticketFromEmail(customer);
    await resolve(ticket.id);
    await post(fixture('auto-reply.eml', { FROM: customer, SUBJECT: `[#${ticket.number}] Where is my parcel?`, MESSAGE_ID: `away-${Date.now()}@x.example`, IN_REPLY_TO: `<ticket-${rawId(ticket.id)}@deskgraph>` }));
    const [after, ...more] = await ticketsOf(customer);
    expect(more).toHaveLength(0);
    expect(bodies(after)).toEqual(['Order 1001 has not arrived.']);
    expect(after.status.category).toBe('RESOLVED');
    expect(await lastDelivery()).toMatchObject({ status: 'IGNORED' });
    expect((await lastDelivery()).outcome).toMatch(/^auto-reply \(Auto-Submitted: auto-replied\) from .+: not answered, no ticket or reopen$/);
  });

  it.each([
    ['Precedence: bulk', { Precedence: 'bulk' }, /^bulk \(Precedence: bulk\)/],
    ['Precedence: auto_reply', { Precedence: 'auto_reply' }, /^auto-reply \(Precedence: auto_reply\)/],
    ['X-Autorespond', { 'X-Autorespond': 'yes' }, /^auto-reply \(x-autorespond: yes\)/],
  ])('%s opens no ticket', async (_label, headers, outcome) => {
    const customer = uniqueEmail('bulk');
    await post(await compose({ from: customer, subject: 'Newsletter', text: 'Our news.', messageId: newMessageId(), headers }));
    expect(await ticketsOf(customer)).toEqual([]);
    expect((await lastDelivery()).outcome).toMatch(outcome);
  });

  it('Auto-Submitted: no is a person writing', async () => {
    const customer = uniqueEmail('person');
    await post(await compose({ from: customer, subject: 'Hi', text: 'A person.', messageId: newMessageId(), headers: { 'Auto-Submitted': 'no' } }));
    expect(await ticketsOf(customer)).toHaveLength(1);
  });

  it('a bounce (multipart/report from MAILER-DAEMON) opens no ticket', async () => {
    const before = await prisma().ticket.count({ where: { workspaceId: workspaceRowId() } });
    await post(fixture('bounce-delivery-status.eml'));
    expect(await prisma().ticket.count({ where: { workspaceId: workspaceRowId() } })).toBe(before);
    expect(await lastDelivery()).toMatchObject({
      status: 'IGNORED',
      outcome: 'bounce (multipart/report (report-type=delivery-status)) from mailer-daemon@mx.example.net: not answered, no ticket or reopen',
    });
  });
});

describe('e-mails that are ours', () => {
  it('our own reply coming back, or an e-mail from our support address, is not taken in', async () => {
    const customer = uniqueEmail('loop');
    const { ticket } = await ticketFromEmail(customer);
    await reply(ticket.id, 'Here is your answer.');
    const [ours] = await until('our reply', () => (mailsTo(customer).length ? mailsTo(customer) : null));
    const returned = await compose({ from: SUPPORT, to: customer, subject: ours.subject, text: ours.text, messageId: ours.messageId, inReplyTo: ours.inReplyTo });
    await post(returned);
    expect((await lastDelivery()).outcome).toBe(`our own reply ${ours.messageId} came back: not taken in`);
    await post(await compose({ from: `Acme <${SUPPORT.toUpperCase()}>`, subject: 'Test', text: 'x', messageId: newMessageId() }));
    expect((await lastDelivery()).outcome).toBe(`sent from our own address ${SUPPORT}: not taken in`);
    expect(bodies((await ticketsOf(customer))[0])).toEqual(['Order 1001 has not arrived.', 'Here is your answer.']);
    expect(await ticketsOf(SUPPORT)).toEqual([]);
  });
});

describe('providers that post a form', () => {
  it("takes the raw e-mail from the form's `email` field (SendGrid Inbound Parse with raw MIME)", async () => {
    const customer = uniqueEmail('form');
    const raw = await compose({ from: customer, subject: 'Via a form', text: 'Posted as multipart.', messageId: newMessageId() });
    const form = new FormData();
    form.append('to', SUPPORT);
    form.append('email', raw.toString('utf8'));
    const encoded = new Response(form);
    const response = await post(Buffer.from(await encoded.arrayBuffer()), { headers: { 'content-type': encoded.headers.get('content-type')! } });
    expect(response.status).toBe(200);
    const [ticket] = await ticketsOf(customer);
    expect(bodies(ticket)).toEqual(['Posted as multipart.']);
  });

  it('a form without the e-mail is IGNORED with the reason', async () => {
    const form = new FormData();
    form.append('text', 'no raw MIME here');
    const encoded = new Response(form);
    await post(Buffer.from(await encoded.arrayBuffer()), { headers: { 'content-type': encoded.headers.get('content-type')! } });
    expect(await lastDelivery()).toMatchObject({ status: 'IGNORED', outcome: 'a form post without the e-mail in a field named email or body-mime' });
  });
});

describe('what cannot be read', () => {
  it.each([
    ['binary garbage', Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0x0a, 0x7f]), /^malformed MIME: no header fields/],
    ['a multipart e-mail without its boundary', 'From: a@b.example\r\nContent-Type: multipart/mixed\r\n\r\n--x\r\nhello\r\n', /^malformed MIME: multipart\/mixed without a boundary$/],
    ['an e-mail without a sender', 'Subject: who am I\r\nContent-Type: text/plain\r\n\r\nhello\r\n', /^malformed MIME: no sender address in From$/],
  ])('%s is stored, answered 200 and IGNORED with the reason', async (_label, raw, outcome) => {
    const before = await prisma().ticket.count({ where: { workspaceId: workspaceRowId() } });
    expect((await post(raw)).status).toBe(200);
    const delivery = await lastDelivery();
    expect(delivery.status).toBe('IGNORED');
    expect(delivery.outcome).toMatch(outcome);
    expect(await prisma().ticket.count({ where: { workspaceId: workspaceRowId() } })).toBe(before);
  });
});

describe('attachments', () => {
  it('of an e-mail with 20 files, 5 are kept (the per-message limit) and the other 15 are named in the message and the outcome', async () => {
    const customer = uniqueEmail('files');
    const attachments = Array.from({ length: 20 }, (_, index) => ({
      filename: `log-${String(index + 1).padStart(2, '0')}.txt`,
      content: `line ${index + 1} of the app log\n`,
      contentType: 'text/plain',
    }));
    const raw = await compose({ from: customer, subject: 'Logs', text: 'The logs you asked for.', messageId: newMessageId(), attachments });
    expect((await post(raw)).status).toBe(200);
    const [ticket] = await ticketsOf(customer);
    expect(ticket.attachments.map((file) => file.fileName)).toEqual(['log-01.txt', 'log-02.txt', 'log-03.txt', 'log-04.txt', 'log-05.txt']);
    expect(ticket.attachments.every((file) => file.contentType === 'text/plain')).toBe(true);
    const [body] = bodies(ticket);
    expect(body).toMatch(/^The logs you asked for\.\n\n\[15 attachments not kept: "log-06\.txt", "log-07\.txt", "log-08\.txt", "log-09\.txt", "log-10\.txt" and 10 more \(at most 5 attachments per message\)\]$/);
    expect((await lastDelivery()).outcome).toBe(
      `new ticket #${ticket.number}; 5 attachments kept; 15 attachments not kept: "log-06.txt", "log-07.txt", "log-08.txt", "log-09.txt", "log-10.txt" and 10 more (at most 5 attachments per message)`,
    );
  });

  it('a program is not kept, whatever its name says; the e-mail still arrives', async () => {
    const customer = uniqueEmail('exe');
    const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);
    await post(await compose({ from: customer, subject: 'Invoice', text: 'See attached.', messageId: newMessageId(), attachments: [{ filename: 'invoice.pdf', content: program }] }));
    const [ticket] = await ticketsOf(customer);
    expect(ticket.attachments).toEqual([]);
    expect(bodies(ticket)[0]).toBe('See attached.\n\n[1 attachment not kept: "invoice.pdf" (it is a Windows program (PE))]');
  });
});

describe('the endpoint', () => {
  it('refuses a wrong or missing secret with 401 and keeps the attempt, without its body, for inspection', async () => {
    const customer = uniqueEmail('intruder');
    const raw = await compose({ from: customer, subject: 'Hi', text: 'x', messageId: newMessageId() });
    for (const secret of ['wrong-secret', null]) {
      const response = await post(raw, { secret });
      expect(response.status).toBe(401);
      expect((await response.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(await lastDelivery()).toMatchObject({ status: 'REJECTED', signatureValid: false });
      expect((await lastDelivery()).bodyBytes).toBe(0);
    }
    expect(await ticketsOf(customer)).toEqual([]);
  });

  it('takes the secret as ?secret= too', async () => {
    const customer = uniqueEmail('query');
    const raw = await compose({ from: customer, subject: 'Hi', text: 'By query.', messageId: newMessageId() });
    const response = await post(raw, { secret: null, channel: `${channelId}?secret=${SECRET}` });
    expect(response.status).toBe(200);
    expect(await ticketsOf(customer)).toHaveLength(1);
  });

  it('answers 404 for an unknown channel or another channel, and 405 for anything but POST', async () => {
    expect((await post('x', { channel: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    const other = await t.gql(
      `mutation($i: ConfigureProductChannelInput!) { configureProductChannel(input: $i) { id } }`,
      { i: { productId, channel: 'WEB_FORM', enabled: true } },
      acme.token,
    );
    expect((await post('x', { channel: other.data!.configureProductChannel.id })).status).toBe(404);
    const get = await t.app.yoga.fetch(`http://deskgraph.test/webhooks/email/${channelId}`, { method: 'GET' });
    expect(get.status).toBe(405);
    expect((await post('x', { channel: 'not-an-id' })).status).toBe(404);
  });

  it('refuses an e-mail over the size limit with 413, declared or not, and stores nothing', async () => {
    const count = () => prisma().webhookDelivery.count({ where: { workspaceId: workspaceRowId() } });
    const before = await count();
    const big = Buffer.alloc(MAX_EMAIL_BYTES + 1, 'a');
    expect((await post(big)).status).toBe(413);
    // Streamed without Content-Length: cut off once the limit is passed.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let sent = 0; sent <= MAX_EMAIL_BYTES; sent += 64 * 1024) controller.enqueue(new Uint8Array(64 * 1024).fill(97));
        controller.close();
      },
    });
    const response = await t.app.yoga.fetch(`http://deskgraph.test/webhooks/email/${channelId}`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', 'x-deskgraph-inbound-secret': SECRET },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await count()).toBe(before);
  });
});

describe("the agent's reply", () => {
  it("goes out by e-mail threaded under the customer's e-mail, and the customer's answer to it joins the ticket", async () => {
    const customer = uniqueEmail('thread');
    const { ticket, messageId } = await ticketFromEmail(customer, 'Broken zipper');
    await reply(ticket.id, 'Sorry about that! A new one is on its way.');
    const [ours] = await until('our reply', () => (mailsTo(customer).length ? mailsTo(customer) : null));
    const thread = `<ticket-${rawId(ticket.id)}@deskgraph>`;
    expect(ours.subject).toBe(`[#${ticket.number}] Broken zipper`);
    expect(ours.inReplyTo).toBe(messageId);
    expect(ours.references).toEqual([thread, messageId]);
    expect(ours.messageId).toMatch(/^<reply-[0-9a-f-]{36}@deskgraph>$/);
    expect(ours.headers.get('auto-submitted')).toBeUndefined();

    // The customer's mail client answers it: In-Reply-To our Message-ID, References extended by it.
    const answerId = newMessageId();
    await post(
      await compose({
        from: customer,
        subject: `Re: ${ours.subject}`,
        text: 'Thank you!',
        messageId: answerId,
        inReplyTo: ours.messageId,
        references: [...(ours.references as string[]), ours.messageId!],
      }),
    );
    const [after, ...more] = await ticketsOf(customer);
    expect(more).toHaveLength(0);
    expect(bodies(after)).toEqual(['Order 1001 has not arrived.', 'Sorry about that! A new one is on its way.', 'Thank you!']);

    // The next reply answers the customer's latest e-mail.
    await reply(ticket.id, 'Enjoy!');
    const second = await until('the second reply', () => mailsTo(customer).find((mail) => mail.text?.trim() === 'Enjoy!'));
    expect(second.inReplyTo).toBe(answerId);
    expect(second.references).toEqual([thread, messageId, answerId]);
  });
});
