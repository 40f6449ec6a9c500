// Provider webhooks, stored raw before anything else and processed after, in a transaction: an endpoint answers as soon
// as the delivery is one row in WebhookDelivery, so an accepted payload is never lost. Each source (WhatsApp, e-mail,
// ...) registers the processor that turns its deliveries into service calls; a sweeper on every instance picks up
// deliveries that no instance finished (a crash between storing and processing, a failure worth retrying).
import { GraphQLError } from 'graphql';
import type { AppServices } from '../context.js';
import type { EventDraft, Tx } from '../events/write.js';
import { transactionTime, writeTransaction } from '../events/write.js';
import type { WebhookSource } from '../generated/prisma/enums.js';
import { log } from '../log.js';
import { every, queuedRunner } from '../workers/serial-runner.js';
import { pruneWebhookData, WEBHOOK_PRUNE_EVERY_MS } from './retention.js';

export type Emit = (event: EventDraft) => void;

export interface StoredDelivery {
  id: string;
  workspaceId: string;
  productChannelId: string | null;
  source: WebhookSource;
  headers: Record<string, string>;
  rawBody: Buffer;
  receivedAt: Date;
  /** Earlier processing attempts (0 or absent the first time): a processor may wait for something a few times, then give up. */
  attempts?: number;
}

/**
 * Thrown by a processor when the delivery cannot be processed yet (a status for a reply whose provider id is not
 * stored yet): the delivery is FAILED with this message, and the sweeper tries again after the backoff.
 */
export class RetryLater extends Error {}

export interface ProcessingResult {
  status: 'PROCESSED' | 'IGNORED';
  /** What processing did, for people inspecting deliveries: "2 messages, 1 status", "unknown field: foo". */
  outcome: string;
}

export type DeliveryProcessor = (tx: Tx, emit: Emit, delivery: StoredDelivery, app: AppServices) => Promise<ProcessingResult>;

const processors = new Map<WebhookSource, DeliveryProcessor>();

export interface ProcessorOptions {
  /** The processing transaction's time-out, when a source's deliveries are large (a 30 MB e-mail with attachments
   * takes seconds to read, parse and store); Prisma's 5 s otherwise. */
  timeoutMs?: number;
}
const processorOptions = new Map<WebhookSource, ProcessorOptions>();

/** Called once per source when its module loads; a later call replaces the processor (tests use that). */
export function registerDeliveryProcessor(source: WebhookSource, processor: DeliveryProcessor, options: ProcessorOptions = {}): void {
  processors.set(source, processor);
  processorOptions.set(source, options);
}

export const deliveryProcessorOf = (source: WebhookSource): DeliveryProcessor | undefined => processors.get(source);

// ---------------------------------------------------------------- in-process queue

/**
 * Deliveries this instance accepted and is about to process. A few at a time: a burst of webhooks would otherwise
 * open one transaction each and exhaust the connection pool. What sits here when the process dies is still RECEIVED
 * in the database, and the sweeper of any instance processes it.
 */
interface LocalQueue {
  waiting: string[];
  queued: Set<string>;
  active: number;
  idle: Set<() => void>;
}

const CONCURRENCY = 4;
const queues = new WeakMap<object, LocalQueue>();

function queueOf(app: AppServices): LocalQueue {
  // Keyed by the database: every view of one app's services shares it.
  let queue = queues.get(app.db);
  if (!queue) {
    queue = { waiting: [], queued: new Set(), active: 0, idle: new Set() };
    queues.set(app.db, queue);
  }
  return queue;
}

function enqueue(app: AppServices, deliveryId: string) {
  const queue = queueOf(app);
  if (queue.queued.has(deliveryId)) return;
  queue.queued.add(deliveryId);
  queue.waiting.push(deliveryId);
  pump(app, queue);
}

function pump(app: AppServices, queue: LocalQueue) {
  while (queue.active < CONCURRENCY && queue.waiting.length > 0) {
    const id = queue.waiting.shift()!;
    queue.active += 1;
    processDelivery(app, id)
      .catch((error: Error) => log.warn('webhook delivery not processed', { deliveryId: id, error: error.message }))
      .finally(() => {
        queue.active -= 1;
        queue.queued.delete(id);
        pump(app, queue);
        if (queue.active === 0 && queue.waiting.length === 0) {
          for (const resolve of queue.idle) resolve();
          queue.idle.clear();
        }
      });
  }
}

/** Resolves once this instance has processed every delivery it accepted so far (tests, shutdown, the bench). */
export function deliveriesSettled(app: AppServices): Promise<void> {
  const queue = queueOf(app);
  if (queue.active === 0 && queue.waiting.length === 0) return Promise.resolve();
  return new Promise((resolve) => queue.idle.add(resolve));
}

