// Fetches the media customers send on WhatsApp, Messenger and Instagram into attachment storage, so agents open the
// image, voice note or document from deskgraph rather than an id or a provider URL that expires. Rows are queued by
// src/channels/meta-inbound.ts with their message; every instance runs this worker, claiming due rows with
// `FOR UPDATE SKIP LOCKED` and a lease like the outbox (src/channels/outbox.ts), retrying 5xx and time-outs with
// backoff and failing for good on 4xx (an expired URL, an unknown media id) or a file over the size limit.
import { emitConversation } from '../chats/assign.js';
import type { AppServices } from '../context.js';
import { CHANNEL_MEDIA_TYPES } from '../attachments/content-type.js';
import { formatMegabytes } from '../attachments/file-names.js';
import { discardStoredAttachments, type StoredAttachment, storeFile } from '../attachments/service.js';
import { type Tx, writeTransaction } from '../events/write.js';
import type { InboundMediaFetch } from '../generated/prisma/client.js';
import { log } from '../log.js';
import { outcomeOfFailure } from '../mail/retry.js';
import { leasedQueueWorker } from '../workers/leased-queue.js';
import { metaFailure, type MetaSendResult } from './meta-send.js';
import type { MediaRef } from './meta-parse.js';
import { outboxRetryDelayMs } from './outbox.js';

/** A download may take longer than one API call: this many times the outbox's time limit. */
const DOWNLOAD_TIMEOUT_FACTOR = 4;
const MAX_RETRY_AFTER_MS = 6 * 60 * 60 * 1000;

type Failure = Exclude<MetaSendResult, { outcome: 'SENT' }>;
type Fetched = { outcome: 'FETCHED'; chunks: Uint8Array<ArrayBuffer>[] } | Failure;

interface ClaimedRow {
  id: string;
  attempts: number;
}

/** File extensions for names made up when the provider gives none ("image-1482941605823127.jpg"). */
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'text/plain': 'txt',
  'audio/ogg': 'ogg',
  'audio/ogg; codecs=opus': 'ogg',
  'audio/aac': 'aac',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/mpeg': 'mp3',
  'audio/amr': 'amr',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'video/3gpp2': '3g2',
  'video/quicktime': 'mov',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
};

export function madeUpFileName(media: Pick<MediaRef, 'type' | 'id'>, fallbackId: string, contentType: string) {
  const id = (media.id ?? fallbackId).replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64) || fallbackId;
  return `${media.type || 'file'}-${id}.${EXTENSIONS[contentType] ?? 'bin'}`;
}

