// Ticket volume: tickets created, resolved and still open (the backlog) per bucket of the workspace's zone, split by
// the dimensions asked for, with the names people read, and per group for the whole period: ONE SQL statement over
// the tickets with GROUP BY, whatever the period or the number of groups.
import type { Prisma as PrismaClient } from '../db.js';
import { badInput } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';
import { Priority } from '../generated/prisma/enums.js';
import { type BucketInterval, bucketStarts } from './buckets.js';
import { workspaceTimeZone } from './compliance.js';
import { decodeReportFilter, enumValues, MAX_FILTER_VALUES, type PeriodLimit, type ReportFilterInput } from './filters.js';

export type VolumeDimension = 'STATUS' | 'PRODUCT' | 'CHANNEL' | 'PRIORITY' | 'TYPE' | 'TEAM' | 'AGENT';
export const VOLUME_DIMENSIONS = ['STATUS', 'PRODUCT', 'CHANNEL', 'PRIORITY', 'TYPE', 'TEAM', 'AGENT'] as const satisfies readonly VolumeDimension[];
export const VOLUME_INTERVALS = ['HOUR', 'DAY', 'WEEK', 'MONTH'] as const satisfies readonly BucketInterval[];

export type VolumeFilterInput = Pick<ReportFilterInput, 'from' | 'to' | 'productIds' | 'channels' | 'teamIds' | 'agentIds'> & {
  priorities?: readonly string[] | null;
};

export interface VolumeFilter {
  workspaceId: string;
  from: Date;
  to: Date;
  productIds?: string[];
  channels?: string[];
  teamIds?: string[];
  agentIds?: string[];
  priorities?: Priority[];
}

/** The SLA reports' filter rules (ids of the right type, at most 100 values, period limit) plus priorities. */
export function decodeVolumeFilter(input: VolumeFilterInput, workspaceId: string, limit: PeriodLimit, prefix = 'filter'): VolumeFilter {
  const { from, to, productIds, channels, teamIds, agentIds } = decodeReportFilter(
    { from: input.from, to: input.to, productIds: input.productIds, channels: input.channels, teamIds: input.teamIds, agentIds: input.agentIds },
    workspaceId,
    limit,
    prefix,
  );
  const filter: VolumeFilter = { workspaceId, from, to, productIds, channels, teamIds, agentIds };
  if (input.priorities && input.priorities.length > 0) {
    if (input.priorities.length > MAX_FILTER_VALUES) throw badInput(`${prefix}.priorities`, `At most ${MAX_FILTER_VALUES} values.`);
    filter.priorities = enumValues(input.priorities, Priority, `${prefix}.priorities`);
  }
  return filter;
}

/** One group value of a row: a database id and the object's name, or the enum value (as id and name) for CHANNEL and PRIORITY. */
export interface VolumeGroupValue {
  dimension: VolumeDimension;
  /** null when the ticket has none (no type, no team, unassigned). */
  id: string | null;
  name: string | null;
}

export interface VolumeRow {
  /** Start of the bucket in the workspace's zone, as an instant; null on totals. */
  bucket: Date | null;
  /** In the order of groupBy. */
  groups: VolumeGroupValue[];
  /** Tickets created in the bucket. */
  created: number;
  /** Tickets whose resolution (resolvedAt, still standing) falls in the bucket, whenever they were created. */
  resolved: number;
  /** Tickets open at the bucket's end (on totals: at the end of the period); see ticketVolumeReport. */
  openAtEnd: number;
}

export interface VolumeReport {
  timeZone: string;
  interval: BucketInterval;
  groupBy: VolumeDimension[];
  /** Every bucket start of the period (bucketStarts), empty ones included. */
  buckets: Date[];
  rows: VolumeRow[];
  totals: VolumeRow[];
}

export interface VolumeQuery {
  filter: VolumeFilter;
  interval: BucketInterval;
  groupBy: readonly VolumeDimension[];
}

/** Each dimension: its column on the ticket, its type (for the NULL of a dimension not grouped by), the name joined. */
const DIMENSIONS: Record<VolumeDimension, { column: string; source: string; type: string; name: string }> = {
  STATUS: { column: 'status_id', source: 't."statusId"', type: 'uuid', name: 'st."name"' },
  PRODUCT: { column: 'product_id', source: 't."productId"', type: 'uuid', name: 'pr."name"' },
  CHANNEL: { column: 'channel', source: 't."channel"', type: '"Channel"', name: 'c.channel::text' },
  PRIORITY: { column: 'priority', source: 't."priority"', type: '"Priority"', name: 'c.priority::text' },
  TYPE: { column: 'type_id', source: 't."typeId"', type: 'uuid', name: 'ty."name"' },
  TEAM: { column: 'team_id', source: 't."assigneeTeamId"', type: 'uuid', name: 'tm."name"' },
  AGENT: { column: 'agent_id', source: 't."assigneeUserId"', type: 'uuid', name: 'u."name"' },
};