// ---------------------------------------------------------------- accept, process, claim

export interface AcceptInput {
  workspaceId: string;
  productChannelId: string | null;
  source: WebhookSource;
  headers: Record<string, string>;
  rawBody: Buffer;
  /** false → stored REJECTED and never processed; null when the source has no signature (checked otherwise). */
  signatureValid: boolean | null;
}

/** Stores the raw delivery (one INSERT, RECEIVED or REJECTED when signatureValid === false), then schedules processing (not awaited). */
export async function acceptDelivery(app: AppServices, input: AcceptInput): Promise<{ id: string }> {
  const rejected = input.signatureValid === false;
  const { id } = await app.db.prisma.webhookDelivery.create({
    data: {
      workspaceId: input.workspaceId,
      productChannelId: input.productChannelId,
      source: input.source,
      receivedAt: app.clock.now(),
      headers: input.headers,
      rawBody: Uint8Array.from(input.rawBody),
      signatureValid: input.signatureValid,
      status: rejected ? 'REJECTED' : 'RECEIVED',
    },
    select: { id: true },
  });
  if (!rejected) enqueue(app, id);
  return { id };
}

/** What FAILED deliveries show: the message of a typed error, or the first line of another (never a stack). */
function safeFailure(error: unknown): string {
  if (error instanceof GraphQLError || error instanceof RetryLater) return error.message.slice(0, 500);
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n').find((line) => line.trim()) ?? 'unknown error';
  return `processing failed: ${firstLine.trim().slice(0, 300)}`;
}

export interface ProcessOptions {
  /** An admin's replay: run again even when already PROCESSED or IGNORED (never when REJECTED). */
  replay?: boolean;
}

/**
 * Runs the source's processor in writeTransaction (actor 'system'); marks PROCESSED/IGNORED with outcome; a throw →
 * FAILED with a safe message (no stack), attempts+1. Idempotent: replays are safe because messages are de-duplicated
 * by InboundMessageKey. The row is locked with SKIP LOCKED first, so two instances never process one delivery at once.
 */
export async function processDelivery(app: AppServices, deliveryId: string, options: ProcessOptions = {}): Promise<void> {
  const prisma = app.db.prisma;
  // Read once, outside the transaction: only its status changes after the INSERT, and that is checked again under lock.
  const row = await prisma.webhookDelivery.findUnique({ where: { id: deliveryId } });
  if (!row || row.status === 'REJECTED') return;
  const head = row;
  const runnable = (status: string) => status !== 'REJECTED' && (options.replay || status === 'RECEIVED' || status === 'FAILED');
  if (!runnable(head.status)) return;
  try {
    await writeTransaction(app, { workspaceId: head.workspaceId, actor: 'system' }, async (tx, emit) => {
      const [locked] = await tx.$queryRaw<{ status: string }[]>`
        SELECT "status"::text AS "status" FROM "WebhookDelivery" WHERE "id" = ${deliveryId}::uuid FOR UPDATE SKIP LOCKED`;
      // Another instance holds it (it will write the outcome), or it was finished meanwhile.
      if (!locked || !runnable(locked.status)) return;
      const processor = processors.get(row.source);
      if (!processor) throw new Error(`no processor is registered for ${row.source} deliveries`);
      const delivery: StoredDelivery = {
        id: row.id,
        workspaceId: row.workspaceId,
        productChannelId: row.productChannelId,
        source: row.source,
        headers: (row.headers ?? {}) as Record<string, string>,
        rawBody: Buffer.from(row.rawBody),
        receivedAt: row.receivedAt,
        attempts: row.attempts,
      };
      const result = await processor(tx, emit, delivery, app);
      await tx.webhookDelivery.update({
        where: { id: deliveryId },
        data: { status: result.status, outcome: result.outcome.slice(0, 1000), attempts: { increment: 1 }, processedAt: transactionTime(tx) },
      });
    }, { timeoutMs: processorOptions.get(head.source)?.timeoutMs });
  } catch (error) {
    const outcome = safeFailure(error);
    (error instanceof RetryLater ? log.info : log.warn)('webhook delivery failed', { deliveryId, error: error instanceof Error ? error.message : String(error) });
    await prisma.webhookDelivery.updateMany({
      where: { id: deliveryId, status: { not: 'REJECTED' } },
      data: { status: 'FAILED', outcome, attempts: { increment: 1 }, processedAt: app.clock.now() },
    });
  }
}

