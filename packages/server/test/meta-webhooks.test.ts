// Customers writing on WhatsApp, Messenger and Instagram: Meta's signed webhooks (fixtures in Meta's documented
// shapes) become conversation messages and delivery statuses; bad signatures, oversized bodies, retries and unknown
// payloads are refused or ignored without losing anything; admins inspect and replay deliveries.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryProcessorOf, registerDeliveryProcessor } from '../src/webhooks/deliveries.js';
import { chatApi, expectError } from './chat-setup.js';
import { rawId, startTestApp, type TestApp, testDatabaseUrl, type Workspace } from './harness.js';

const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'meta');
const fixture = (name: string) => readFileSync(path.join(fixtureDir, name));

const APP_SECRET = 'meta-app-secret-4f1c';
const VERIFY_TOKEN = 'verify-me-7d2a';
const SETTINGS = {
  WHATSAPP: { verifyToken: VERIFY_TOKEN, appSecret: APP_SECRET, phoneNumberId: '106540352242922', accessToken: 'EAAG-test' },
  FACEBOOK: { verifyToken: VERIFY_TOKEN, appSecret: APP_SECRET, pageId: '104892735621234', accessToken: 'EAAG-test' },
  INSTAGRAM: { verifyToken: VERIFY_TOKEN, appSecret: APP_SECRET, instagramAccountId: '17841405822304914', accessToken: 'EAAG-test' },
} as const;
type MetaChannel = keyof typeof SETTINGS;

const sign = (body: Buffer | string, secret = APP_SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ WEBHOOK_RETRY_BASE_MS: '1' });
});
afterAll(async () => {
  await t?.stop();
});

interface Setup {
  workspace: Workspace;
  api: ReturnType<typeof chatApi>;
  productId: string;
  channelId: string;
}

async function setup(channel: MetaChannel = 'WHATSAPP'): Promise<Setup> {
  const workspace = await t.signUp();
  const api = chatApi(t.gql, workspace);
  const productId = await api.product(`Shop ${channel}`);
  const configured = await api.call(
    `mutation($i: ConfigureProductChannelInput!) { configureProductChannel(input: $i) { id } }`,
    { i: { productId, channel, enabled: true, settings: SETTINGS[channel] } },
  );
  return { workspace, api, productId, channelId: rawId(configured.configureProductChannel.id) };
}

