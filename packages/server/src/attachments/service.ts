// Attachments of tickets and messages. Files are checked (count, size, content) and stored BEFORE the transaction
// that records them, and removed again when that transaction fails: a file is never half-written, and a refused
// request leaves nothing behind. Each file is streamed into storage with its bytes counted, hashed and (for text)
// checked as they pass, so a file that grows past the limit is cut off there rather than read to its end.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Config } from '../config.js';
import { badInput } from '../errors.js';
import type { Tx } from '../events/write.js';
import { log } from '../log.js';
import { ACCEPTED_KINDS, detectContentType, PLAIN_TEXT, TextCheck } from './content-type.js';
import { displayFileName, formatMegabytes } from './file-names.js';
import { type AttachmentStorage, DiskAttachmentStorage, newStorageKey } from './storage.js';

/** What the Upload scalar carries: a File from a multipart request (see multipart.ts). */
export type Upload = Blob & { readonly name?: string };

export const isUpload = (value: unknown): value is Upload => value instanceof Blob;

type AttachmentConfig = Pick<Config, 'attachments'>;

const storages = new Map<string, AttachmentStorage>();

/** The storage of an app. Disk storage keeps no state beyond its directory, so one per directory is shared. */
export function attachmentStorageOf(config: AttachmentConfig): AttachmentStorage {
  const dir = config.attachments.storageDir;
  let storage = storages.get(dir);
  if (!storage) {
    storage = new DiskAttachmentStorage(dir);
    storages.set(dir, storage);
  }
  return storage;
}

export interface StoredAttachment {
  storageKey: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** Checks and stores the uploads of one message; on any refusal, what was already stored is removed. */
export async function storeUploads(
  config: AttachmentConfig,
  uploads: readonly unknown[] | null | undefined,
  field: string,
): Promise<StoredAttachment[]> {
  if (!uploads || uploads.length === 0) return [];
  const { perMessage } = config.attachments;
  if (uploads.length > perMessage) throw badInput(field, `At most ${perMessage} attachments per message.`);
  for (const upload of uploads) {
    if (!isUpload(upload)) {
      throw badInput(field, 'Each attachment must be a file sent as a multipart request (GraphQL multipart request spec).');
    }
  }
  const storage = attachmentStorageOf(config);
  const stored: StoredAttachment[] = [];
  try {
    for (const upload of uploads as Upload[]) stored.push(await storeOne(storage, config, upload, field));
  } catch (error) {
    await discardStoredAttachments(config, stored);
    throw error;
  }
  return stored;
}

/**
 * Checks and stores one file that did not come as an upload (media fetched from a channel), with the same limit,
 * content detection and hashing; `alsoAccepted` widens the allow-list (voice notes, videos). Refusals are thrown as
 * BAD_USER_INPUT errors whose message says why.
 */
export async function storeFile(config: AttachmentConfig, file: Upload, alsoAccepted?: ReadonlySet<string>): Promise<StoredAttachment> {
  return storeOne(attachmentStorageOf(config), config, file, 'file', alsoAccepted);
}

async function storeOne(
  storage: AttachmentStorage,
  config: AttachmentConfig,
  upload: Upload,
  field: string,
  alsoAccepted?: ReadonlySet<string>,
): Promise<StoredAttachment> {
  const fileName = displayFileName(upload.name);
  const { maxBytes } = config.attachments;
  const tooLarge = () => badInput(field, `"${fileName}" is larger than ${formatMegabytes(maxBytes)}, the limit for one attachment.`);
  if (upload.size > maxBytes) throw tooLarge();

  const detection = await detectContentType(upload, alsoAccepted);
  if (!detection.accepted) {
    throw badInput(field, `"${fileName}" cannot be attached: ${detection.reason}. Accepted are ${ACCEPTED_KINDS}.`);
  }
  const notText = () =>
    badInput(field, `"${fileName}" cannot be attached: it is not UTF-8 text (or contains NUL bytes) and has no accepted format.`);

  const hash = createHash('sha256');
  const textCheck = detection.contentType === PLAIN_TEXT ? new TextCheck() : null;
  let size = 0;
  async function* inspected() {
    for await (const chunk of Readable.fromWeb(upload.stream() as WebReadableStream<Uint8Array>) as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) throw tooLarge();
      if (textCheck && !textCheck.push(chunk)) throw notText();
      hash.update(chunk);
      yield chunk;
    }
    if (textCheck && !textCheck.end()) throw notText();
  }
  const storageKey = newStorageKey();
  // A refusal thrown above fails the stream; the storage then removes its partial file itself.
  await storage.put(storageKey, Readable.from(inspected()));
  return { storageKey, fileName, contentType: detection.contentType, size, sha256: hash.digest('hex') };
}

/** Removes stored files whose transaction failed. Never throws: the caller is already reporting another failure. */
export async function discardStoredAttachments(config: AttachmentConfig, stored: readonly StoredAttachment[]) {
  const storage = attachmentStorageOf(config);
  await Promise.all(
    stored.map((attachment) =>
      storage.delete(attachment.storageKey).catch((error: Error) => {
        log.warn('could not remove an attachment after a failed change', { storageKey: attachment.storageKey, error: error.message });
      }),
    ),
  );
}

/**
 * Stores the uploads, then runs `work` (the transaction that records them); if `work` fails, the files are removed.
 * Files first, rows second: a row never points at a missing file.
 */
export async function withStoredUploads<T>(
  app: { config: AttachmentConfig },
  uploads: readonly unknown[] | null | undefined,
  field: string,
  work: (stored: StoredAttachment[]) => Promise<T>,
): Promise<T> {
  const stored = await storeUploads(app.config, uploads, field);
  try {
    return await work(stored);
  } catch (error) {
    await discardStoredAttachments(app.config, stored);
    throw error;
  }
}

/** Records stored files on a ticket (and on one of its messages), inside the caller's transaction. */
export async function recordAttachments(
  tx: Tx,
  stored: readonly StoredAttachment[],
  owner: { workspaceId: string; ticketId: string; messageId?: string | null },
) {
  if (stored.length === 0) return;
  await tx.attachment.createMany({
    data: stored.map((attachment) => ({
      workspaceId: owner.workspaceId,
      ticketId: owner.ticketId,
      messageId: owner.messageId ?? null,
      ...attachment,
    })),
  });
}
