// Resuming a feed: a client that reconnects (after a deploy closed its socket with 1001, or a network blip) passes
// the id of the last event it saw and first receives what it missed, from the outbox table, then the live feed,
// with nothing twice.
import type { PrismaClient } from '../generated/prisma/client.js';
import { type EventRow, type PublishedEvent, toPublishedEvent } from './bus.js';

/** At most this many missed events are replayed; a client further behind should re-read the state it needs. */
export const REPLAY_LIMIT = 1000;

export async function* replayThenLive(
  prisma: PrismaClient,
  workspaceId: string,
  afterId: bigint,
  live: AsyncIterable<PublishedEvent>,
  visible: (event: PublishedEvent) => boolean,
): AsyncGenerator<PublishedEvent> {
  const liveEvents = live[Symbol.asyncIterator]();
  // Ask for the first live event before reading the table, so that the live subscription exists already and an
  // event committed meanwhile is either in the table, or live, or both (then it is skipped once).
  let nextLive = liveEvents.next();
  const missed = await prisma.$queryRaw<EventRow[]>`
    SELECT "id", "workspaceId", "type", "entityType", "entityId", "actor", "payload", "createdAt"
      FROM "Event" WHERE "workspaceId" = ${workspaceId}::uuid AND "id" > ${afterId}
     ORDER BY "id" LIMIT ${REPLAY_LIMIT}`;
  const replayed = new Set<string>();
  try {
    for (const row of missed) {
      const event = toPublishedEvent(row);
      replayed.add(event.id);
      if (visible(event)) yield event;
    }
    for (;;) {
      const { value, done } = await nextLive;
      if (done) return;
      nextLive = liveEvents.next();
      if (!replayed.has(value.id)) yield value;
    }
  } finally {
    await liveEvents.return?.();
  }
}
