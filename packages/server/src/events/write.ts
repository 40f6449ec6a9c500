// The one way services change data: a transaction that also writes the change's events to the outbox, and wakes
// the relay once it has committed. A change and its event commit together or not at all.
import type { AppServices } from '../context.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export interface EventDraft {
  type: string;
  entityType: string;
  entityId: string;
  payload?: Prisma.InputJsonObject;
  /** Only for events of a workspace the actor does not belong to yet (creating a workspace). */
  workspaceId?: string;
}

export interface Actor {
  workspaceId: string | null;
  /** `user:<id>`, `token:<id>` or `system`. */
  actor: string;
}

export interface WriteOptions {
  /** Longer than Prisma's 5 s default, for work that touches hundreds of rows at once (bulk actions). */
  timeoutMs?: number;
}

/** What "now" is for the app: the wall clock in production, a clock the test moves in time-dependent tests. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Each transaction has one "now", so every row of a change carries the same instant (and tests can move it). */
const transactionTimes = new WeakMap<object, Date>();

/** The instant of the change `tx` is writing (the wall clock for a transaction not opened by writeTransaction). */
export const transactionTime = (tx: Tx): Date => transactionTimes.get(tx) ?? new Date();

export async function writeTransaction<T>(
  app: Pick<AppServices, 'db' | 'events'> & { clock?: Clock },
  actor: Actor,
  work: (tx: Tx, emit: (event: EventDraft) => void) => Promise<T>,
  options: WriteOptions = {},
): Promise<T> {
  const drafts: EventDraft[] = [];
  const now = (app.clock ?? systemClock).now();
  const result = await app.db.prisma.$transaction(async (tx) => {
    transactionTimes.set(tx, now);
    const value = await work(tx, (event) => drafts.push(event));
    if (drafts.length > 0) {
      await tx.event.createMany({
        data: drafts.map(({ workspaceId, payload, ...event }) => {
          const owner = workspaceId ?? actor.workspaceId;
          if (!owner) throw new Error(`event ${event.type} has no workspace`);
          return { ...event, workspaceId: owner, actor: actor.actor, payload: payload ?? {} };
        }),
      });
    }
    return value;
  }, options.timeoutMs ? { timeout: options.timeoutMs } : undefined);
  if (drafts.length > 0) app.events.kick();
  return result;
}
