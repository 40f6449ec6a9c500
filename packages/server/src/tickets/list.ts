// Reading ticket lists: a page (ids by SQL, then the rows with whatever the client selected through Prisma), its
// total, the sidebar counts, and whether one ticket belongs to a list (for the live feed). The conditions come from
// list-filter.ts, so all four agree.
import { badInput } from '../errors.js';
import { Prisma, type PrismaClient, type Ticket } from '../generated/prisma/client.js';
import type { StatusCategory } from '../generated/prisma/enums.js';
import { conditionsOf, pageOrder, type TicketFilters, type TicketSortOrder, type Viewer } from './list-filter.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A list request after decoding: who asks, the filters that must all hold, and the order. */
export interface TicketListing {
  viewer: Viewer;
  filters: TicketFilters;
  sort: TicketSortOrder;
}

/** What Pothos' prismaConnection hands the resolver: the selection plus Prisma-style cursor paging. */
export interface ConnectionQuery {
  take: number;
  skip: number;
  cursor?: { id: string };
  [selection: string]: unknown;
}

/**
 * One page of tickets, in list order, with the client's selection. Paging follows Prisma's cursor semantics (Pothos
 * computes `take`/`cursor`/`skip`): a negative `take` reads backwards from the cursor. Two statements: the page's ids
 * (filter, full-text search, keyset and LIMIT in one index-friendly query), then the rows and their relations.
 */
export async function ticketPage(prisma: PrismaClient, listing: TicketListing, query: ConnectionQuery): Promise<Ticket[]> {
  const { take, skip, cursor, ...selection } = query;
  const cursorId = cursor?.id ?? null;
  if (cursorId !== null && !UUID.test(cursorId)) throw badInput(take < 0 ? 'before' : 'after', 'Not a cursor of this list.');
  if (cursorId !== null && skip !== 1) throw new Error('ticketPage expects the cursor row to be skipped');
  const backward = take < 0;
  const limit = Math.abs(take);
  if (limit === 0) return [];
  const { workspaceId } = listing.viewer;
  const { orderBy, after } = pageOrder(listing.sort, { cursorId, backward }, workspaceId);
  const where = conditionsOf(listing.filters, listing.viewer);
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT t."id" FROM "Ticket" t WHERE ${where} ${after ? Prisma.sql`AND ${after}` : Prisma.empty} ORDER BY ${orderBy} LIMIT ${limit}`;
  const ids = rows.map((row) => row.id);
  if (backward) ids.reverse();
  if (ids.length === 0) return [];
  const tickets = await prisma.ticket.findMany({ ...(selection as object), where: { id: { in: ids }, workspaceId } });
  const position = new Map(ids.map((id, index) => [id, index]));
  return tickets.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
}

export async function ticketTotal(prisma: PrismaClient, listing: TicketListing): Promise<number> {
  const [{ total }] = await prisma.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS "total" FROM "Ticket" t WHERE ${conditionsOf(listing.filters, listing.viewer)}`;
  return total;
}

export interface StatusCount {
  status: {
    id: string;
    workspaceId: string;
    name: string;
    category: StatusCategory;
    position: number;
    isDefault: boolean;
    createdAt: Date;
    updatedAt: Date;
  };
  count: number;
  unassigned: number;
  assignedToMe: number;
}

export interface TicketCounts {
  total: number;
  unassigned: number;
  /** null for API tokens: they have no tickets of their own. */
  assignedToMe: number | null;
  byStatus: StatusCount[];
  byCategory: { category: StatusCategory; count: number }[];
}

const CATEGORIES: StatusCategory[] = ['NEW', 'OPEN', 'PENDING', 'RESOLVED', 'CLOSED'];

/**
 * The sidebar: how many tickets match, per status (every status of the workspace, zero included), per category,
 * unassigned and assigned to the caller. One grouped statement: statuses joined to the matching tickets.
 */
export async function ticketCounts(prisma: PrismaClient, listing: TicketListing): Promise<TicketCounts> {
  const me = listing.viewer.userId;
  const rows = await prisma.$queryRaw<(StatusCount['status'] & { count: number; unassigned: number; mine: number })[]>`
    SELECT s."id", s."workspaceId", s."name", s."category"::text AS "category", s."position", s."isDefault", s."createdAt", s."updatedAt",
           count(t."id")::int AS "count",
           (count(t."id") FILTER (WHERE t."assigneeUserId" IS NULL AND t."assigneeTeamId" IS NULL))::int AS "unassigned",
           (count(t."id") FILTER (WHERE t."assigneeUserId" = ${me}::uuid))::int AS "mine"
      FROM "TicketStatus" s
      LEFT JOIN "Ticket" t ON t."statusId" = s."id" AND ${conditionsOf(listing.filters, listing.viewer)}
     WHERE s."workspaceId" = ${listing.viewer.workspaceId}::uuid
     GROUP BY s."id"
     ORDER BY s."position", s."id"`;
  const byStatus = rows.map(({ count, unassigned, mine, ...status }) => ({ status, count, unassigned, assignedToMe: mine }));
  const sum = (pick: (row: StatusCount) => number) => byStatus.reduce((total, row) => total + pick(row), 0);
  return {
    total: sum((row) => row.count),
    unassigned: sum((row) => row.unassigned),
    assignedToMe: me ? sum((row) => row.assignedToMe) : null,
    byStatus,
    byCategory: CATEGORIES.map((category) => ({
      category,
      count: sum((row) => (row.status.category === category ? row.count : 0)),
    })),
  };
}

/** Whether a ticket is in the list now (one primary-key lookup with the list's conditions). */
export async function ticketInListing(prisma: PrismaClient, listing: TicketListing, ticketId: string): Promise<boolean> {
  const [{ matches }] = await prisma.$queryRaw<{ matches: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "Ticket" t WHERE t."id" = ${ticketId}::uuid AND ${conditionsOf(listing.filters, listing.viewer)}) AS "matches"`;
  return matches;
}
