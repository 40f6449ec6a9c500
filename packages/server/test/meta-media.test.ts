// Customers' media on WhatsApp, Messenger and Instagram: an image, a voice note or a document sent in a chat is
// fetched from the provider (a fake Graph API on loopback) into deskgraph's attachment storage, and agents open it
// from the message with their token. Provider trouble is retried; expired URLs, unknown media and files over the size
// limit fail for good without losing the message; a replayed webhook fetches nothing twice.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server.js';
import { chatApi } from './chat-setup.js';
import { type FakeMetaProvider, startFakeMetaProvider } from './fake-meta-provider.js';
import { rawId, startTestApp, type TestApp, type Workspace } from './harness.js';
import { subscribe, untilLive } from './ws-client.js';

const APP_SECRET = 'meta-media-secret-91ab';
const MAX_BYTES = 200 * 1024;
const SETTINGS = {
  WHATSAPP: { verifyToken: 'v', appSecret: APP_SECRET, phoneNumberId: '106540352242922', accessToken: 'EAAG-media-wa' },
  FACEBOOK: { verifyToken: 'v', appSecret: APP_SECRET, pageId: '104892735621234', accessToken: 'EAAG-media-fb' },
} as const;

// A 1×1 PNG, and the start of a PDF (enough for detection by content).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
// The first page of an Ogg Opus stream (a WhatsApp voice note starts like this).
const OPUS = Buffer.from('T2dnUwACAAAAAAAAAAAAAAAAAAAAAAAAAAABE09wdXNIZWFkAQE4AYC7AAAAAAA=', 'base64');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const newId = () => String(10n ** 15n + BigInt(`0x${randomBytes(6).toString('hex')}`));

let t: TestApp;
let provider: FakeMetaProvider;

beforeAll(async () => {
  provider = await startFakeMetaProvider();
  t = await startTestApp({
    META_GRAPH_API_URL: provider.url,
    OUTBOX_RETRY_BASE_MS: '1',
    OUTBOX_MAX_ATTEMPTS: '4',
    OUTBOX_TIMEOUT_MS: '3000',
    ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
  });
});
afterAll(async () => {
  await t?.stop();
  await provider?.close();
});

async function setup(channel: 'WHATSAPP' | 'FACEBOOK') {
  const workspace = await t.signUp();
  const api = chatApi(t.gql, workspace);
  const productId = await api.product(`Shop ${channel}`);
  const configured = await api.call(`mutation($i: ConfigureProductChannelInput!) { configureProductChannel(input: $i) { id } }`, {
    i: { productId, channel, enabled: true, settings: SETTINGS[channel] },
  });
  return { workspace, api, channelId: rawId(configured.configureProductChannel.id) };
}

async function post(channelId: string, payload: unknown) {
  const body = JSON.stringify(payload);
  const response = await t.app.yoga.fetch(`http://deskgraph.test/webhooks/meta/${channelId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}` },
    body,
  });
  expect(response.status).toBe(200);
  await t.app.webhooks.settled();
}

function whatsappMedia(wamid: string, type: string, media: Record<string, unknown>, from = '905321234567') {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: SETTINGS.WHATSAPP.phoneNumberId },
              contacts: [{ profile: { name: 'Zeynep Kaya' }, wa_id: from }],
              messages: [{ from, id: wamid, timestamp: String(Math.floor(Date.now() / 1000)), type, [type]: media }],
            },
          },
        ],
      },
    ],
  };
}

function messengerAttachments(mid: string, attachments: { type: string; url: string }[]) {
  return {
    object: 'page',
    entry: [
      {
        id: SETTINGS.FACEBOOK.pageId,
        time: Date.now(),
        messaging: [
          {
            sender: { id: '6512345678901234' },
            recipient: { id: SETTINGS.FACEBOOK.pageId },
            timestamp: Date.now(),
            message: { mid, attachments: attachments.map((a) => ({ type: a.type, payload: { url: a.url } })) },
          },
        ],
      },
    ],
  };
}

const prisma = () => t.app.services.db.prisma;

