// Channel-bridge scenario of `pnpm bench` (bench/run.ts calls it next to its baseline):
//   (w) signed WhatsApp Cloud API webhooks POSTed to /webhooks/meta/<channel> over HTTP, end to end: signature
//       checked over the raw bytes, the delivery stored, then processed in its own transaction (message id claimed,
//       customer found, message appended to the customer's open conversation or a new one routed, outcome written);
//       figure = deliveries processed per second (from the first POST until the last one is processed)
//   vs  raw pg writing the same rows: the delivery row and the message row, two INSERTs in one transaction.
// Two figures: the first message of each of 200 customers (new customer, new conversation routed under the workspace's
// routing lock), then the steady state of a busy number: the same 200 customers writing in turn into their open
// conversations. The webhooks are signed and POSTed from a worker thread (bench/bridges-worker.ts), 16 at a time.
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { APP_SECRET, CUSTOMERS, PHONE_NUMBER_ID, whatsappBody } from './bridges-load.js';
import type { WebhookLoad } from './bridges-worker.js';
import { closedLoop, type LoadResult, type Stats, summarize } from './load.js';
import { type BenchRow, setUp, type TicketBenchContext } from './tickets.js';

/** Runs one webhook load in a fresh worker thread (bench/bridges-worker.ts). */
function webhookLoadInWorker(load: WebhookLoad): Promise<LoadResult> {
  const worker = new Worker(new URL('./bridges-worker-entry.mjs', import.meta.url), { workerData: load });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`webhook load worker exited with code ${code} before answering`)));
  });
}

const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1];
const loadTimes = () => ({
  warmupMs: Number(process.env.BENCH_WARMUP_SECONDS ?? 1) * 1000,
  durationMs: Number(process.env.BENCH_SECONDS ?? 5) * 1000,
});