/** Claims a provider message id inside tx: INSERT … ON CONFLICT DO NOTHING; false = already seen (skip it). */
export async function claimInboundMessage(
  tx: Tx,
  key: { workspaceId: string; source: WebhookSource; externalId: string },
): Promise<boolean> {
  const inserted = await tx.$executeRaw`
    INSERT INTO "InboundMessageKey" ("workspaceId", "source", "externalId", "createdAt")
    VALUES (${key.workspaceId}::uuid, ${key.source}::"WebhookSource", ${key.externalId}, ${transactionTime(tx)})
    ON CONFLICT DO NOTHING`;
  return inserted === 1;
}

/** Records what a claimed provider message became (for inspection and for linking later deliveries to it). */
export async function linkInboundMessage(
  tx: Tx,
  key: { workspaceId: string; source: WebhookSource; externalId: string },
  target: { conversationMessageId?: string; ticketMessageId?: string; ticketId?: string },
): Promise<void> {
  await tx.inboundMessageKey.update({
    where: { workspaceId_source_externalId: { workspaceId: key.workspaceId, source: key.source, externalId: key.externalId } },
    data: target,
  });
}

// ---------------------------------------------------------------- sweeper

const SWEEP_BATCH = 100;
/** A RECEIVED delivery younger than this is most likely still in its instance's queue. */
const RECEIVED_GRACE_MS = 5000;

export type WebhookSweeper = ReturnType<typeof createWebhookSweeper>;

/**
 * Every instance runs it: RECEIVED deliveries older than a few seconds (their instance died or lost the database
 * before processing), and FAILED ones whose backoff (base × 2^(attempts−1)) has run out, until the attempts are used
 * up. Candidates are read with SKIP LOCKED and processDelivery locks each again, so each is processed once.
 */
export function createWebhookSweeper(app: AppServices) {
  const { sweepMs, maxAttempts, retryBaseMs } = app.config.webhooks;
  let timer: ReturnType<typeof every> | undefined;
  let pruneTimer: ReturnType<typeof every> | undefined;
  let stopped = false;

  async function candidates(now: Date, workspaceId: string | null): Promise<string[]> {
    const receivedBefore = new Date(now.getTime() - RECEIVED_GRACE_MS);
    // Not in a transaction, so the row locks end with the statement: SKIP LOCKED is here only to pass over the
    // deliveries another instance is processing right now (processDelivery holds their lock); the claim is its own.
    const rows = await app.db.prisma.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "WebhookDelivery"
       WHERE (("status" = 'RECEIVED' AND "receivedAt" <= ${receivedBefore})
          OR ("status" = 'FAILED' AND "attempts" < ${maxAttempts}
              AND "processedAt" <= ${now}::timestamptz - make_interval(secs => ${retryBaseMs / 1000}::double precision * power(2, greatest("attempts" - 1, 0)))))
         AND (${workspaceId}::uuid IS NULL OR "workspaceId" = ${workspaceId}::uuid)
       ORDER BY "receivedAt" LIMIT ${SWEEP_BATCH}
         FOR UPDATE SKIP LOCKED`;
    return rows.map((row) => row.id);
  }

  async function sweep(workspaceId: string | null): Promise<number> {
    const now = app.clock.now();
    const queue = queueOf(app);
    let processed = 0;
    const seen = new Set<string>();
    for (;;) {
      const ids = (await candidates(now, workspaceId)).filter((id) => !queue.queued.has(id) && !seen.has(id));
      if (ids.length === 0 || stopped) break;
      for (const id of ids) {
        seen.add(id);
        await processDelivery(app, id);
        processed += 1;
      }
    }
    return processed;
  }

  const sweeps = queuedRunner(sweep);

  /** One pass (the timer and tests); `workspaceId` keeps a test to its own deliveries on a shared database. */
  async function sweepOnce(scope: { workspaceId?: string } = {}): Promise<number> {
    return sweeps.run(scope.workspaceId ?? null);
  }

  return {
    start() {
      stopped = false;
      timer = every(sweepMs, () => {
        if (sweeps.busy) return;
        sweepOnce().catch((error: Error) => log.warn('webhook sweep failed', { error: error.message }));
      });
      // Old deliveries and finished media fetches go after WEBHOOK_RETENTION_DAYS (every instance; DELETE is idempotent).
      pruneTimer = every(WEBHOOK_PRUNE_EVERY_MS, () => void pruneWebhookData(app));
    },
    async stop() {
      stopped = true;
      timer?.stop();
      timer = undefined;
      pruneTimer?.stop();
      pruneTimer = undefined;
      await sweeps.settled();
      await deliveriesSettled(app);
    },
    sweepOnce,
    /** One retention pass (the timer and tests). */
    prune: () => pruneWebhookData(app),
    /** Resolves when the deliveries this instance accepted are processed. */
    settled: () => deliveriesSettled(app),
  };
}