async function post(channelId: string, body: Buffer | string, signature: string | null = sign(body)) {
  const response = await t.app.yoga.fetch(`http://deskgraph.test/webhooks/meta/${channelId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'facebookexternalua', ...(signature ? { 'x-hub-signature-256': signature } : {}) },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  await t.app.webhooks.settled();
  return response;
}

const DELIVERIES = `query($source: WebhookSource, $status: WebhookDeliveryStatus) {
  webhookDeliveries(source: $source, status: $status, first: 50) {
    edges { node { id source status signatureValid outcome attempts processedAt headers body bodyBytes productChannel { channel } } }
  }
}`;

async function deliveries(s: Setup, variables: Record<string, unknown> = {}) {
  return (await s.api.call(DELIVERIES, variables)).webhookDeliveries.edges.map((edge: any) => edge.node) as any[];
}

const CONVERSATIONS = `query($channels: [Channel!]) {
  conversations(filter: { channels: $channels }, first: 3) {
    edges { node { id status channel
      customer { name whatsappNumber facebookId instagramId }
      messages(first: 12) { edges { node { id kind authorKind body externalId metadata attachments { url contentType }
        deliveryStatus deliveryError deletedAt } } } } }
  }
}`;

async function conversations(s: Setup, channels: string[]) {
  const data = await s.api.call(CONVERSATIONS, { channels });
  return data.conversations.edges.map((edge: any) => ({
    ...edge.node,
    messages: edge.node.messages.edges.map((m: any) => m.node).filter((m: any) => m.authorKind !== 'SYSTEM'),
  })) as any[];
}

/** An agent reply the provider accepted earlier (the outbox's part): an AGENT message carrying the provider's id. */
async function outboundMessage(conversationId: string, externalId: string, createdAt = new Date()) {
  const conversation = await t.app.services.db.prisma.conversation.findUniqueOrThrow({ where: { id: rawId(conversationId) } });
  return t.app.services.db.prisma.conversationMessage.create({
    data: {
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      kind: 'TEXT',
      authorKind: 'AGENT',
      author: 'system',
      body: 'Your order left the warehouse.',
      externalId,
      deliveryStatus: 'SENT',
      deliveryUpdatedAt: createdAt,
      createdAt,
    },
  });
}

describe('Meta webhook handshake', () => {
  it('echoes hub.challenge for the right verify token and refuses anything else', async () => {
    const s = await setup();
    const handshake = (query: string, id = s.channelId) => t.app.yoga.fetch(`http://deskgraph.test/webhooks/meta/${id}?${query}`);
    const ok = await handshake(`hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await ok.text()).toBe('1158201444');
    expect((await handshake('hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1')).status).toBe(403);
    expect((await handshake(`hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`)).status).toBe(403);
    expect((await handshake('hub.mode=subscribe&hub.challenge=1')).status).toBe(403);
    expect((await handshake('hub.mode=subscribe', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await handshake('hub.mode=subscribe', 'not-a-uuid')).status).toBe(404);
  });
});

describe('WhatsApp messages', () => {
  it('a text message starts a conversation with the customer found by number; a retried delivery writes nothing twice', async () => {
    const s = await setup();
    const body = fixture('whatsapp-text.json');
    const response = await post(s.channelId, body);
    expect(response.status).toBe(200);
    const again = await post(s.channelId, body);
    expect(again.status).toBe(200);

    const [conversation, ...others] = await conversations(s, ['WHATSAPP']);
    expect(others).toHaveLength(0);
    expect(conversation.status).toBe('QUEUED');
    expect(conversation.customer).toMatchObject({ name: 'Zeynep Kaya', whatsappNumber: '+905321234567' });
    expect(conversation.messages).toHaveLength(1);
    expect(conversation.messages[0]).toMatchObject({
      kind: 'TEXT',
      authorKind: 'CUSTOMER',
      body: 'Merhaba, siparişim nerede?',
      externalId: 'wamid.HBgMOTA1MzIxMjM0NTY3FQIAEhggQTE0RDU2RTg5QzQyNTRFQzk4QjNBRTY0QjY2NjQzN0EA',
    });
    // Epoch seconds (a string in WhatsApp's payload) normalised to an instant.
    expect(conversation.messages[0].metadata.sentAt).toBe('2025-11-30T10:00:00.000Z');

    const list = await deliveries(s, { source: 'WHATSAPP' });
    expect(list.map((d) => d.status).sort()).toEqual(['IGNORED', 'PROCESSED']);
    expect(list.find((d) => d.status === 'IGNORED').outcome).toMatch(/1 duplicate skipped/);
    expect(list[0]).toMatchObject({ signatureValid: true, attempts: 1, bodyBytes: body.byteLength, productChannel: { channel: 'WHATSAPP' } });
    expect(list[0].headers['x-hub-signature-256']).toBe(sign(body));
    expect(JSON.parse(list[0].body).object).toBe('whatsapp_business_account');
  });

  it('a further message joins the open conversation; media become attachment messages with their media ids', async () => {
    const s = await setup();
    await post(s.channelId, fixture('whatsapp-text.json'));
    expect((await post(s.channelId, fixture('whatsapp-media.json'))).status).toBe(200);
    const [conversation, ...others] = await conversations(s, ['WHATSAPP']);
    expect(others).toHaveLength(0);
    const byId = Object.fromEntries(conversation.messages.map((m: any) => [m.externalId, m]));
    expect(conversation.messages).toHaveLength(6);
    for (const type of ['image', 'audio', 'video', 'document', 'sticker']) {
      expect(byId[`wamid.MEDIA.${type}`].kind, type).toBe('ATTACHMENT');
      expect(byId[`wamid.MEDIA.${type}`].metadata.media.type).toBe(type);
    }
    expect(byId['wamid.MEDIA.image']).toMatchObject({ body: 'The box arrived broken', metadata: { media: { id: '1482941605823127', mimeType: 'image/jpeg' } } });
    expect(byId['wamid.MEDIA.audio'].body).toBe('[audio]');
    expect(byId['wamid.MEDIA.document']).toMatchObject({ body: 'Invoice', metadata: { media: { fileName: 'invoice-1042.pdf', mimeType: 'application/pdf' } } });
    expect(byId['wamid.MEDIA.sticker']).toMatchObject({ body: '[sticker]', metadata: { sticker: { id: '334455667788990', animated: false } } });
  });

  it('quick messages of a new customer, delivered side by side, make one customer and one conversation', async () => {
    const s = await setup();
    const template = fixture('whatsapp-text.json').toString();
    const bodies = Array.from({ length: 6 }, (_, i) => template.replace('wamid.HBgMOTA1', `wamid.QUICK${i}`).replace('siparişim nerede?', `mesaj ${i}`));
    const responses = await Promise.all(
      bodies.map((body) =>
        t.app.yoga.fetch(`http://deskgraph.test/webhooks/meta/${s.channelId}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) },
          body,
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(bodies.map(() => 200));
    await t.app.webhooks.settled();
    const list = await conversations(s, ['WHATSAPP']);
    expect(list).toHaveLength(1);
    expect(list[0].messages.map((m: any) => m.body).sort()).toEqual(bodies.map((_, i) => `Merhaba, mesaj ${i}`));
    expect(await t.app.services.db.prisma.customer.count({ where: { workspaceId: rawId(s.workspace.workspaceId) } })).toBe(1);
  });

  it('location, reaction and unsupported messages read as words with their details in metadata', async () => {
    const s = await setup();
    await post(s.channelId, fixture('whatsapp-location-reaction.json'));
    const [conversation] = await conversations(s, ['WHATSAPP']);
    const byId = Object.fromEntries(conversation.messages.map((m: any) => [m.externalId, m]));
    expect(byId['wamid.LOC.1']).toMatchObject({
      kind: 'TEXT',
      body: '📍 Sultanahmet, Sultanahmet, Fatih/İstanbul (41.0082, 28.9784)',
      metadata: { location: { latitude: 41.0082, longitude: 28.9784, name: 'Sultanahmet' } },
    });
    expect(byId['wamid.REACT.1']).toMatchObject({ body: 'Reacted 👍 to a message', metadata: { reaction: { emoji: '👍', messageExternalId: 'wamid.OUT.1' } } });
    expect(byId['wamid.UNSUPPORTED.1'].metadata.unsupported[0].code).toBe(131051);
  });

  it('statuses move a reply forward (failed with the provider code), never back', async () => {
    const s = await setup();
    await post(s.channelId, fixture('whatsapp-text.json'));
    const [conversation] = await conversations(s, ['WHATSAPP']);
    const first = await outboundMessage(conversation.id, 'wamid.OUT.1');
    const second = await outboundMessage(conversation.id, 'wamid.OUT.2');

    expect((await post(s.channelId, fixture('whatsapp-statuses.json'))).status).toBe(200);
    const statusOf = async (id: string) =>
      (await s.api.call(`query($id: ID!) { node(id: $id) { ... on ConversationMessage { deliveryStatus deliveryError deliveryUpdatedAt } } }`, {
        id: Buffer.from(`ConversationMessage:${id}`).toString('base64'),
      })).node;
    expect(await statusOf(first.id)).toMatchObject({ deliveryStatus: 'READ', deliveryError: null, deliveryUpdatedAt: new Date(1764497060_000).toISOString() });
    const failed = await statusOf(second.id);
    expect(failed.deliveryStatus).toBe('FAILED');
    expect(failed.deliveryError).toMatch(/^131047: Re-engagement message/);

    // "delivered" arriving after "read" changes nothing.
    await post(s.channelId, fixture('whatsapp-status-delivered-late.json'));
    expect((await statusOf(first.id)).deliveryStatus).toBe('READ');
    const late = (await deliveries(s))[0];
    expect(late).toMatchObject({ status: 'IGNORED' });
    expect(late.outcome).toMatch(/1 older status skipped/);
  });

  it('a status that overtakes the reply’s provider id is applied on a later try; one for a message never known is ignored after 3', async () => {
    const s = await setup();
    await post(s.channelId, fixture('whatsapp-text.json'));
    const [conversation] = await conversations(s, ['WHATSAPP']);
    await post(s.channelId, fixture('whatsapp-statuses.json'));
    const [waiting] = await deliveries(s);
    expect(waiting).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(waiting.outcome).toMatch(/^waiting for the messages wamid.OUT.1, wamid.OUT.2 to be known/);

    // The outbox stores the provider ids; the sweeper's next try applies the statuses.
    const first = await outboundMessage(conversation.id, 'wamid.OUT.1');
    const second = await outboundMessage(conversation.id, 'wamid.OUT.2');
    await t.app.webhooks.sweepOnce({ workspaceId: rawId(s.workspace.workspaceId) });
    const applied = (await deliveries(s)).find((d) => d.id === waiting.id);
    expect(applied.status).toBe('PROCESSED');
    const rows = await t.app.services.db.prisma.conversationMessage.findMany({ where: { id: { in: [first.id, second.id] } }, orderBy: { externalId: 'asc' } });
    expect(rows.map((row) => row.deliveryStatus)).toEqual(['READ', 'FAILED']);

    const stranger = fixture('whatsapp-status-delivered-late.json').toString().replace('wamid.OUT.1', 'wamid.SENT.FROM.PHONE');
    await post(s.channelId, stranger);
    // Retries back off (WEBHOOK_RETRY_BASE_MS=1: 1, 2, 4 ms after the last try); back-to-back sweeps on a fast machine
    // could come before the next try is due, so each waits a little first.
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      await t.app.webhooks.sweepOnce({ workspaceId: rawId(s.workspace.workspaceId) });
    }
    const [ignored] = await deliveries(s);
    expect(ignored).toMatchObject({ status: 'IGNORED', attempts: 3 });
    expect(ignored.outcome).toMatch(/for unknown messages: wamid.SENT.FROM.PHONE/);
  });

  it('unknown fields and message types are stored and ignored, never a crash', async () => {
    const s = await setup();
    const response = await post(s.channelId, fixture('whatsapp-unknown.json'));
    expect(response.status).toBe(200);
    const [delivery] = await deliveries(s);
    expect(delivery.status).toBe('IGNORED');
    expect(delivery.outcome).toMatch(/message type order/);
    expect(delivery.outcome).toMatch(/field message_template_status_update/);
    expect(await conversations(s, ['WHATSAPP'])).toHaveLength(0);

    // Not even JSON, or JSON of another shape: stored, ignored.
    for (const body of ['{"object": "whatsapp_business_account", "entry": [{"changes": [{"field": "messages", "value": {"messages": [42, {"id": 1}]}}]}]}', '[1,2,3]', 'not json']) {
      expect((await post(s.channelId, body)).status).toBe(200);
    }
    const all = await deliveries(s);
    expect(all).toHaveLength(4);
    expect(all.every((d) => d.status === 'IGNORED')).toBe(true);
  });
});

