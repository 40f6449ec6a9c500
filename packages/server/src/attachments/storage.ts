// Where attachment bytes live, behind a small interface so that an object store can replace the disk later. Keys are
// random and chosen by us; nothing a client sends ever becomes part of a path.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface AttachmentStorage {
  /** Stores the stream under `key`; on any failure nothing is left under `key`. */
  put(key: string, content: Readable): Promise<void>;
  /** The stored bytes; rejects with `AttachmentMissingError` when there are none. */
  get(key: string): Promise<Readable>;
  /** Idempotent: deleting a missing key is fine (clean-up after a failure may run twice). */
  delete(key: string): Promise<void>;
}

export class AttachmentMissingError extends Error {
  constructor(key: string) {
    super(`attachment ${key} is not in storage`);
    this.name = 'AttachmentMissingError';
  }
}

const KEY = /^[a-z0-9]{32}$/;

/** 128 random bits, hex: unguessable, and safe as a file name on every file system. */
export const newStorageKey = () => randomBytes(16).toString('hex');

/**
 * Files under `root`, fanned out by the key's first characters so no directory grows huge. A file is written under a
 * temporary name and renamed when complete, so a reader never sees half a file, even after a crash.
 */
export class DiskAttachmentStorage implements AttachmentStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string) {
    // Keys come back from the database; checking them keeps a tampered row from reaching outside `root`.
    if (!KEY.test(key)) throw new Error(`invalid attachment storage key: ${JSON.stringify(key)}`);
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(key: string, content: Readable): Promise<void> {
    const target = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const partial = `${target}.${randomBytes(4).toString('hex')}.part`;
    try {
      await pipeline(content, fs.createWriteStream(partial, { flags: 'wx' }));
      await fs.promises.rename(partial, target);
    } catch (error) {
      await fs.promises.rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const target = this.pathOf(key);
    // Opening first turns a missing file into a clear error here rather than a stream error mid-response.
    const handle = await fs.promises.open(target, 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new AttachmentMissingError(key) : error;
    });
    return handle.createReadStream();
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }
}
