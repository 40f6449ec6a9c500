// Ticket volume: tickets created (and resolved) per bucket of the workspace's zone, split by the dimensions asked
// for, with the names people read, and per group for the whole period: ONE SQL statement with GROUP BY, whatever
// the period or the number of groups.
import type { Prisma as PrismaClient } from '../db.js';
import { badInput } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';
import { Priority } from '../generated/prisma/enums.js';
import { localHourStart } from './bucket-sql.js';
import type { BucketInterval } from './buckets.js';
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
}

export interface VolumeReport {
  timeZone: string;
  interval: BucketInterval;
  groupBy: VolumeDimension[];
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
  time_zone: string;
  bucket: Date | null;
  created: number;
  resolved: number;
  [column: string]: unknown;
}

function ticketConditions(filter: VolumeFilter, at: 'createdAt' | 'resolvedAt'): Prisma.Sql {
  const column = Prisma.raw(`t."${at}"`);
  const where = [
    Prisma.sql`t."workspaceId" = ${filter.workspaceId}::uuid`,
    Prisma.sql`${column} >= ${filter.from} AND ${column} < ${filter.to}`,
  ];
  if (filter.productIds) where.push(Prisma.sql`t."productId" = ANY(${filter.productIds}::uuid[])`);
  if (filter.channels) where.push(Prisma.sql`t."channel"::text = ANY(${filter.channels}::text[])`);
  if (filter.teamIds) where.push(Prisma.sql`t."assigneeTeamId" = ANY(${filter.teamIds}::uuid[])`);
  if (filter.agentIds) where.push(Prisma.sql`t."assigneeUserId" = ANY(${filter.agentIds}::uuid[])`);
  if (filter.priorities) where.push(Prisma.sql`t."priority"::text = ANY(${filter.priorities}::text[])`);
  return Prisma.join(where, ' AND ');
}

/**
 * Dimensions are the ticket's values as they are now (a ticket created as HIGH and lowered to LOW counts as LOW).
 * "Resolved" counts resolvedAt, which reopening clears: a resolution that was undone is not counted.
 */
export async function ticketVolumeReport(prisma: Pick<PrismaClient, '$queryRaw'>, { filter, interval, groupBy }: VolumeQuery): Promise<VolumeReport> {
  const dimensions = [...new Set(groupBy)];
  const sources = Prisma.raw(VOLUME_DIMENSIONS.map((d) => `${DIMENSIONS[d].source} AS ${DIMENSIONS[d].column}`).join(', '));
  const selected = Prisma.raw(
    VOLUME_DIMENSIONS.map((d) =>
      dimensions.includes(d) ? `b.${DIMENSIONS[d].column}` : `NULL::${DIMENSIONS[d].type} AS ${DIMENSIONS[d].column}`,
    ).join(', '),
  );
  const keys = dimensions.map((d) => `b.${DIMENSIONS[d].column}`);
  const groupingSets = Prisma.raw(`(${['b.bucket', ...keys].join(', ')}), (${keys.join(', ')})`);
  const names = Prisma.raw(VOLUME_DIMENSIONS.map((d) => `${DIMENSIONS[d].name} AS ${DIMENSIONS[d].column}_name`).join(', '));
  // Days, weeks and months are grouped by their local start (one zone conversion per ticket) and turned into the
  // instant of local midnight once per group. An hour is cut by subtracting the minutes past the local hour, so the
  // hour repeated when clocks go back stays two buckets (date_trunc on local time would merge them).
  const bucket =
    interval === 'HOUR'
      ? localHourStart(Prisma.sql`e.at`, Prisma.sql`zone.tz`)
      : Prisma.sql`date_trunc(${interval.toLowerCase()}, e.at AT TIME ZONE zone.tz)`;
  const bucketStart = interval === 'HOUR' ? Prisma.sql`c.bucket` : Prisma.sql`c.bucket AT TIME ZONE (SELECT tz FROM zone)`;

  const rows = await prisma.$queryRaw<SqlRow[]>`
    WITH zone AS (SELECT w."timeZone" AS tz FROM "Workspace" w WHERE w."id" = ${filter.workspaceId}::uuid),
    events AS (
      SELECT t."createdAt" AS at, true AS is_created, ${sources} FROM "Ticket" t WHERE ${ticketConditions(filter, 'createdAt')}
      UNION ALL
      SELECT t."resolvedAt" AS at, false AS is_created, ${sources} FROM "Ticket" t WHERE ${ticketConditions(filter, 'resolvedAt')}
    ),
    counted AS (
      SELECT GROUPING(b.bucket) = 1 AS is_total, b.bucket, ${selected},
             (count(*) FILTER (WHERE b.is_created))::int AS created,
             (count(*) FILTER (WHERE NOT b.is_created))::int AS resolved
        FROM (SELECT e.*, ${bucket} AS bucket FROM events e CROSS JOIN zone) b
       GROUP BY GROUPING SETS (${groupingSets})
    )
    SELECT c.is_total, ${bucketStart} AS bucket, c.created, c.resolved, (SELECT tz FROM zone) AS time_zone,
           c.status_id, c.product_id, c.channel::text AS channel, c.priority::text AS priority, c.type_id, c.team_id, c.agent_id,
           ${names}
      FROM counted c
      LEFT JOIN "TicketStatus" st ON st."id" = c.status_id
      LEFT JOIN "Product" pr ON pr."id" = c.product_id
      LEFT JOIN "TicketType" ty ON ty."id" = c.type_id
      LEFT JOIN "Team" tm ON tm."id" = c.team_id
      LEFT JOIN "User" u ON u."id" = c.agent_id
     ORDER BY c.is_total, c.bucket, st."position", pr."name", c.product_id, c.channel, c.priority DESC, ty."name", c.type_id,
              tm."name", c.team_id, u."name", c.agent_id`;

  const toRow = (row: SqlRow): VolumeRow => ({
    bucket: row.is_total ? null : row.bucket,
    groups: dimensions.map((dimension) => {
      const { column } = DIMENSIONS[dimension];
      return { dimension, id: (row[column] as string | null) ?? null, name: (row[`${column}_name`] as string | null) ?? null };
    }),
    created: row.created,
    resolved: row.resolved,
  });
  return {
    timeZone: rows[0]?.time_zone ?? (await workspaceTimeZone(prisma, filter.workspaceId)),
    interval,
    groupBy: dimensions,
    rows: rows.filter((row) => !row.is_total).map(toRow),
    totals: rows.filter((row) => row.is_total).map(toRow),
  };
}