interface SqlRow {
  is_total: boolean;
  /** 1-based index of the bucket in bucketStarts; null on totals. */
  ord: number | null;
  created: number;
  resolved: number;
  open_at_end: number;
  [column: string]: unknown;
}

/** The filter's lists (not its period): which tickets the report is about. */
function ticketMatches(filter: VolumeFilter): Prisma.Sql {
  const where = [Prisma.sql`t."workspaceId" = ${filter.workspaceId}::uuid`];
  if (filter.productIds) where.push(Prisma.sql`t."productId" = ANY(${filter.productIds}::uuid[])`);
  if (filter.channels) where.push(Prisma.sql`t."channel"::text = ANY(${filter.channels}::text[])`);
  if (filter.teamIds) where.push(Prisma.sql`t."assigneeTeamId" = ANY(${filter.teamIds}::uuid[])`);
  if (filter.agentIds) where.push(Prisma.sql`t."assigneeUserId" = ANY(${filter.agentIds}::uuid[])`);
  if (filter.priorities) where.push(Prisma.sql`t."priority"::text = ANY(${filter.priorities}::text[])`);
  return Prisma.join(where, ' AND ');
}

const inPeriod = (filter: VolumeFilter, at: 'createdAt' | 'resolvedAt') =>
  Prisma.sql`${Prisma.raw(`t."${at}"`)} >= ${filter.from} AND ${Prisma.raw(`t."${at}"`)} < ${filter.to}`;

/**
 * Dimensions are the ticket's values as they are now (a ticket created as HIGH and lowered to LOW counts as LOW).
 * "Resolved" counts resolvedAt, which reopening clears: a resolution that was undone is not counted. Merging closes
 * the ticket merged away (resolvedAt = the merge, unless it was resolved before), so it counts as resolved then.
 *
 * "Open at end" (the backlog) is, per bucket end E (the next bucket's start; `to` for the last bucket): tickets created
 * before E, also before `from`, whose resolvedAt is null or not before E. It is computed as the backlog at `from`
 * plus the running sum of created minus resolved, so openAtEnd(k) = openAtEnd(k-1) + created(k) - resolved(k) holds
 * in every row, and it takes the same resolvedAt the `resolved` column does (a ticket reopened since counts by its
 * current resolvedAt: open since it was created, or resolved at its last resolution).
 *
 * Buckets come from bucketStarts (luxon, the same list the API's `buckets` gives), and each event finds its bucket in
 * that list with width_bucket: SQL never does calendar arithmetic of its own, so rows and buckets cannot disagree,
 * across DST changes included.
 */
