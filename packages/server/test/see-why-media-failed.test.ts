// An agent sees why a customer's media is missing: ConversationMessage.mediaFetches lists each medium with its status,
// attempts and a lastError safe to show (the provider's code and message, never a network library's detail); another
// workspace sees none of it.
import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeProviderError } from '../src/channels/provider-errors.js';
import { chatApi } from './chat-setup.js';
import { type FakeMetaProvider, startFakeMetaProvider } from './fake-meta-provider.js';
import { rawId, startTestApp, type TestApp } from './harness.js';

const APP_SECRET = 'media-errors-secret-7c1f';
const SETTINGS = { verifyToken: 'v', appSecret: APP_SECRET, pageId: '104892735621299', accessToken: 'EAAG-media-fb' };
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let t: TestApp;
let provider: FakeMetaProvider;

beforeAll(async () => {
  provider = await startFakeMetaProvider();
  t = await startTestApp({ META_GRAPH_API_URL: provider.url, OUTBOX_RETRY_BASE_MS: '1', OUTBOX_MAX_ATTEMPTS: '3', OUTBOX_TIMEOUT_MS: '3000' });
});
afterAll(async () => {
  await t?.stop();
  await provider?.close();
});

const prisma = () => t.app.services.db.prisma;

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

const messengerAttachments = (mid: string, attachments: { type: string; url: string }[]) => ({
  object: 'page',
  entry: [
    {
      id: SETTINGS.pageId,
      time: Date.now(),
      messaging: [
        {
          sender: { id: `65${randomBytes(6).toString('hex')}` },
          recipient: { id: SETTINGS.pageId },
          timestamp: Date.now(),
          message: { mid, attachments: attachments.map((a) => ({ type: a.type, payload: { url: a.url } })) },
        },
      ],
    },
  ],
});

async function fetchAll(messageId: string) {
  for (let round = 0; round < 100; round++) {
    await t.app.mediaFetch.drain();
    if ((await prisma().inboundMediaFetch.count({ where: { conversationMessageId: messageId, status: 'PENDING' } })) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('media fetches stayed PENDING');
}

const MEDIA_FETCHES = `query($id: ID!) { node(id: $id) { ... on ConversationMessage { id
  files { fileName } mediaFetches { status attempts lastError mediaType fileName mimeType createdAt doneAt } } } }`;
const nodeId = (id: string) => Buffer.from(`ConversationMessage:${id}`).toString('base64');

describe('ConversationMessage.mediaFetches', () => {
  it('shows DONE, and FAILED with the provider’s code and message after a refusal or the retries ran out', async () => {
    const workspace = await t.signUp();
    const api = chatApi(t.gql, workspace);
    const productId = await api.product('Shop');
    const configured = await api.call(`mutation($i: ConfigureProductChannelInput!) { configureProductChannel(input: $i) { id } }`, {
      i: { productId, channel: 'FACEBOOK', enabled: true, settings: SETTINGS },
    });
    const channelId = rawId(configured.configureProductChannel.id);
    const tag = randomBytes(4).toString('hex');
    const [photo, expired, flaky] = [`photo-${tag}`, `expired-${tag}`, `flaky-${tag}`];
    provider.addMedia(photo, PNG, { mimeType: 'image/png' });
    provider.addMedia(expired, PNG, { mimeType: 'image/png' });
    provider.addMedia(flaky, PNG, { mimeType: 'image/png' });
    provider.scriptMedia(expired, [{ status: 404, code: 404, message: 'URL signature expired' }]);
    provider.scriptMedia(flaky, [1, 2, 3].map(() => ({ status: 503, code: 2, message: 'Service temporarily unavailable' })));
    await post(
      channelId,
      messengerAttachments(`m_ERR_${tag}`, [
        { type: 'image', url: provider.mediaUrl(photo) },
        { type: 'image', url: provider.mediaUrl(expired) },
        { type: 'file', url: provider.mediaUrl(flaky) },
      ]),
    );
    const message = await prisma().conversationMessage.findFirstOrThrow({ where: { workspaceId: rawId(workspace.workspaceId), externalId: `m_ERR_${tag}` } });
    await fetchAll(message.id);

    const node = (await api.call(MEDIA_FETCHES, { id: nodeId(message.id) })).node;
    expect(node.files).toHaveLength(1);
    const byStatus = [...node.mediaFetches].sort((a: any, b: any) => `${a.status}${a.attempts}`.localeCompare(`${b.status}${b.attempts}`));
    expect(byStatus).toEqual([
      { status: 'DONE', attempts: 1, lastError: null, mediaType: 'image', fileName: null, mimeType: null, createdAt: expect.any(String), doneAt: expect.any(String) },
      { status: 'FAILED', attempts: 1, lastError: '404: URL signature expired', mediaType: 'image', fileName: null, mimeType: null, createdAt: expect.any(String), doneAt: null },
      { status: 'FAILED', attempts: 3, lastError: '2: Service temporarily unavailable', mediaType: 'file', fileName: null, mimeType: null, createdAt: expect.any(String), doneAt: null },
    ]);

    // Another workspace reaches neither the message nor its fetches.
    const other = chatApi(t.gql, await t.signUp());
    const probe = await other.raw(MEDIA_FETCHES, { id: nodeId(message.id) });
    expect(probe.data?.node ?? null).toBeNull();
  });

  it('a message without media has none; an unreachable provider reads as such, without the network detail', async () => {
    expect(safeProviderError(null)).toBeNull();
    expect(safeProviderError('could not reach the provider (connect ECONNREFUSED 10.0.3.7:8443)')).toBe('could not reach the provider');
    expect(safeProviderError('not an http(s) URL: file:///etc/passwd')).toBe('the provider gave a link that is not an http(s) URL');
    expect(safeProviderError('100: Unsupported get request')).toBe('100: Unsupported get request');
    expect(safeProviderError(`190: ${'x'.repeat(1000)}`)!.length).toBe(300);

    const workspace = await t.signUp();
    const api = chatApi(t.gql, workspace);
    const productId = await api.product('Plain');
    const chat = await api.start(productId, { body: 'Hello' });
    const message = await prisma().conversationMessage.findFirstOrThrow({ where: { conversationId: rawId(chat.id) } });
    expect((await api.call(MEDIA_FETCHES, { id: nodeId(message.id) })).node.mediaFetches).toEqual([]);
  });
});