/** Runs the worker until this message's fetches are no longer PENDING (other files' rows may share the database). */
async function fetchAll(messageId: string) {
  for (let round = 0; round < 50; round++) {
    await t.app.mediaFetch.drain();
    const pending = await prisma().inboundMediaFetch.count({ where: { conversationMessageId: messageId, status: 'PENDING' } });
    if (pending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('media fetches stayed PENDING');
}

async function messageByExternalId(workspace: Workspace, externalId: string) {
  return prisma().conversationMessage.findFirstOrThrow({ where: { workspaceId: rawId(workspace.workspaceId), externalId } });
}

const MESSAGE_FILES = `query($id: ID!) { node(id: $id) { ... on ConversationMessage { id kind body metadata
  files { id fileName contentType size sha256 url } } } }`;

async function filesOf(api: ReturnType<typeof chatApi>, messageId: string) {
  const data = await api.call(MESSAGE_FILES, { id: Buffer.from(`ConversationMessage:${messageId}`).toString('base64') });
  return data.node as { id: string; body: string; files: { id: string; fileName: string; contentType: string; size: number; sha256: string; url: string }[] };
}

async function download(path: string, token: string) {
  return t.app.yoga.fetch(`http://deskgraph.test${path}`, { headers: { authorization: `Bearer ${token}` } });
}

describe('customer media on WhatsApp', () => {
  it('an image is fetched with the channel token into storage; the agent downloads it, another workspace gets 404', async () => {
    const s = await setup('WHATSAPP');
    const mediaId = newId();
    provider.addMedia(mediaId, PNG, { mimeType: 'image/jpeg' });
    await post(s.channelId, whatsappMedia(`wamid.IMG.${mediaId}`, 'image', { caption: 'The box arrived broken', mime_type: 'image/jpeg', sha256: 'x', id: mediaId }));
    const message = await messageByExternalId(s.workspace, `wamid.IMG.${mediaId}`);
    expect((await filesOf(s.api, message.id)).files).toEqual([]);

    await fetchAll(message.id);
    const lookup = provider.received.find((r) => r.method === 'GET' && r.path === `/v21.0/${mediaId}`);
    expect(lookup?.authorization).toBe(`Bearer ${SETTINGS.WHATSAPP.accessToken}`);
    expect(provider.downloadsOf(mediaId).map((r) => r.authorization)).toEqual([`Bearer ${SETTINGS.WHATSAPP.accessToken}`]);

    const node = await filesOf(s.api, message.id);
    expect(node.body).toBe('The box arrived broken');
    // The type comes from the bytes (a PNG), not from what the webhook claimed (image/jpeg).
    expect(node.files).toEqual([
      expect.objectContaining({ fileName: `image-${mediaId}.png`, contentType: 'image/png', size: PNG.length, sha256: sha256(PNG) }),
    ]);
    const [file] = node.files;
    expect(file.url).toBe(`/attachments/${rawId(file.id)}`);

    const response = await download(file.url, s.workspace.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG);
    const stranger = await t.signUp();
    expect((await download(file.url, stranger.token)).status).toBe(404);

    const fetchRow = await prisma().inboundMediaFetch.findFirstOrThrow({ where: { conversationMessageId: message.id } });
    expect(fetchRow).toMatchObject({ status: 'DONE', attempts: 1, lastError: null, productChannelId: s.channelId });
    // Screens showing the conversation hear about the file.
    const events = await prisma().event.findMany({ where: { workspaceId: rawId(s.workspace.workspaceId), type: 'conversation.message.files' } });
    expect(events.map((event) => (event.payload as { messageId: string }).messageId)).toEqual([message.id]);
  });

  it('a chat screen following the conversation hears MESSAGE_FILES and reads the file from it', async () => {
    const s = await setup('WHATSAPP');
    const mediaId = newId();
    provider.addMedia(mediaId, PNG, { mimeType: 'image/png' });
    await post(s.channelId, whatsappMedia(`wamid.LIVE.${mediaId}`, 'image', { mime_type: 'image/png', id: mediaId }));
    const message = await messageByExternalId(s.workspace, `wamid.LIVE.${mediaId}`);
    const conversationId = Buffer.from(`Conversation:${message.conversationId}`).toString('base64');
    const server = await startServer(t.app, { port: 0, host: '127.0.0.1' });
    const feed = subscribe<any>(server.url, s.workspace.token, `subscription($c: ID) { conversationEvents(conversationId: $c) {
      type message { id files { contentType size url } } } }`, { c: conversationId });
    try {
      await untilLive(feed, () =>
        s.api.call(`mutation($i: AddCustomerConversationMessageInput!) { addCustomerConversationMessage(input: $i) { id } }`, {
          i: { conversationId, body: 'ping' },
        }),
      );
      await fetchAll(message.id);
      const event = (await feed.next()).conversationEvents;
      expect(event).toMatchObject({ type: 'MESSAGE_FILES', message: { files: [{ contentType: 'image/png', size: PNG.length }] } });
      expect(rawId(event.message.id)).toBe(message.id);
    } finally {
      await feed.dispose();
      await server.close();
    }
  });

  it('a document keeps its file name; a provider 500 is retried and the file fetched once', async () => {
    const s = await setup('WHATSAPP');
    const mediaId = newId();
    provider.addMedia(mediaId, PDF, { mimeType: 'application/pdf' });
    provider.scriptMedia(mediaId, [{ status: 500, code: 2, message: 'Service temporarily unavailable' }]);
    await post(s.channelId, whatsappMedia(`wamid.DOC.${mediaId}`, 'document', { filename: 'invoice-1042.pdf', mime_type: 'application/pdf', id: mediaId }));
    const message = await messageByExternalId(s.workspace, `wamid.DOC.${mediaId}`);
    await fetchAll(message.id);

    const lookups = provider.received.filter((r) => r.path === `/v21.0/${mediaId}`).map((r) => r.answeredStatus);
    expect(lookups).toEqual([500, 200]);
    expect(provider.downloadsOf(mediaId)).toHaveLength(1);
    const fetchRow = await prisma().inboundMediaFetch.findFirstOrThrow({ where: { conversationMessageId: message.id } });
    expect(fetchRow).toMatchObject({ status: 'DONE', attempts: 2 });
    const { files } = await filesOf(s.api, message.id);
    expect(files).toEqual([expect.objectContaining({ fileName: 'invoice-1042.pdf', contentType: 'application/pdf', size: PDF.length, sha256: sha256(PDF) })]);
  });

  it('a voice note is stored as Ogg Opus audio, which uploads do not accept', async () => {
    const s = await setup('WHATSAPP');
    const mediaId = newId();
    provider.addMedia(mediaId, OPUS, { mimeType: 'audio/ogg' });
    await post(s.channelId, whatsappMedia(`wamid.VOICE.${mediaId}`, 'audio', { mime_type: 'audio/ogg; codecs=opus', id: mediaId, voice: true }));
    const message = await messageByExternalId(s.workspace, `wamid.VOICE.${mediaId}`);
    await fetchAll(message.id);
    const { files } = await filesOf(s.api, message.id);
    expect(files).toEqual([expect.objectContaining({ fileName: `audio-${mediaId}.ogg`, contentType: 'audio/ogg; codecs=opus', size: OPUS.length })]);
    const response = await download(files[0].url, s.workspace.token);
    expect(response.headers.get('content-type')).toBe('audio/ogg; codecs=opus');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(OPUS);
  });

  it('an unknown media id fails with the provider error; the message stays', async () => {
    const s = await setup('WHATSAPP');
    const mediaId = newId(); // never added to the provider
    await post(s.channelId, whatsappMedia(`wamid.GONE.${mediaId}`, 'audio', { mime_type: 'audio/ogg; codecs=opus', id: mediaId, voice: true }));
    const message = await messageByExternalId(s.workspace, `wamid.GONE.${mediaId}`);
    await fetchAll(message.id);
    const fetchRow = await prisma().inboundMediaFetch.findFirstOrThrow({ where: { conversationMessageId: message.id } });
    expect(fetchRow).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(fetchRow.lastError).toMatch(/^100: Unsupported get request/);
    expect(await filesOf(s.api, message.id)).toMatchObject({ body: '[audio]', files: [] });
  });

  it('a file over the size limit is refused while it streams in, and nothing is stored', async () => {
    const s = await setup('WHATSAPP');
    const mediaId = newId();
    // No Content-Length and no file_size: only counting the bytes finds out.
    const big = Buffer.concat([PNG, randomBytes(MAX_BYTES + 1)]);
    provider.addMedia(mediaId, big, { mimeType: 'video/mp4', undeclaredSize: true });
    const before = await prisma().attachment.count({ where: { workspaceId: rawId(s.workspace.workspaceId) } });
    await post(s.channelId, whatsappMedia(`wamid.BIG.${mediaId}`, 'video', { mime_type: 'video/mp4', id: mediaId }));
    const message = await messageByExternalId(s.workspace, `wamid.BIG.${mediaId}`);
    await fetchAll(message.id);
    const fetchRow = await prisma().inboundMediaFetch.findFirstOrThrow({ where: { conversationMessageId: message.id } });
    expect(fetchRow).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(fetchRow.lastError).toBe('the file is larger than 0.2 MB, the limit for one attachment');
    expect(await prisma().attachment.count({ where: { workspaceId: rawId(s.workspace.workspaceId) } })).toBe(before);
    expect((await filesOf(s.api, message.id)).files).toEqual([]);
  });

  it('a replayed webhook does not fetch the media twice', async () => {
    const s = await setup('WHATSAPP');
    const mediaId = newId();
    provider.addMedia(mediaId, PNG, { mimeType: 'image/png' });
    const payload = whatsappMedia(`wamid.TWICE.${mediaId}`, 'image', { mime_type: 'image/png', id: mediaId });
    await post(s.channelId, payload);
    const message = await messageByExternalId(s.workspace, `wamid.TWICE.${mediaId}`);
    await fetchAll(message.id);
    await post(s.channelId, payload);
    await fetchAll(message.id);
    expect(await prisma().inboundMediaFetch.count({ where: { conversationMessageId: message.id } })).toBe(1);
    expect(provider.downloadsOf(mediaId)).toHaveLength(1);
    expect((await filesOf(s.api, message.id)).files).toHaveLength(1);
  });
});

describe('customer media on Messenger', () => {
  it('attachment URLs are downloaded as they are; an expired one (404) fails with the error', async () => {
    const s = await setup('FACEBOOK');
    const photo = newId();
    const receipt = newId();
    const expired = newId();
    provider.addMedia(photo, PNG, { mimeType: 'image/png' });
    provider.addMedia(receipt, PDF, { mimeType: 'application/pdf' });
    provider.addMedia(expired, PNG, { mimeType: 'image/png' });
    provider.scriptMedia(expired, [{ status: 404, code: 404, message: 'URL signature expired' }]);
    await post(
      s.channelId,
      messengerAttachments(`m_MEDIA_${photo}`, [
        { type: 'image', url: provider.mediaUrl(photo) },
        { type: 'file', url: provider.mediaUrl(receipt) },
        { type: 'image', url: provider.mediaUrl(expired) },
      ]),
    );
    const message = await messageByExternalId(s.workspace, `m_MEDIA_${photo}`);
    await fetchAll(message.id);

    // CDN URLs carry their own signature: no token is sent with them.
    expect(provider.downloadsOf(photo).map((r) => r.authorization)).toEqual([undefined]);
    const { files } = await filesOf(s.api, message.id);
    expect(files.map((f) => [f.contentType, f.size, f.sha256]).sort()).toEqual(
      [
        ['application/pdf', PDF.length, sha256(PDF)],
        ['image/png', PNG.length, sha256(PNG)],
      ].sort(),
    );
    expect(files.map((f) => f.fileName).sort()).toEqual([expect.stringMatching(/^file-[0-9a-f]{8}\.pdf$/), expect.stringMatching(/^image-[0-9a-f]{8}\.png$/)]);
    const rows = await prisma().inboundMediaFetch.findMany({ where: { conversationMessageId: message.id } });
    const failed = rows.filter((row) => row.status === 'FAILED');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ attempts: 1, lastError: '404: URL signature expired', media: { url: expect.stringContaining(`/media-bytes/${expired}?`) } });
    expect(await prisma().conversationMessage.count({ where: { id: message.id } })).toBe(1);
  });
});
