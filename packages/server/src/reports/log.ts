// The SLA log: one line per target (who asked, which ticket, who works on it, the promise, how it went), oldest
// first, paged by keyset on (startedAt, id) so a page costs the same at the start and at the end of a year.
import { businessTimeBetween } from '../calendar/calendar.js';
import type { Prisma as PrismaClient } from '../db.js';
import { badInput } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Channel, Priority, SlaMetric, SlaTargetStatus } from '../generated/prisma/enums.js';
import { businessCalendarOf } from '../sla/terms.js';
import { reportColumnsOfStoredTargets } from './compliance.js';
import { type ReportFilter, reportConditions } from './filters.js';

export type SlaResult = 'MET' | 'MISSED' | 'PENDING';

export interface SlaLogRow {
  id: string;
  ticketId: string;
  ticketNumber: number;
  ticketSubject: string;
  customerName: string;
  customerEmail: string | null;
  productId: string;
  productName: string | null;
  channel: Channel;
  priority: Priority;
  teamId: string | null;
  teamName: string | null;
  agentId: string | null;
  agentName: string | null;
  policyId: string | null;
  policyName: string;
  metric: SlaMetric;
  cycle: number;
  targetMinutes: number;
  startedAt: Date;
  dueAt: Date | null;
  completedAt: Date | null;
  breachedAt: Date | null;
  status: SlaTargetStatus;
  result: SlaResult;
  elapsedSeconds: number;
  /**
   * Business seconds left before the due time (negative: overdue by that much). Completed and paused targets: the
   * target's time minus what the clock counted; open targets with a due time: measured now, on the policy's calendar.
   */
  remainingSeconds: number;
}

export interface SlaLogPage {
  rows: SlaLogRow[];
  hasNextPage: boolean;
}

interface Cursor {
  startedAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const encodeLogCursor = (row: Pick<SlaLogRow, 'startedAt' | 'id'>) =>
  Buffer.from(`slaLog:${row.startedAt.toISOString()}|${row.id}`).toString('base64url');

export function decodeLogCursor(cursor: string, field = 'after'): Cursor {
  const match = /^slaLog:([^|]+)\|(.+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  const startedAt = match ? new Date(match[1]) : null;
  if (!match || !startedAt || Number.isNaN(startedAt.getTime()) || !UUID.test(match[2])) {
    throw badInput(field, 'Not a cursor of this log.');
  }
  return { startedAt, id: match[2] };
}

export interface LogQuery {
  filter: ReportFilter;
  /** Empty = every status. */
  statuses: readonly SlaTargetStatus[];
  first: number;
  after: Cursor | null;
  now: Date;
}

type SqlRow = Omit<SlaLogRow, 'result' | 'remainingSeconds'> & {
  remainingStoredSeconds: number;
  calendarTimeZone: string | null;
  calendarWeeklyHours: unknown;
  calendarHolidays: unknown;
};

/** One page (and whether another follows), with the names people read. One statement. */
export async function slaLogPage(prisma: Pick<PrismaClient, '$queryRaw'>, query: LogQuery): Promise<SlaLogPage> {
  const { filter, statuses, first, after, now } = query;
  if (first <= 0) return { rows: [], hasNextPage: false };
  const conditions = [reportConditions(filter, 't')];
  if (statuses.length > 0) conditions.push(Prisma.sql`t."status" = ANY(${[...statuses]}::text[]::"SlaTargetStatus"[])`);
  if (after) conditions.push(Prisma.sql`(t."startedAt", t."id") > (${after.startedAt}, ${after.id}::uuid)`);
  // `t` is the table's row plus the report columns the shared filter reads (as `s`, see filters.ts).
  const rows = await prisma.$queryRaw<SqlRow[]>`
    SELECT t."id", t."ticketId", k."number" AS "ticketNumber", k."subject" AS "ticketSubject",
           c."name" AS "customerName", c."email" AS "customerEmail",
           t."productId", p."name" AS "productName", t."channel"::text AS "channel", t."priority"::text AS "priority",
           t."assigneeTeamId" AS "teamId", tm."name" AS "teamName", t."assigneeUserId" AS "agentId", u."name" AS "agentName",
           t."policyId", t."policyName", t."metric"::text AS "metric", t."cycle", t."targetMinutes",
           t."startedAt", t."dueAt", t."completedAt", t."breachedAt", t."status"::text AS "status", t."elapsedSeconds",
           (t."targetMinutes" * 60 - t."elapsedSeconds") AS "remainingStoredSeconds",
           cal."timeZone" AS "calendarTimeZone", cal."weeklyHours" AS "calendarWeeklyHours", cal."holidays" AS "calendarHolidays"
      FROM (SELECT t.*, ${reportColumnsOfStoredTargets} FROM "SlaTarget" t WHERE t."workspaceId" = ${filter.workspaceId}::uuid) t
      JOIN "Ticket" k ON k."id" = t."ticketId"
      JOIN "Customer" c ON c."id" = k."customerId"
      LEFT JOIN "Product" p ON p."id" = t."productId"
      LEFT JOIN "Team" tm ON tm."id" = t."assigneeTeamId"
      LEFT JOIN "User" u ON u."id" = t."assigneeUserId"
      LEFT JOIN "SlaPolicy" sp ON sp."id" = t."policyId"
      LEFT JOIN "BusinessCalendar" cal ON cal."id" = sp."calendarId"
     WHERE ${Prisma.join(conditions, ' AND ')}
     ORDER BY t."startedAt", t."id"
     LIMIT ${first + 1}`;
  const page = rows.slice(0, first).map((row) => logRowOf(row, now));
  return { rows: page, hasNextPage: rows.length > first };
}

function logRowOf(row: SqlRow, now: Date): SlaLogRow {
  const { remainingStoredSeconds, calendarTimeZone, calendarWeeklyHours, calendarHolidays, ...rest } = row;
  const missed = row.status === 'BREACHED' || (row.status === 'ACTIVE' && row.dueAt !== null && row.dueAt <= now);
  const result: SlaResult = row.status === 'ACHIEVED' ? 'MET' : missed ? 'MISSED' : 'PENDING';
  let remainingSeconds = remainingStoredSeconds;
  if (row.completedAt === null && row.dueAt && (row.status === 'ACTIVE' || row.status === 'BREACHED')) {
    // A clock still running: business time between now and the due time, on the policy's calendar (24/7 without
    // one, or when the policy is gone), as the live SlaTarget.remainingSeconds reads it.
    const calendar = calendarTimeZone
      ? businessCalendarOf({ timeZone: calendarTimeZone, weeklyHours: calendarWeeklyHours, holidays: calendarHolidays })
      : null;
    const between = (a: Date, b: Date) => (calendar ? businessTimeBetween(calendar, a, b) : Math.max(0, b.getTime() - a.getTime()));
    remainingSeconds = Math.trunc((row.dueAt > now ? between(now, row.dueAt) : -between(row.dueAt, now)) / 1000);
  }
  return { ...rest, result, remainingSeconds };
}
