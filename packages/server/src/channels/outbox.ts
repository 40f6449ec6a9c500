// The outbox for agents' replies on WhatsApp, Messenger and Instagram (rows written by src/channels/outbox-reply.ts
// in the reply's transaction). Every instance runs it, like the e-mail sender (src/mail/worker.ts): a due row is
// claimed with `FOR UPDATE SKIP LOCKED` and leased in one statement, so exactly one instance attempts it at a time;
// failures are retried with capped, jittered exponential backoff until the attempts are used up.
import { safeProviderError } from './provider-errors.js';
import type { AppServices } from '../context.js';
import { type Tx, writeTransaction } from '../events/write.js';
import type { OutboundChannelMessage } from '../generated/prisma/client.js';
import { log } from '../log.js';
import { conversationPayload } from '../chats/assign.js';
import { outcomeOfFailure, retryDelayMs } from '../mail/retry.js';
import { type MetaSendResult, sendToMeta } from './meta-send.js';
import { isMetaChannel } from './outbox-payload.js';
import { missingSendSettings, settingsOf } from './outbox-reply.js';
import { leasedQueueWorker } from '../workers/leased-queue.js';

/** A chat reply is worth little hours later: the wait between tries stops growing at 30 minutes. */
export const OUTBOX_MAX_DELAY_MS = 30 * 60 * 1000;
/** Retry-After is honoured up to this long (a provider asking for more gets the reply then, or it fails). */
const MAX_RETRY_AFTER_MS = 6 * 60 * 60 * 1000;

/**
 * The wait after the `attempt`-th failed try: the e-mail outbox's exponential policy (base, 2×base, 4×base…), capped,
 * with ±25 % jitter so that replies failing together do not come back together.
 */
export function outboxRetryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random) {
  const delay = Math.min(retryDelayMs(attempt, baseMs), OUTBOX_MAX_DELAY_MS);
  return Math.round(delay * (0.75 + 0.5 * random()));
}

