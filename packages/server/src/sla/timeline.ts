// SLA timelines read from the database: what the clocks in clock.ts measure (customer messages, public agent
// replies, status categories over time). Two queries per batch, whatever the tickets' length: the live recompute
// reads one ticket in its change's transaction, the what-if replay thousands at a time.
import type { Tx } from '../events/write.js';
import type { StatusCategory } from '../generated/prisma/enums.js';
import type { TicketTimeline, TimelineEntry } from './clock.js';

export interface TimelineTicket {
  id: string;
  createdAt: Date;
  channel: TicketTimeline['channel'];
  isInternal: boolean;
  /** The status the ticket has now: the initial one when the history lacks a readable `created` entry. */
  statusCategory: StatusCategory;
}

interface TimelineRow {
  ticketId: string;
  at: Date;
  sequence: bigint;
  /** customerMessage | agentReply | created | status */
  kind: string;
  category: StatusCategory | null;
}

export async function loadTicketTimeline(tx: Tx, ticket: TimelineTicket): Promise<TicketTimeline> {
  return (await loadTicketTimelines(tx, [ticket])).get(ticket.id)!;
}

export async function loadTicketTimelines(db: Pick<Tx, '$queryRaw'>, tickets: readonly TimelineTicket[]): Promise<Map<string, TicketTimeline>> {
  const ids = tickets.map((ticket) => ticket.id);
  // Messages read by ticketId: a merge moves the source's messages here with their own times, so they count too.
  // System messages (automatic replies) and private notes answer nobody.
  const messages = await db.$queryRaw<TimelineRow[]>`
    SELECT m."ticketId", m."createdAt" AS "at", m."sequence",
           CASE WHEN m."authorKind" = 'CUSTOMER' THEN 'customerMessage' ELSE 'agentReply' END AS "kind", NULL AS "category"
      FROM "TicketMessage" m
     WHERE m."ticketId" = ANY(${ids}::uuid[])
       AND (m."authorKind" = 'CUSTOMER' OR (m."authorKind" = 'AGENT' AND m."visibility" = 'PUBLIC'))`;
  // Status history: `status` entries hold the new status id, the `created` entry holds the initial one. Categories
  // are read from the statuses as they are now: an admin moving a status to another category re-reads the past of
  // every ticket that had it, at that ticket's next change.
  const statuses = await db.$queryRaw<TimelineRow[]>`
    SELECT h."ticketId", h."createdAt" AS "at", h."sequence", h."field" AS "kind", s."category"::text AS "category"
      FROM "TicketHistoryEntry" h
      LEFT JOIN "TicketStatus" s ON s."id"::text = CASE WHEN h."field" = 'status' THEN h."toValue" #>> '{}' ELSE h."toValue" ->> 'status' END
     WHERE h."ticketId" = ANY(${ids}::uuid[]) AND h."field" IN ('status', 'created')`;

  type Item = { at: Date; rank: number; sequence: bigint; entry: TimelineEntry };
  const byTicket = new Map<string, { initial: StatusCategory | null; items: Item[] }>(ids.map((id) => [id, { initial: null, items: [] }]));
  for (const row of messages) {
    const entry = { at: row.at, kind: row.kind as 'customerMessage' | 'agentReply' };
    byTicket.get(row.ticketId)!.items.push({ at: row.at, rank: 0, sequence: BigInt(row.sequence), entry });
  }
  for (const row of statuses) {
    const timeline = byTicket.get(row.ticketId)!;
    if (row.kind === 'created') timeline.initial ??= row.category;
    else if (row.category) timeline.items.push({ at: row.at, rank: 1, sequence: BigInt(row.sequence), entry: { at: row.at, kind: 'status', category: row.category } });
  }

  const timelines = new Map<string, TicketTimeline>();
  for (const ticket of tickets) {
    const { initial, items } = byTicket.get(ticket.id)!;
    // The two tables number their rows separately, so at one instant (one change) messages come before the status
    // change they were written with: "reply and resolve" answers first, a customer's message reopens after it arrived.
    items.sort((a, b) => a.at.getTime() - b.at.getTime() || a.rank - b.rank || (a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : 0));
    timelines.set(ticket.id, {
      createdAt: ticket.createdAt,
      channel: ticket.channel,
      isInternal: ticket.isInternal,
      initialCategory: initial ?? ticket.statusCategory,
      entries: items.map((item) => item.entry),
    });
  }
  return timelines;
}