export async function ticketVolumeReport(prisma: Pick<PrismaClient, '$queryRaw'>, { filter, interval, groupBy }: VolumeQuery): Promise<VolumeReport> {
  const dimensions = [...new Set(groupBy)];
  const timeZone = await workspaceTimeZone(prisma, filter.workspaceId);
  const buckets = bucketStarts(filter.from, filter.to, interval, timeZone);
  const columns = VOLUME_DIMENSIONS.map((d) => DIMENSIONS[d].column);
  const all = (alias: string) => Prisma.raw(columns.map((column) => `${alias}.${column}`).join(', '));
  const sources = Prisma.raw(VOLUME_DIMENSIONS.map((d) => `${DIMENSIONS[d].source} AS ${DIMENSIONS[d].column}`).join(', '));
  // The dimensions not grouped by are NULL of their type, so every later step can name all seven columns.
  const selected = Prisma.raw(
    VOLUME_DIMENSIONS.map((d) =>
      dimensions.includes(d) ? `e.${DIMENSIONS[d].column}` : `NULL::${DIMENSIONS[d].type} AS ${DIMENSIONS[d].column}`,
    ).join(', '),
  );
  const keys = Prisma.raw(['e.ord', ...dimensions.map((d) => `e.${DIMENSIONS[d].column}`)].join(', '));
  const names = Prisma.raw(VOLUME_DIMENSIONS.map((d) => `${DIMENSIONS[d].name} AS ${DIMENSIONS[d].column}_name`).join(', '));
  const last = buckets.length;

  // events: +1 created, -1 resolved in the period (ord = its bucket), +1 open when the period starts (ord 0).
  // filled: every group gets every bucket (zeros), so the running sum has a row where nothing happened.
  const rows = await prisma.$queryRaw<SqlRow[]>`
    WITH bounds AS (SELECT ${buckets.map((start) => start.toISOString())}::timestamptz[] AS starts),
    events AS (
      SELECT width_bucket(t."createdAt", bounds.starts) AS ord, 1 AS created, 0 AS resolved, 1 AS change, ${sources}
        FROM "Ticket" t CROSS JOIN bounds WHERE ${ticketMatches(filter)} AND ${inPeriod(filter, 'createdAt')}
      UNION ALL
      SELECT width_bucket(t."resolvedAt", bounds.starts), 0, 1, -1, ${sources}
        FROM "Ticket" t CROSS JOIN bounds WHERE ${ticketMatches(filter)} AND ${inPeriod(filter, 'resolvedAt')}
      UNION ALL
      SELECT 0, 0, 0, 1, ${sources}
        FROM "Ticket" t WHERE ${ticketMatches(filter)} AND t."createdAt" < ${filter.from}
         AND (t."resolvedAt" IS NULL OR t."resolvedAt" >= ${filter.from})
    ),
    activity AS (
      SELECT e.ord, ${selected}, sum(e.created) AS created, sum(e.resolved) AS resolved, sum(e.change) AS change
        FROM events e GROUP BY ${keys}
    ),
    filled AS (
      SELECT a.ord, ${all('a')}, a.created, a.resolved, a.change FROM activity a
      UNION ALL
      SELECT o.ord, ${all('g')}, 0, 0, 0
        FROM (SELECT DISTINCT ${all('a')} FROM activity a) g CROSS JOIN generate_series(0, ${last}::int) o(ord)
    ),
    series AS (
      SELECT f.ord, ${all('f')}, sum(f.created)::int AS created, sum(f.resolved)::int AS resolved,
             (sum(sum(f.change)) OVER (PARTITION BY ${all('f')} ORDER BY f.ord))::int AS open_at_end
        FROM filled f GROUP BY f.ord, ${all('f')}
    ),
    counted AS (
      SELECT false AS is_total, s.ord, ${all('s')}, s.created, s.resolved, s.open_at_end
        FROM series s WHERE s.ord > 0 AND (s.created > 0 OR s.resolved > 0 OR s.open_at_end > 0)
      UNION ALL
      SELECT true, NULL, ${all('s')}, sum(s.created)::int, sum(s.resolved)::int, (sum(s.open_at_end) FILTER (WHERE s.ord = ${last}::int))::int
        FROM series s GROUP BY ${all('s')}
    )
    SELECT c.is_total, c.ord, c.created, c.resolved, c.open_at_end,
           c.status_id, c.product_id, c.channel::text AS channel, c.priority::text AS priority, c.type_id, c.team_id, c.agent_id,
           ${names}
      FROM counted c
      LEFT JOIN "TicketStatus" st ON st."id" = c.status_id
      LEFT JOIN "Product" pr ON pr."id" = c.product_id
      LEFT JOIN "TicketType" ty ON ty."id" = c.type_id
      LEFT JOIN "Team" tm ON tm."id" = c.team_id
      LEFT JOIN "User" u ON u."id" = c.agent_id
     ORDER BY c.is_total, c.ord, st."position", pr."name", c.product_id, c.channel, c.priority DESC, ty."name", c.type_id,
              tm."name", c.team_id, u."name", c.agent_id`;

  const toRow = (row: SqlRow): VolumeRow => ({
    bucket: row.is_total || row.ord === null ? null : buckets[row.ord - 1],
    groups: dimensions.map((dimension) => {
      const { column } = DIMENSIONS[dimension];
      return { dimension, id: (row[column] as string | null) ?? null, name: (row[`${column}_name`] as string | null) ?? null };
    }),
    created: row.created,
    resolved: row.resolved,
    openAtEnd: row.open_at_end,
  });
  return {
    timeZone,
    interval,
    buckets,
    groupBy: dimensions,
    rows: rows.filter((row) => !row.is_total).map(toRow),
    totals: rows.filter((row) => row.is_total).map(toRow),
  };
}