export async function whatsappWebhookScenario(ctx: TicketBenchContext): Promise<BenchRow[]> {
  const { createProduct } = await setUp(ctx, `mutation { createProduct(input: { name: "Bench WhatsApp", channels: [WHATSAPP] }) { id } }`);
  const { configureProductChannel } = await setUp(ctx, `mutation($i: ConfigureProductChannelInput!) { configureProductChannel(input: $i) { id } }`, {
    i: {
      productId: createProduct.id,
      channel: 'WHATSAPP',
      enabled: true,
      settings: { verifyToken: 'bench', appSecret: APP_SECRET, phoneNumberId: PHONE_NUMBER_ID, accessToken: 'bench' },
    },
  });
  const { viewer } = await setUp(ctx, `{ viewer { workspace { id } } }`);
  const workspaceId = rawId(viewer.workspace.id);
  const channelId = rawId(configureProductChannel.id);
  const webhookUrl = new URL(`/webhooks/meta/${channelId}`, ctx.url).toString();
  const prisma = ctx.app.services.db.prisma;
  const { warmupMs, durationMs } = loadTimes();

  // ---- deskgraph: POST → stored → processed
  const processedCount = () => prisma.webhookDelivery.count({ where: { workspaceId, status: 'PROCESSED' } });
  /** Posts deliveries from `concurrency` callers (for `ms`, or `count` of them), then waits until all are processed. */
  async function bridgeRun(limit: { ms?: number; count?: number }) {
    const before = await processedCount();
    const started = performance.now();
    const load = await webhookLoadInWorker({
      url: webhookUrl,
      concurrency: ctx.concurrency,
      run: randomBytes(3).toString('hex'),
      durationMs: limit.ms,
      count: limit.count,
    });
    // Accepted is not done: wait until this instance has processed every delivery it stored.
    await ctx.app.webhooks.settled();
    const elapsedMs = performance.now() - started;
    const processed = (await processedCount()) - before;
    const accepted = summarize(load);
    const stats: Stats = { ...accepted, rps: (processed / elapsedMs) * 1000, requests: processed, errors: accepted.errors + Math.max(0, accepted.requests - processed) };
    return { stats, acceptedPerSecond: accepted.rps };
  }
  // Each of the customers' first message: a new customer and a new conversation, routed under the workspace's lock.
  const firstMessages = await bridgeRun({ count: CUSTOMERS });
  // Then the steady state: every message joins its customer's open conversation.
  await bridgeRun({ ms: warmupMs });
  const bridge = await bridgeRun({ ms: durationMs });

  // ---- baseline: the delivery row and the message row, raw, in one transaction per delivery
  const conversation = await prisma.conversation.findFirstOrThrow({ where: { workspaceId, channel: 'WHATSAPP' }, select: { id: true } });
  const INSERT_DELIVERY = `INSERT INTO "WebhookDelivery" (id, "workspaceId", "productChannelId", source, "receivedAt", headers, "rawBody", "signatureValid", status, outcome, attempts, "processedAt")
    VALUES (gen_random_uuid(), $1, $2, 'WHATSAPP', now(), $3, $4, true, 'PROCESSED', '1 message', 1, now())`;
  const INSERT_MESSAGE = `INSERT INTO "ConversationMessage" (id, "workspaceId", "conversationId", kind, "authorKind", author, body, "createdAt", "externalId")
    VALUES (gen_random_uuid(), $1, $2, 'TEXT', 'CUSTOMER', 'customer:bench', $3, now(), $4)`;
  const headers = JSON.stringify({ 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=…' });
  let rawWrite: (seq: number, run: string) => Promise<void>;
  let rawLabel: string;
  if (ctx.databaseUrl) {
    const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: ctx.poolSize });
    ctx.cleanups.push(() => pool.end());
    rawWrite = async (seq, run) => {
      const body = whatsappBody(run, seq);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(INSERT_DELIVERY, [workspaceId, channelId, headers, Buffer.from(body)]);
        await client.query(INSERT_MESSAGE, [workspaceId, conversation.id, `Merhaba, siparişim #${seq} nerede?`, `wamid.RAW${run}${seq}`]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    };
    rawLabel = `(w) WhatsApp webhook rows: raw pg, delivery + message INSERT in 1 tx, Pool max ${ctx.poolSize} [baseline]`;
  } else {
    // Embedded PGlite has one connection, the app's; the baseline goes through its Prisma client, raw SQL.
    rawWrite = async (seq, run) => {
      const body = whatsappBody(run, seq);
      await prisma.$transaction([
        prisma.$executeRawUnsafe(INSERT_DELIVERY.replace('$3,', '$3::jsonb,').replace('$1,', '$1::uuid,').replace('$2,', '$2::uuid,'), workspaceId, channelId, headers, Buffer.from(body)),
        prisma.$executeRawUnsafe(INSERT_MESSAGE.replace('$1,', '$1::uuid,').replace('$2,', '$2::uuid,'), workspaceId, conversation.id, `Merhaba, siparişim #${seq} nerede?`, `wamid.RAW${run}${seq}`),
      ]);
    };
    rawLabel = '(w) WhatsApp webhook rows: raw SQL through the app\'s PGlite, delivery + message in 1 tx [baseline]';
  }
  const raw = await ctx.measure((ms) => {
    const run = randomBytes(3).toString('hex');
    return closedLoop((seq) => rawWrite(seq, run), ctx.concurrency, ms);
  });

  return [
    { name: rawLabel, stats: raw },
    {
      name: `(w) signed WhatsApp webhooks: deskgraph over HTTP, joining open conversations, processed/s (answered 200: ${Math.round(bridge.acceptedPerSecond)}/s, p50/p99 of the 200)`,
      stats: bridge.stats,
      baseline: raw,
    },
    {
      name: `(w) signed WhatsApp webhooks: deskgraph, first message of ${CUSTOMERS} customers (new conversation, routed)`,
      stats: firstMessages.stats,
      baseline: raw,
    },
  ];
}
