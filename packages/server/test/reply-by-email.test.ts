// Replies reach the customer by e-mail: a real SMTP server on the loopback interface receives what the outbox sends.
// One reply is one e-mail (even with several senders running), threaded under its ticket, from the workspace's
// address, with the reply's files; notes send nothing; and while the mail server is down, nothing is lost.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailWorker } from '../src/mail/worker.js';
import { errorCode, type GraphQLResponse, PASSWORD, rawId, startTestApp, type TestApp, uniqueEmail, type Workspace } from './harness.js';

// ---- the customer's mail server

interface Received {
  envelopeTo: string[];
  mail: ParsedMail;
}

interface Sink {
  port: number;
  received: Received[];
  close(): Promise<void>;
}

async function startSink(port = 0): Promise<Sink> {
  const received: Received[] = [];
  const server = new SMTPServer({
    // Plain SMTP on loopback: no TLS upgrade (its certificate would be self-signed) and no login.
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
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---- the app, sending to that server

let t: TestApp;
let sink: Sink;
let storageDir: string;
let acme: Workspace;
let productId: string;

const SERVER_SENDER = 'helpdesk@deskgraph.test';

// Generous: on a shared database this app's sender also delivers what other test files' workspaces queued (their
// tickets' replies, a hundred at a time for the SLA reports), and ours wait their turn behind them.
async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 25_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mailsTo = (address: string) => sink.received.filter((entry) => entry.envelopeTo.includes(address));

async function newTicket(workspace: Workspace, customerEmail: string, subject = 'Where is my parcel?') {
  const product =
    workspace === acme
      ? productId
      : (await t.gql(`mutation { createProduct(input: { name: "Shop" }) { id } }`, {}, workspace.token)).data!.createProduct.id;
  const created = await t.gql(
    `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id number subject } }`,
    { input: { productId: product, customer: { name: 'Deniz Yılmaz', email: customerEmail }, subject } },
    workspace.token,
  );
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  return created.data!.createTicket as { id: string; number: number; subject: string };
}

const reply = (ticketId: string, body: string, token = acme.token) =>
  t.gql(`mutation($input: ReplyToTicketInput!) { replyToTicket(input: $input) { message { id } } }`, { input: { ticketId, body } }, token);

/** A reply with one file, as a real multipart request (GraphQL multipart request spec). */
async function replyWithFile(ticketId: string, body: string, file: { name: string; bytes: Uint8Array }, mutation = 'replyToTicket') {
  const inputType = mutation === 'replyToTicket' ? 'ReplyToTicketInput' : 'AddPrivateNoteInput';
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({
      query: `mutation($input: ${inputType}!) { ${mutation}(input: $input) { message { id } } }`,
      variables: { input: { ticketId, body, attachments: [null] } },
    }),
  );
  form.append('map', JSON.stringify({ 0: ['variables.input.attachments.0'] }));
  form.append('0', new Blob([new Uint8Array(file.bytes)]), file.name);
  const encoded = new Response(form);
  const response = await t.app.yoga.fetch('http://deskgraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': encoded.headers.get('content-type')!, authorization: `Bearer ${acme.token}` },
    body: new Uint8Array(await encoded.arrayBuffer()),
  });
  return (await response.json()) as GraphQLResponse;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

beforeAll(async () => {
  sink = await startSink();
  storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskgraph-mail-'));
  t = await startTestApp({
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    SMTP_FROM: SERVER_SENDER,
    MAIL_POLL_MS: '100',
    MAIL_RETRY_BASE_MS: '200',
    ATTACHMENT_STORAGE_DIR: storageDir,
  });
  acme = await t.signUp('Acme Support');
  productId = (await t.gql(`mutation { createProduct(input: { name: "Acme Shop", channels: [EMAIL] }) { id } }`, {}, acme.token)).data!
    .createProduct.id;
  const updated = await t.gql(`mutation { updateWorkspaceEmail(input: { supportEmail: "Support@Acme.example" }) { supportEmail } }`, {}, acme.token);
  expect(updated.data?.updateWorkspaceEmail.supportEmail).toBe('support@acme.example');
});
afterAll(async () => {
  await t?.stop();
  await sink?.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

describe('replying by e-mail', () => {
  it('the customer receives the reply once, from the workspace address, threaded under the ticket, with its file', async () => {
    const customer = uniqueEmail('customer');
    const ticket = await newTicket(acme, customer);
    const sent = await replyWithFile(ticket.id, 'Your parcel left our warehouse today.\nThe invoice is attached.', {
      name: 'invoice.pdf',
      bytes: PDF,
    });
    expect(sent.errors).toBeUndefined();

    await until('the reply e-mail', () => mailsTo(customer).length > 0);
    await settle(500); // a second copy would arrive within a few polls
    const received = mailsTo(customer);
    expect(received).toHaveLength(1);
    const { mail } = received[0];
    expect(mail.from?.value).toEqual([{ name: 'Acme Support', address: 'support@acme.example' }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((to) => to.address) : []).toEqual([customer]);
    expect(mail.subject).toBe(`[#${ticket.number}] Where is my parcel?`);
    expect(mail.text?.trim()).toBe('Your parcel left our warehouse today.\nThe invoice is attached.');
    const thread = `<ticket-${rawId(ticket.id)}@deskgraph>`;
    expect(mail.inReplyTo).toBe(thread);
    expect(mail.references).toBe(thread);
    expect(mail.messageId).toMatch(/^<reply-[0-9a-f-]{36}@deskgraph>$/);
    expect(mail.attachments.map((file) => [file.filename, file.contentType])).toEqual([['invoice.pdf', 'application/pdf']]);
    expect(Buffer.from(mail.attachments[0].content).equals(PDF)).toBe(true);
  });

  it('every reply on a ticket joins the same thread with a Message-ID of its own', async () => {
    const customer = uniqueEmail('customer');
    const ticket = await newTicket(acme, customer);
    await reply(ticket.id, 'First answer.');
    await reply(ticket.id, 'Second answer.');
    const received = await until('both replies', () => (mailsTo(customer).length >= 2 ? mailsTo(customer) : null));
    const thread = `<ticket-${rawId(ticket.id)}@deskgraph>`;
    expect(received.map((entry) => entry.mail.inReplyTo)).toEqual([thread, thread]);
    expect(new Set(received.map((entry) => entry.mail.messageId)).size).toBe(2);
  });

  it('a workspace without its own address sends from the server sender', async () => {
    const other = await t.signUp('Beta Desk');
    const customer = uniqueEmail('customer');
    const ticket = await newTicket(other, customer, 'Refund');
    await reply(ticket.id, 'Your refund is on its way.', other.token);
    const [{ mail }] = await until('the reply e-mail', () => (mailsTo(customer).length ? mailsTo(customer) : null));
    expect(mail.from?.value).toEqual([{ name: 'Beta Desk', address: SERVER_SENDER }]);
  });

  it('a private note, even with a file, never reaches the customer', async () => {
    const customer = uniqueEmail('customer');
    const ticket = await newTicket(acme, customer);
    const note = await replyWithFile(ticket.id, 'Customer sounds upset; refund approved internally.', { name: 'approval.pdf', bytes: PDF }, 'addPrivateNote');
    expect(note.errors).toBeUndefined();
    // A later reply arriving proves the sender ran after the note.
    await reply(ticket.id, 'We are on it.');
    await until('the public reply', () => mailsTo(customer).length > 0);
    await settle(300);
    const received = mailsTo(customer);
    expect(received).toHaveLength(1);
    expect(received[0].mail.text).not.toContain('refund approved internally');
    expect(received[0].mail.attachments).toEqual([]);
  });
});

describe('the support address', () => {
  it('only admins may change it', async () => {
    const email = uniqueEmail('agent');
    await t.gql(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email, name: 'Ali Agent', role: 'AGENT', password: PASSWORD } }, acme.token);
    const login = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD });
    const result = await t.gql(`mutation { updateWorkspaceEmail(input: { supportEmail: "me@evil.example" }) { id } }`, {}, login.data!.login.token);
    expect(errorCode(result)).toBe('FORBIDDEN');
  });

  it('must be an e-mail address', async () => {
    const result = await t.gql(`mutation { updateWorkspaceEmail(input: { supportEmail: "support at acme" }) { id } }`, {}, acme.token);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.supportEmail' });
  });
});