describe('refused deliveries', () => {
  it('a wrong or missing signature, or a body changed after signing → 401, stored REJECTED, nothing else written', async () => {
    const s = await setup();
    const body = fixture('whatsapp-text.json');
    const tampered = Buffer.from(body.toString('utf8').replace('siparişim nerede', 'siparişim iptal'));
    const cases: [Buffer, string | null][] = [
      [body, sign(body, 'another-secret')],
      [body, null],
      [tampered, sign(body)],
      [body, 'sha256=zz'],
      [body, `sha1=${'0'.repeat(40)}`],
    ];
    for (const [payload, signature] of cases) {
      const response = await post(s.channelId, payload, signature);
      expect(response.status).toBe(401);
      expect((await response.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const list = await deliveries(s);
    expect(list).toHaveLength(cases.length);
    expect(list.every((d) => d.status === 'REJECTED' && d.signatureValid === false && d.attempts === 0)).toBe(true);
    expect(await conversations(s, ['WHATSAPP'])).toHaveLength(0);
    const keys = await t.app.services.db.prisma.inboundMessageKey.count({ where: { workspaceId: rawId(s.workspace.workspaceId) } });
    expect(keys).toBe(0);
    const customers = await t.app.services.db.prisma.customer.count({ where: { workspaceId: rawId(s.workspace.workspaceId) } });
    expect(customers).toBe(0);

    // A rejected delivery is never processed, not even by a replay.
    expectError(await s.api.raw(`mutation($i: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $i) { status } }`, { i: { id: list[0].id } }), 'CONFLICT', 'input.id');
    await t.app.webhooks.sweepOnce({ workspaceId: rawId(s.workspace.workspaceId) });
    expect((await deliveries(s)).every((d) => d.status === 'REJECTED')).toBe(true);
  });

  it('of a large refused body only the first 64 KB are kept', async () => {
    const s = await setup();
    const body = JSON.stringify({ object: 'whatsapp_business_account', padding: 'x'.repeat(300_000) });
    expect((await post(s.channelId, body, sign(body, 'guessed-secret'))).status).toBe(401);
    const [rejected] = await deliveries(s);
    expect(rejected).toMatchObject({ status: 'REJECTED', bodyBytes: 64 * 1024 });
    expect(rejected.headers['x-deskgraph-truncated-from-bytes']).toBe(String(Buffer.byteLength(body)));
  });

  it('a 10 MB body → 413 without storing it, declared or streamed', async () => {
    const s = await setup();
    const big = Buffer.alloc(10 * 1024 * 1024, 0x20);
    const declared = await t.app.yoga.fetch(`http://deskgraph.test/webhooks/meta/${s.channelId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(big.byteLength), 'x-hub-signature-256': sign(big) },
      body: new Uint8Array(big),
    });
    expect(declared.status).toBe(413);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= big.byteLength) return controller.close();
        const chunk = big.subarray(sent, sent + 64 * 1024);
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const streamed = await t.app.yoga.fetch(`http://deskgraph.test/webhooks/meta/${s.channelId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(big) },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    // Reading stopped at the limit: most of the 10 MB was never pulled.
    expect(sent).toBeLessThan(4 * 1024 * 1024);
    expect(await deliveries(s)).toHaveLength(0);
  });

  it('an unknown or switched-off channel → 404 with no detail', async () => {
    const s = await setup();
    const body = fixture('whatsapp-text.json');
    expect((await post('00000000-0000-4000-8000-000000000000', body)).status).toBe(404);
    await s.api.call(`mutation($i: ConfigureProductChannelInput!) { configureProductChannel(input: $i) { id } }`, {
      i: { productId: s.productId, channel: 'WHATSAPP', enabled: false },
    });
    expect((await post(s.channelId, body)).status).toBe(404);
    expect(await deliveries(s)).toHaveLength(0);
  });
});

describe('Messenger and Instagram', () => {
  it('Messenger: text, attachments, sticker and reaction become messages; echoes are ours; delivery and read watermarks', async () => {
    const s = await setup('FACEBOOK');
    const body = fixture('messenger.json');
    // First only the customer's first message, so the conversation exists for the outbound reply.
    const payload = JSON.parse(body.toString());
    const firstOnly = JSON.stringify({ ...payload, entry: [{ ...payload.entry[0], messaging: [payload.entry[0].messaging[0]] }] });
    await post(s.channelId, firstOnly);
    const [started] = await conversations(s, ['FACEBOOK']);
    // The replies the customer's watermarks refer to went out before them.
    const reply = await outboundMessage(started.id, 'm_OUT_1', new Date(1764496803_000));
    const older = await outboundMessage(started.id, 'm_OUT_0', new Date(1764496700_000));

    expect((await post(s.channelId, body)).status).toBe(200);
    const [conversation, ...others] = await conversations(s, ['FACEBOOK']);
    expect(others).toHaveLength(0);
    expect(conversation.customer.facebookId).toBe('6512345678901234');
    const customerMessages = conversation.messages.filter((m: any) => m.authorKind === 'CUSTOMER');
    const byId = Object.fromEntries(customerMessages.map((m: any) => [m.externalId, m]));
    expect(byId['m_TEXT_1'].body).toBe('Hi, is the store open on Sunday?');
    expect(byId['m_MEDIA_1']).toMatchObject({ kind: 'ATTACHMENT', body: '[image] [file]' });
    expect(byId['m_MEDIA_1'].attachments.map((a: any) => a.url)).toEqual([
      'https://scontent.xx.fbcdn.net/v/t1.15752-9/photo.jpg',
      'https://cdn.fbsbx.com/v/t59.2708-21/receipt.pdf',
    ]);
    expect(byId['m_STICKER_1']).toMatchObject({ kind: 'ATTACHMENT', body: '[sticker]', metadata: { sticker: { id: '369239263222822' } } });
    const reaction = customerMessages.find((m: any) => m.metadata.type === 'reaction');
    expect(reaction).toMatchObject({ body: 'Reacted ❤ to a message', metadata: { reaction: { messageExternalId: 'm_OUT_1', action: 'react' } } });
    // The echo of our own reply is not a customer message.
    expect(customerMessages).toHaveLength(4);
    expect(conversation.messages.filter((m: any) => m.externalId === 'm_OUT_1')).toHaveLength(1);

    const messages = await t.app.services.db.prisma.conversationMessage.findMany({ where: { id: { in: [reply.id, older.id] } } });
    const status = Object.fromEntries(messages.map((m) => [m.externalId, m.deliveryStatus]));
    // m_OUT_1 delivered by mid, then read by watermark; m_OUT_0 is older than both watermarks.
    expect(status).toEqual({ m_OUT_1: 'READ', m_OUT_0: 'READ' });
    const [latest] = await deliveries(s);
    expect(latest.outcome).toMatch(/3 messages/);
    expect(latest.outcome).toMatch(/1 duplicate skipped/);
    expect(latest.outcome).toMatch(/1 echo of our own sends/);
  });

  it('Instagram: story replies and media; an unsent message is marked deleted; a seen message is READ', async () => {
    const s = await setup('INSTAGRAM');
    await post(s.channelId, fixture('instagram.json'));
    const [conversation] = await conversations(s, ['INSTAGRAM']);
    expect(conversation.customer.instagramId).toBe('1789012345678901');
    const [story, video] = conversation.messages;
    expect(story).toMatchObject({
      kind: 'TEXT',
      body: 'Love this! Is it in stock?',
      metadata: { type: 'story_reply', storyReply: { id: '17890000000000000' } },
    });
    expect(video).toMatchObject({ kind: 'ATTACHMENT', externalId: 'ig_VIDEO_1', deletedAt: null });
    const seen = await outboundMessage(conversation.id, 'ig_OUT_1');

    await post(s.channelId, fixture('instagram-unsend.json'));
    const [after] = await conversations(s, ['INSTAGRAM']);
    const unsent = after.messages.find((m: any) => m.externalId === 'ig_VIDEO_1');
    expect(unsent.deletedAt).toBe(new Date(1764496950_000).toISOString());
    expect(unsent.body).toBe('[video]');
    expect((await t.app.services.db.prisma.conversationMessage.findUniqueOrThrow({ where: { id: seen.id } })).deliveryStatus).toBe('READ');
  });

  it('a delivery for another page than the channel’s is stored and skipped', async () => {
    const s = await setup('FACEBOOK');
    const other = fixture('messenger.json').toString().replaceAll('104892735621234', '999999999999999');
    expect((await post(s.channelId, other)).status).toBe(200);
    const [delivery] = await deliveries(s);
    expect(delivery.status).toBe('IGNORED');
    expect(delivery.outcome).toMatch(/account 999999999999999 is not this channel's/);
    expect(await conversations(s, ['FACEBOOK'])).toHaveLength(0);
  });
});

describe('inspection, replay and recovery', () => {
  it('admins list and replay deliveries; agents may not', async () => {
    const s = await setup();
    await post(s.channelId, fixture('whatsapp-text.json'));
    const [delivery] = await deliveries(s, { status: 'PROCESSED' });
    const REPLAY = `mutation($i: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $i) { id status outcome attempts } }`;
    const replayed = (await s.api.call(REPLAY, { i: { id: delivery.id } })).replayWebhookDelivery;
    expect(replayed).toMatchObject({ id: delivery.id, status: 'IGNORED', attempts: 2 });
    expect(replayed.outcome).toMatch(/1 duplicate skipped/);
    const [conversation] = await conversations(s, ['WHATSAPP']);
    expect(conversation.messages).toHaveLength(1);

    const agent = await s.api.agent('Ali');
    expectError(await s.api.raw(DELIVERIES, {}, agent.token), 'FORBIDDEN');
    expectError(await s.api.raw(REPLAY, { i: { id: delivery.id } }, agent.token), 'FORBIDDEN');
    expect(await deliveries(s, { source: 'MESSENGER' })).toHaveLength(0);

    // Another workspace's admin cannot see or replay it.
    const other = await setup();
    expect(await deliveries(other)).toHaveLength(0);
    expectError(await other.api.raw(REPLAY, { i: { id: delivery.id } }), 'NOT_FOUND', 'input.id');
  });

  it('a delivery stored but never processed (the instance died) is processed by the sweeper', async () => {
    const s = await setup();
    const body = fixture('whatsapp-text.json');
    await t.app.services.db.prisma.webhookDelivery.create({
      data: {
        workspaceId: rawId(s.workspace.workspaceId),
        productChannelId: s.channelId,
        source: 'WHATSAPP',
        receivedAt: new Date(Date.now() - 60_000),
        headers: { 'x-hub-signature-256': sign(body) },
        rawBody: Uint8Array.from(body),
        signatureValid: true,
      },
    });
    await t.app.webhooks.sweepOnce({ workspaceId: rawId(s.workspace.workspaceId) });
    const [delivery] = await deliveries(s);
    expect(delivery).toMatchObject({ status: 'PROCESSED', attempts: 1 });
    const [conversation] = await conversations(s, ['WHATSAPP']);
    expect(conversation.messages.map((m: any) => m.body)).toEqual(['Merhaba, siparişim nerede?']);
  });

  it('a delivery accepted while processing is broken fails safely and is retried later: nothing lost', async () => {
    const s = await setup();
    const working = deliveryProcessorOf('WHATSAPP')!;
    registerDeliveryProcessor('WHATSAPP', async () => {
      throw new Error('connection terminated unexpectedly\n    at Pool.query (internal/pg.js:1:1)');
    });
    try {
      expect((await post(s.channelId, fixture('whatsapp-text.json'))).status).toBe(200);
    } finally {
      registerDeliveryProcessor('WHATSAPP', working);
    }
    const [failed] = await deliveries(s);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1, outcome: 'processing failed: connection terminated unexpectedly' });
    expect(await conversations(s, ['WHATSAPP'])).toHaveLength(0);

    await t.app.webhooks.sweepOnce({ workspaceId: rawId(s.workspace.workspaceId) });
    const [retried] = await deliveries(s);
    expect(retried).toMatchObject({ status: 'PROCESSED', attempts: 2 });
    expect((await conversations(s, ['WHATSAPP']))[0].messages).toHaveLength(1);
  });
});

describe.skipIf(!testDatabaseUrl())('two server instances on one database', () => {
  it('sweep the same stored deliveries at once: each processed by one of them, each message written once', async () => {
    const second = await startTestApp({ WEBHOOK_RETRY_BASE_MS: '1' });
    try {
      const s = await setup();
      const workspaceId = rawId(s.workspace.workspaceId);
      const template = fixture('whatsapp-text.json').toString();
      // 20 customers' messages, each stored twice (a retried webhook), as if the instance that took them had died.
      const bodies = Array.from({ length: 20 }, (_, i) =>
        template.replace('wamid.HBgMOTA1', `wamid.TWO${i}`).replaceAll('905321234567', `90532123${String(i).padStart(4, '0')}`),
      );
      await t.app.services.db.prisma.webhookDelivery.createMany({
        data: [...bodies, ...bodies].map((body, i) => ({
          workspaceId,
          productChannelId: s.channelId,
          source: 'WHATSAPP' as const,
          receivedAt: new Date(Date.now() - 60_000 + i),
          headers: { 'x-hub-signature-256': sign(body) },
          rawBody: Uint8Array.from(Buffer.from(body)),
          signatureValid: true,
        })),
      });
      await Promise.all([t.app.webhooks.sweepOnce({ workspaceId }), second.app.webhooks.sweepOnce({ workspaceId })]);
      const rows = await t.app.services.db.prisma.webhookDelivery.findMany({ where: { workspaceId }, select: { status: true, attempts: true } });
      expect(rows).toHaveLength(40);
      expect(rows.every((row) => row.attempts === 1 && (row.status === 'PROCESSED' || row.status === 'IGNORED'))).toBe(true);
      expect(rows.filter((row) => row.status === 'PROCESSED')).toHaveLength(20);
      const messages = await t.app.services.db.prisma.conversationMessage.count({ where: { workspaceId, authorKind: 'CUSTOMER' } });
      expect(messages).toBe(20);
      expect(await t.app.services.db.prisma.conversation.count({ where: { workspaceId } })).toBe(20);
    } finally {
      await second.stop();
    }
  });
});
