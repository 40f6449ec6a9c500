// Provider traffic does not pile up: stored webhook deliveries and finished customer-media fetches older than
// WEBHOOK_RETENTION_DAYS are deleted by a prune every instance runs on a timer; deliveries still RECEIVED and fetches
// still PENDING are kept whatever their age, and pruning twice deletes nothing more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { pruneWebhookData } from '../src/webhooks/retention.js';
import { chatApi } from './chat-setup.js';
import { rawId, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await startTestApp({ WEBHOOK_RETENTION_DAYS: '10' });
});
afterAll(async () => {
  await t?.stop();
});

const prisma = () => t.app.services.db.prisma;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

describe('webhook retention', () => {
  it('defaults to 30 days', () => {
    expect(loadConfig({}).webhooks.retentionDays).toBe(30);
  });

  it('deletes old finished deliveries and media fetches, keeps RECEIVED/PENDING and recent ones; idempotent', async () => {
    const workspace = await t.signUp();
    const workspaceId = rawId(workspace.workspaceId);
    const api = chatApi(t.gql, workspace);
    const productId = await api.product('Shop');
    const configured = await api.call(`mutation($i: ConfigureProductChannelInput!) { configureProductChannel(input: $i) { id } }`, {
      i: { productId, channel: 'FACEBOOK', enabled: true, settings: { verifyToken: 'v', appSecret: 's', pageId: '1', accessToken: 'a' } },
    });
    const productChannelId = rawId(configured.configureProductChannel.id);
    const chat = await api.start(productId, { body: 'Hello' });
    const message = await prisma().conversationMessage.findFirstOrThrow({ where: { conversationId: rawId(chat.id) } });

    const delivery = async (status: 'RECEIVED' | 'PROCESSED' | 'IGNORED' | 'FAILED' | 'REJECTED', age: number) =>
      (
        await prisma().webhookDelivery.create({
          data: { workspaceId, productChannelId, source: 'MESSENGER', receivedAt: daysAgo(age), rawBody: Buffer.from('{}'), status },
        })
      ).id;
    const fetch = async (status: 'PENDING' | 'DONE' | 'FAILED', age: number) =>
      (
        await prisma().inboundMediaFetch.create({
          data: { workspaceId, conversationMessageId: message.id, productChannelId, media: { type: 'image', url: 'https://x' }, status, createdAt: daysAgo(age) },
        })
      ).id;

    const gone = [await delivery('PROCESSED', 11), await delivery('IGNORED', 40), await delivery('FAILED', 12), await delivery('REJECTED', 11)];
    const kept = [await delivery('RECEIVED', 400), await delivery('PROCESSED', 9), await delivery('FAILED', 1)];
    const fetchesGone = [await fetch('DONE', 11), await fetch('FAILED', 30)];
    const fetchesKept = [await fetch('PENDING', 400), await fetch('DONE', 9), await fetch('FAILED', 2)];

    const first = await t.app.webhooks.prune();
    expect(first.deliveries).toBeGreaterThanOrEqual(gone.length);
    expect(first.mediaFetches).toBeGreaterThanOrEqual(fetchesGone.length);
    const deliveriesLeft = (await prisma().webhookDelivery.findMany({ where: { workspaceId }, select: { id: true } })).map((row) => row.id);
    expect(deliveriesLeft.sort()).toEqual([...kept].sort());
    const fetchesLeft = (await prisma().inboundMediaFetch.findMany({ where: { workspaceId }, select: { id: true } })).map((row) => row.id);
    expect(fetchesLeft.sort()).toEqual([...fetchesKept].sort());

    // Any number of instances may prune at once: a second pass finds nothing of ours.
    await Promise.all([pruneWebhookData(t.app.services), pruneWebhookData(t.app.services)]);
    expect(await prisma().webhookDelivery.count({ where: { workspaceId } })).toBe(kept.length);
    expect(await prisma().inboundMediaFetch.count({ where: { workspaceId } })).toBe(fetchesKept.length);
    // The message itself is untouched.
    expect(await prisma().conversationMessage.count({ where: { id: message.id } })).toBe(1);
  });
});