describe('when sending fails', () => {
  it('keeps the reply in the outbox while the mail server is down, and delivers it once when it is back', async () => {
    const customer = uniqueEmail('customer');
    const ticket = await newTicket(acme, customer);
    const port = sink.port;
    const received = sink.received;
    await sink.close();
    try {
      const sent = await reply(ticket.id, 'Sent while the mail server was down.');
      expect(sent.errors).toBeUndefined();
      const outbox = t.app.services.db.prisma.outboundEmail;
      const waiting = await until('a failed attempt', async () => {
        const row = await outbox.findFirst({ where: { ticketId: rawId(ticket.id) } });
        return row && row.attempts >= 1 && row.lastError ? row : null;
      });
      expect(waiting.status).toBe('PENDING');
      expect(waiting.sentAt).toBeNull();
    } finally {
      sink = await startSink(port);
      sink.received.push(...received);
    }
    await until('the delayed reply', () => mailsTo(customer).length > 0, 15_000);
    await settle(500);
    expect(mailsTo(customer)).toHaveLength(1);
    const row = await t.app.services.db.prisma.outboundEmail.findFirstOrThrow({ where: { ticketId: rawId(ticket.id) } });
    expect(row).toMatchObject({ status: 'SENT', lastError: null });
    expect(row.sentAt).not.toBeNull();
  });

  it('sends each reply once when several senders race for the same outbox', async () => {
    // The app's own sender pauses so that the replies pile up; then three senders, as three server instances would
    // run them, start on the same rows at the same moment, one row per claim so their claims interleave.
    await t.app.mail.stop();
    const customer = uniqueEmail('customer');
    const ticket = await newTicket(acme, customer);
    const replies = await Promise.all(Array.from({ length: 12 }, (_, index) => reply(ticket.id, `Update ${index + 1}`)));
    expect(replies.every((result) => !result.errors)).toBe(true);
    const senders = [1, 2, 3].map(() => createMailWorker({ prisma: t.app.services.db.prisma, config: t.app.services.config, batchSize: 1 }));
    try {
      await Promise.all(senders.map((sender) => sender.drain()));
      await until('all replies', () => mailsTo(customer).length >= 12);
      await settle(300);
      const bodies = mailsTo(customer).map((entry) => entry.mail.text?.trim());
      expect(bodies.sort()).toEqual(Array.from({ length: 12 }, (_, index) => `Update ${index + 1}`).sort());
      expect(await t.app.services.db.prisma.outboundEmail.count({ where: { ticketId: rawId(ticket.id), status: 'SENT', attempts: 1 } })).toBe(12);
    } finally {
      await Promise.all(senders.map((sender) => sender.stop()));
    }
  });
});