const unreachable = (error: unknown, timeoutMs: number): Failure => {
  const name = (error as Error)?.name;
  return {
    outcome: 'RETRY',
    error: name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${timeoutMs} ms` : `could not reach the provider (${(error as Error)?.message ?? error})`,
  };
};

async function jsonOf(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/**
 * GETs `url` and reads its body up to `maxBytes`: a declared or actual size above it is refused without reading (or
 * keeping) the rest, so nothing partial is ever stored.
 */
async function download(url: string, headers: Record<string, string>, maxBytes: number, timeoutMs: number): Promise<Fetched> {
  if (!/^https?:\/\//i.test(url)) return { outcome: 'REFUSED', error: `not an http(s) URL: ${url.slice(0, 200)}` };
  const tooLarge: Failure = { outcome: 'REFUSED', error: `the file is larger than ${formatMegabytes(maxBytes)}, the limit for one attachment` };
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    return unreachable(error, timeoutMs);
  }
  if (!response.ok) return metaFailure(response, await jsonOf(response));
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return tooLarge;
  }
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  try {
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return tooLarge;
      }
      chunks.push(value as Uint8Array<ArrayBuffer>);
    }
  } catch (error) {
    return unreachable(error, timeoutMs);
  }
  return { outcome: 'FETCHED', chunks };
}

export type MediaFetchWorker = ReturnType<typeof createMediaFetchWorker>;

// A medium is held in memory until it is checked and stored (as uploads are), up to ATTACHMENT_MAX_BYTES each: a
// small batch keeps an instance's peak at a few such files.
export function createMediaFetchWorker(app: AppServices, { batchSize = 4 }: { batchSize?: number } = {}) {
  const { graphApiUrl, maxAttempts, retryBaseMs, timeoutMs } = app.config.outbox;
  const { maxBytes } = app.config.attachments;
  const prisma = app.db.prisma;
  const downloadTimeoutMs = timeoutMs * DOWNLOAD_TIMEOUT_FACTOR;
  // The lease outlasts the lookup, the download and the write of the result.
  const leaseSeconds = Math.ceil((timeoutMs + downloadTimeoutMs + 30_000) / 1000);

  async function claim(): Promise<ClaimedRow[]> {
    return prisma.$queryRaw<ClaimedRow[]>`
      UPDATE "InboundMediaFetch" SET "attempts" = "attempts" + 1,
             "nextAttemptAt" = now() + make_interval(secs => ${leaseSeconds}::int)
       WHERE "id" IN (
         SELECT "id" FROM "InboundMediaFetch"
          WHERE "status" = 'PENDING' AND "nextAttemptAt" <= now()
          ORDER BY "nextAttemptAt" LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED)
      RETURNING "id", "attempts"`;
  }

  /** WhatsApp: the media id gives a short-lived URL (Graph API), read with the same token; the others give the URL. */
  async function fetchMedia(channel: string, media: MediaRef, accessToken: string | null): Promise<Fetched> {
    if (channel !== 'WHATSAPP') {
      if (!media.url) return { outcome: 'REFUSED', error: 'the webhook gave no URL for this attachment' };
      return download(media.url, {}, maxBytes, downloadTimeoutMs);
    }
    if (!media.id) return { outcome: 'REFUSED', error: 'the webhook gave no media id' };
    if (!accessToken) return { outcome: 'REFUSED', error: "the WhatsApp channel's settings have no accessToken" };
    const auth = { authorization: `Bearer ${accessToken}` };
    let response: Response;
    let body: unknown;
    try {
      response = await fetch(`${graphApiUrl}/${encodeURIComponent(media.id)}`, { headers: auth, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
      body = await jsonOf(response);
    } catch (error) {
      return unreachable(error, timeoutMs);
    }
    if (!response.ok) return metaFailure(response, body);
    const info = (body ?? {}) as { url?: unknown; file_size?: unknown };
    if (typeof info.url !== 'string' || !info.url) return { outcome: 'RETRY', error: 'the Graph API answered without a media URL' };
    const fileSize = Number(info.file_size);
    if (Number.isFinite(fileSize) && fileSize > maxBytes) {
      return { outcome: 'REFUSED', error: `the file is ${formatMegabytes(fileSize)}, larger than ${formatMegabytes(maxBytes)}, the limit for one attachment` };
    }
    return download(info.url, auth, maxBytes, downloadTimeoutMs);
  }

  /** DONE with its Attachment row and the event that makes screens show the file; false when the row moved on meanwhile. */
  async function finishDone(row: InboundMediaFetch, attempts: number, stored: StoredAttachment) {
    return writeTransaction(app, { workspaceId: row.workspaceId, actor: 'system' }, async (tx: Tx, emit) => {
      // `attempts` in the condition: only the instance holding this attempt's lease writes its result.
      const { count } = await tx.inboundMediaFetch.updateMany({
        where: { id: row.id, attempts, status: 'PENDING' },
        data: { status: 'DONE', doneAt: app.clock.now(), lastError: null },
      });
      if (count === 0) return false;
      const message = await tx.conversationMessage.findUnique({ where: { id: row.conversationMessageId }, include: { conversation: true } });
      if (!message) return false;
      await tx.attachment.create({ data: { workspaceId: row.workspaceId, conversationMessageId: message.id, ...stored } });
      emitConversation(emit, 'conversation.message.files', message.conversation, { messageId: message.id });
      return true;
    });
  }

  async function failOrRetry(row: InboundMediaFetch, attempts: number, failure: Failure) {
    const outcome = outcomeOfFailure(attempts, maxAttempts, failure.outcome === 'REFUSED', retryBaseMs);
    log.warn('customer media not fetched', { fetchId: row.id, attempt: attempts, outcome: outcome.status, error: failure.error });
    if (outcome.status === 'FAILED') {
      await prisma.inboundMediaFetch.updateMany({
        where: { id: row.id, attempts, status: 'PENDING' },
        data: { status: 'FAILED', lastError: failure.error },
      });
      return;
    }
    const waitMs =
      failure.outcome === 'RETRY' && failure.retryAfterMs !== undefined
        ? Math.min(failure.retryAfterMs, MAX_RETRY_AFTER_MS)
        : outboxRetryDelayMs(attempts, retryBaseMs);
    await prisma.$executeRaw`UPDATE "InboundMediaFetch" SET "lastError" = ${failure.error},
         "nextAttemptAt" = now() + make_interval(secs => ${waitMs / 1000}::double precision)
       WHERE "id" = ${row.id}::uuid AND "attempts" = ${attempts} AND "status" = 'PENDING'`;
  }

  async function attempt(claimed: ClaimedRow) {
    const row = await prisma.inboundMediaFetch.findUnique({ where: { id: claimed.id } });
    if (!row) return; // its message was deleted meanwhile
    const media = (row.media ?? {}) as unknown as MediaRef;
    const productChannel = await prisma.productChannel.findUnique({ where: { id: row.productChannelId } });
    if (!productChannel) {
      await failOrRetry(row, claimed.attempts, { outcome: 'REFUSED', error: 'the product channel was removed before the media was fetched' });
      return;
    }
    const settings = (productChannel.settings ?? {}) as Record<string, unknown>;
    const accessToken = typeof settings.accessToken === 'string' && settings.accessToken ? settings.accessToken : null;
    const fetched = await fetchMedia(productChannel.channel, media, accessToken);
    if (fetched.outcome !== 'FETCHED') {
      await failOrRetry(row, claimed.attempts, fetched);
      return;
    }
    const file = new File(fetched.chunks, media.fileName ?? '');
    let stored: StoredAttachment;
    try {
      stored = await storeFile(app.config, file, CHANNEL_MEDIA_TYPES);
    } catch (error) {
      // A refusal by content (an executable, an unknown format): the same answer on every try.
      if ((error as { extensions?: { code?: string } }).extensions?.code !== 'BAD_USER_INPUT') throw error;
      await failOrRetry(row, claimed.attempts, { outcome: 'REFUSED', error: (error as Error).message });
      return;
    }
    if (!media.fileName) stored = { ...stored, fileName: madeUpFileName(media, row.id.slice(0, 8), stored.contentType) };
    let recorded = false;
    try {
      recorded = await finishDone(row, claimed.attempts, stored);
    } finally {
      // Not recorded (the lease ran out and another instance took over, the message is gone, the write failed):
      // the file must not outlive the attempt.
      if (!recorded) await discardStoredAttachments(app.config, [stored]);
    }
  }

  return leasedQueueWorker({ name: 'media fetch', pollMs: app.config.mediaFetch.pollMs, claim, attempt, idOf: (row) => row.id });
}
