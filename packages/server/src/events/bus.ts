// Events that are never lost: services write them to the Event table (the outbox) in the same transaction as the
// change; the relay publishes committed rows to the pub/sub and marks them. Several instances may run the relay at
// once: `FOR UPDATE SKIP LOCKED` hands each row to exactly one of them.
import { setMaxListeners } from 'node:events';
import { createPubSub } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { PrismaClient } from '../generated/prisma/client.js';
import { log } from '../log.js';
import { coalescingRunner, every } from '../workers/serial-runner.js';

export interface PublishedEvent {
  id: string;
  workspaceId: string;
  type: string;
  entityType: string;
  entityId: string;
  actor: string;
  payload: unknown;
  occurredAt: string;
}

type Topics = Record<string, [PublishedEvent]>;

export interface EventRow {
  id: bigint;
  workspaceId: string;
  type: string;
  entityType: string;
  entityId: string;
  actor: string;
  payload: unknown;
  createdAt: Date;
}

export const toPublishedEvent = (row: EventRow): PublishedEvent => ({
  id: row.id.toString(),
  workspaceId: row.workspaceId,
  type: row.type,
  entityType: row.entityType,
  entityId: row.entityId,
  actor: row.actor,
  payload: row.payload,
  occurredAt: row.createdAt.toISOString(),
});

export const workspaceTopic = (workspaceId: string) => `workspace:${workspaceId}`;

export interface EventBusOptions {
  prisma: PrismaClient;
  redis?: { publish: Redis; subscribe: Redis };
  pollMs: number;
  /** Published events older than this are pruned; it is also how far back `workspaceEvents(after:)` can resume. */
  retentionDays: number;
  batchSize?: number;
}

const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * The in-process event target (no Redis). Every open subscription of a workspace listens on that workspace's topic, so
 * dozens of listeners per topic are the normal case, not the leak Node's default warning at 11 assumes.
 */
function workspaceEventTarget() {
  const target = new EventTarget();
  setMaxListeners(0, target);
  return target;
}

export type EventBus = ReturnType<typeof createEventBus>;

export function createEventBus({ prisma, redis, pollMs, retentionDays, batchSize = 200 }: EventBusOptions) {
  const pubsub = createPubSub<Topics>({
    eventTarget: redis ? createRedisEventTarget({ publishClient: redis.publish, subscribeClient: redis.subscribe }) : workspaceEventTarget(),
  });
  // With Redis we publish ourselves so that the relay can await the broker before it marks a row as published.
  const publish = redis
    ? async (event: PublishedEvent) => {
        await redis.publish.publish(workspaceTopic(event.workspaceId), JSON.stringify(event));
      }
    : async (event: PublishedEvent) => pubsub.publish(workspaceTopic(event.workspaceId), event);

  let timers: ReturnType<typeof every>[] = [];
  let stopped = false;

  async function publishBatch(): Promise<number> {
    return prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<EventRow[]>`SELECT "id", "workspaceId", "type", "entityType", "entityId", "actor", "payload", "createdAt"
          FROM "Event" WHERE "publishedAt" IS NULL ORDER BY "id" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return 0;
      // Publishing before the mark commits: a crash in between re-publishes (at least once) rather than losing one.
      for (const row of rows) await publish(toPublishedEvent(row));
      const ids = rows.map((row) => row.id);
      await tx.$executeRaw`UPDATE "Event" SET "publishedAt" = now() WHERE "id" = ANY(${ids}::bigint[])`;
      return rows.length;
    });
  }

  const drains = coalescingRunner(
    async () => {
      while (!stopped && (await publishBatch()) === batchSize) {
        /* a full batch: there may be more */
      }
    },
    // The database or broker is away; the rows stay unpublished and the next poll retries them.
    (error) => log.warn('event relay could not publish', { error: error.message }),
  );

  /** Deleting is idempotent, so every instance may prune; no lease is needed. */
  async function prune(): Promise<number> {
    try {
      return await prisma.$executeRaw`DELETE FROM "Event" WHERE "publishedAt" < now() - make_interval(days => ${retentionDays}::int)`;
    } catch (error) {
      log.warn('event pruning failed', { error: (error as Error).message });
      return 0;
    }
  }

  /** Publish what is committed now; coalesces concurrent calls into one drain. */
  function drain(): Promise<void> {
    return drains.trigger();
  }

  return {
    pubsub,
    subscribe: (workspaceId: string) => pubsub.subscribe(workspaceTopic(workspaceId)),
    /** Called after a transaction that wrote events commits. */
    kick: () => void drain(),
    drain,
    prune,
    start() {
      stopped = false;
      // Polling catches rows committed by an instance that stopped before publishing them.
      timers = [every(pollMs, () => void drain()), every(PRUNE_EVERY_MS, () => void prune())];
      void drain();
    },
    async stop() {
      stopped = true;
      for (const timer of timers) timer.stop();
      timers = [];
      await drains.settled();
    },
  };
}