interface ClaimedRow {
  id: string;
  attempts: number;
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;

export function createOutboxWorker(app: AppServices, { batchSize = 20 }: { batchSize?: number } = {}) {
  const { graphApiUrl, pollMs, maxAttempts, retryBaseMs, timeoutMs } = app.config.outbox;
  const prisma = app.db.prisma;
  // The lease outlasts one request and the write of its result, so a row is never attempted by two instances at once.
  const leaseSeconds = Math.ceil((2 * timeoutMs + 30_000) / 1000);

  /**
   * Due rows, each leased (attempts + 1, next attempt after the lease). A row waits while an earlier reply of its
   * conversation is still PENDING, so the customer reads the replies in the order the agent wrote them.
   */
  async function claim(): Promise<ClaimedRow[]> {
    return prisma.$queryRaw<ClaimedRow[]>`
      UPDATE "OutboundChannelMessage" SET "attempts" = "attempts" + 1,
             "nextAttemptAt" = now() + make_interval(secs => ${leaseSeconds}::int)
       WHERE "id" IN (
         SELECT o."id" FROM "OutboundChannelMessage" o
           JOIN "ConversationMessage" m ON m."id" = o."conversationMessageId"
          WHERE o."status" = 'PENDING' AND o."nextAttemptAt" <= now()
            AND NOT EXISTS (
              SELECT 1 FROM "OutboundChannelMessage" e
                JOIN "ConversationMessage" em ON em."id" = e."conversationMessageId"
               WHERE e."status" = 'PENDING' AND em."conversationId" = m."conversationId" AND em."sequence" < m."sequence")
          ORDER BY o."nextAttemptAt" LIMIT ${batchSize}
          FOR UPDATE OF o SKIP LOCKED)
      RETURNING "id", "attempts"`;
  }

  /** SENT or FAILED: the row, its message's delivery status and the status event, together. */
  async function finish(row: OutboundChannelMessage, attempts: number, result: { status: 'SENT'; externalId: string | null } | { status: 'FAILED'; error: string }) {
    await writeTransaction(app, { workspaceId: row.workspaceId, actor: 'system' }, async (tx: Tx, emit) => {
      const now = app.clock.now();
      // `attempts` in the condition: only the instance holding this attempt's lease writes its result.
      const { count } = await tx.outboundChannelMessage.updateMany({
        where: { id: row.id, attempts, status: 'PENDING' },
        data: result.status === 'SENT' ? { status: 'SENT', sentAt: now, lastError: null } : { status: 'FAILED', lastError: result.error },
      });
      if (count === 0) return;
      const message = await tx.conversationMessage.findUnique({ where: { id: row.conversationMessageId } });
      if (!message) return;
      // A status webhook may already have moved it on (DELIVERED, READ): keep the furthest news.
      const advance = message.deliveryStatus === null || message.deliveryStatus === 'PENDING';
      await tx.conversationMessage.update({
        where: { id: message.id },
        data:
          result.status === 'SENT'
            ? { externalId: result.externalId ?? message.externalId, ...(advance ? { deliveryStatus: 'SENT', deliveryUpdatedAt: now } : {}) }
            : { deliveryStatus: 'FAILED', deliveryError: safeProviderError(result.error), deliveryUpdatedAt: now },
      });
      const conversation = await tx.conversation.findUniqueOrThrow({ where: { id: message.conversationId } });
      const deliveryStatus = result.status === 'SENT' && !advance ? message.deliveryStatus : result.status;
      emit({
        type: 'conversation.message.status',
        entityType: 'Conversation',
        entityId: conversation.id,
        payload: { ...conversationPayload(conversation, { messageId: message.id }), deliveryStatus },
      });
    });
  }

  async function attempt(claimed: ClaimedRow) {
    const row = await prisma.outboundChannelMessage.findUnique({ where: { id: claimed.id } });
    if (!row) return; // its conversation was deleted meanwhile
    let result: MetaSendResult;
    const productChannel = await prisma.productChannel.findUnique({ where: { id: row.productChannelId } });
    const settings = settingsOf(productChannel?.settings ?? {});
    if (!isMetaChannel(row.channel)) {
      result = { outcome: 'REFUSED', error: `${row.channel} is not sent by this outbox` };
    } else if (!productChannel || !productChannel.enabled || missingSendSettings(row.channel, settings).length > 0) {
      result = { outcome: 'REFUSED', error: `The product's ${row.channel} channel was switched off or its settings removed before the reply went out.` };
    } else {
      result = await sendToMeta({
        baseUrl: graphApiUrl,
        channel: row.channel,
        settings,
        payload: row.payload as Record<string, unknown>,
        timeoutMs,
      });
    }
    if (result.outcome === 'SENT') {
      // Should this write fail, the lease runs out and the reply goes again: at least once, never lost.
      await finish(row, claimed.attempts, { status: 'SENT', externalId: result.externalId || null });
      return;
    }
    const outcome = outcomeOfFailure(claimed.attempts, maxAttempts, result.outcome === 'REFUSED', retryBaseMs);
    log.warn('channel reply not sent', { outboundId: row.id, channel: row.channel, attempt: claimed.attempts, outcome: outcome.status, error: result.error });
    if (outcome.status === 'FAILED') {
      await finish(row, claimed.attempts, { status: 'FAILED', error: result.error });
      return;
    }
    const waitMs =
      result.outcome === 'RETRY' && result.retryAfterMs !== undefined
        ? Math.min(result.retryAfterMs, MAX_RETRY_AFTER_MS)
        : outboxRetryDelayMs(claimed.attempts, retryBaseMs);
    await prisma.$executeRaw`UPDATE "OutboundChannelMessage" SET "lastError" = ${result.error},
         "nextAttemptAt" = now() + make_interval(secs => ${waitMs / 1000}::double precision)
       WHERE "id" = ${row.id}::uuid AND "attempts" = ${claimed.attempts} AND "status" = 'PENDING'`;
  }

  // Claimed rows belong to different conversations, so they go out side by side; after a round, the next reply of
  // each conversation may have become due.
  return leasedQueueWorker({ name: 'channel outbox', pollMs, claim, attempt, idOf: (row) => row.id });
}
