// SLA compliance: met / missed / pending targets per period bucket, policy and metric (plus the dimensions asked
// for), and the same for the whole period, in ONE SQL statement. The statement reads a *source* of targets: the
// SlaTarget table for the report, or targets replayed in memory (src/sla/simulation.ts, as unnest() arrays), so a
// report and a what-if simulation can never count differently.
import type { Prisma as PrismaClient } from '../db.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Channel, SlaMetric } from '../generated/prisma/enums.js';
import { localHourStart } from './bucket-sql.js';
import { type ReportDimension, type ReportFilter, type ReportInterval, reportConditions } from './filters.js';

/**
 * A relation of SLA targets with these columns (read as `s`): policy_id uuid (null when the policy is gone or is a
 * draft), policy_name text, sla_metric text, sla_status text, started_at timestamptz, due_at timestamptz,
 * elapsed_seconds int, target_rate float8, product_id uuid, ticket_channel text, team_id uuid, agent_id uuid.
 */
export type ReportSource = Prisma.Sql;

/** The report columns of `"SlaTarget" t` (see ReportSource). */
export const reportColumnsOfStoredTargets = Prisma.sql`t."policyId" AS policy_id, t."policyName" AS policy_name,
  t."metric"::text AS sla_metric, t."status"::text AS sla_status, t."startedAt" AS started_at, t."dueAt" AS due_at,
  t."elapsedSeconds" AS elapsed_seconds, t."targetRate" AS target_rate, t."productId" AS product_id,
  t."channel"::text AS ticket_channel, t."assigneeTeamId" AS team_id, t."assigneeUserId" AS agent_id`;

/** The stored targets of one workspace as a report source (the period condition then uses (workspaceId, startedAt)). */
export const storedTargets = (workspaceId: string): ReportSource =>
  Prisma.sql`(SELECT ${reportColumnsOfStoredTargets} FROM "SlaTarget" t WHERE t."workspaceId" = ${workspaceId}::uuid)`;

/** Where each grouping dimension lives in a source. */
const DIMENSION_COLUMNS: Record<ReportDimension, string> = {
  PRODUCT: 'product_id',
  CHANNEL: 'ticket_channel',
  TEAM: 'team_id',
  AGENT: 'agent_id',
};

export interface ElapsedMinutes {
  avg: number | null;
  max: number | null;
  min: number | null;
}

export interface ComplianceRow {
  /** Start of the bucket (local midnight or hour in the workspace's zone); null on totals. */
  bucket: Date | null;
  policyId: string | null;
  policyName: string;
  metric: SlaMetric;
  /** Set only when grouped by the dimension (null otherwise, and for targets without one, e.g. unassigned); names as now. */
  productId: string | null;
  productName: string | null;
  channel: Channel | null;
  teamId: string | null;
  teamName: string | null;
  agentId: string | null;
  agentName: string | null;
  met: number;
  missed: number;
  pending: number;
  metMinutes: ElapsedMinutes;
  missedMinutes: ElapsedMinutes;
  /** met / (met + missed) in percent; null when nothing was decided yet. */
  successRate: number | null;
  targetRate: number;
  /** How many more targets should have been met to reach targetRate. */
  shortOfTarget: number;
}

export interface ComplianceReport {
  timeZone: string;
  interval: ReportInterval;
  groupBy: ReportDimension[];
  rows: ComplianceRow[];
  totals: ComplianceRow[];
}

interface SqlRow {
  is_total: boolean;
  time_zone: string;
  bucket: Date | null;
  policy_id: string | null;
  policy_name: string;
  sla_metric: SlaMetric;
  product_id: string | null;
  ticket_channel: Channel | null;
  team_id: string | null;
  agent_id: string | null;
  product_name: string | null;
  team_name: string | null;
  agent_name: string | null;
  met: number;
  missed: number;
  pending: number;
  met_avg: number | null;
  met_max: number | null;
  met_min: number | null;
  missed_avg: number | null;
  missed_max: number | null;
  missed_min: number | null;
  success_rate: number | null;
  target_rate: number;
  short_of_target: number;
}

export interface ComplianceQuery {
  filter: ReportFilter;
  interval: ReportInterval;
  groupBy: readonly ReportDimension[];
  /** An ACTIVE target past its due time counts as missed even before the scheduler has flipped it. */
  now: Date;
}

/**
 * Counting rules: ACHIEVED = met; BREACHED (completed late, or still open past due) = missed, and so is an ACTIVE
 * target past its due time; other ACTIVE and PAUSED targets are pending (not counted in the rate). Minutes are the
 * business minutes the clock counted (for open breached targets, as last stored).
 *
 * The policy's name and target rate are the policy's current ones while it exists (the rate supervisors steer by
 * today); for a deleted policy (or a simulated draft) they come from the targets.
 */
export async function complianceReport(
  prisma: Pick<PrismaClient, '$queryRaw'>,
  source: ReportSource,
  { filter, interval, groupBy, now }: ComplianceQuery,
): Promise<ComplianceReport> {
  const dimensions = [...new Set(groupBy)];
  const dimensionColumns = dimensions.map((dimension) => Prisma.raw(`r.${DIMENSION_COLUMNS[dimension]}`));
  // Deleted policies have no id: their targets group by the name they were written with.
  const keys = [Prisma.raw('r.policy_id'), Prisma.raw('r.deleted_policy_name'), Prisma.raw('r.sla_metric'), ...dimensionColumns];
  const selectedDimensions = (['PRODUCT', 'CHANNEL', 'TEAM', 'AGENT'] as const).map((dimension) =>
    dimensions.includes(dimension)
      ? Prisma.raw(`r.${DIMENSION_COLUMNS[dimension]} AS ${DIMENSION_COLUMNS[dimension]}`)
      : Prisma.raw(`NULL::${dimension === 'CHANNEL' ? 'text' : 'uuid'} AS ${DIMENSION_COLUMNS[dimension]}`),
  );
  // Days: local midnight as an instant. Hours: elapsed hours, so the repeated hour when clocks go back is two.
  const bucket =
    interval === 'HOUR'
      ? localHourStart(Prisma.sql`s.started_at`, Prisma.sql`zone.tz`)
      : Prisma.sql`date_trunc('day', s.started_at AT TIME ZONE zone.tz) AT TIME ZONE zone.tz`;
  const minutes = (outcome: 'met' | 'missed') =>
    Prisma.raw(`(avg(r.elapsed_seconds) FILTER (WHERE r.${outcome}) / 60.0)::float8 AS ${outcome}_avg,
      (max(r.elapsed_seconds) FILTER (WHERE r.${outcome}) / 60.0)::float8 AS ${outcome}_max,
      (min(r.elapsed_seconds) FILTER (WHERE r.${outcome}) / 60.0)::float8 AS ${outcome}_min`);

  const rows = await prisma.$queryRaw<SqlRow[]>`
    WITH zone AS (SELECT w."timeZone" AS tz FROM "Workspace" w WHERE w."id" = ${filter.workspaceId}::uuid),
    classified AS (
      SELECT s.*, zone.tz,
             ${bucket} AS bucket,
             CASE WHEN s.policy_id IS NULL THEN s.policy_name END AS deleted_policy_name,
             s.sla_status = 'ACHIEVED' AS met,
             (s.sla_status = 'BREACHED' OR (s.sla_status = 'ACTIVE' AND s.due_at <= ${now})) AS missed
        FROM ${source} s CROSS JOIN zone
       WHERE ${reportConditions(filter)}
    ),
    counted AS (
      SELECT GROUPING(r.bucket) = 1 AS is_total, min(r.tz) AS time_zone, r.bucket,
             r.policy_id, r.deleted_policy_name, max(r.policy_name) AS any_policy_name, max(r.target_rate) AS any_target_rate,
             r.sla_metric, ${Prisma.join(selectedDimensions, ', ')},
             (count(*) FILTER (WHERE r.met))::int AS met,
             (count(*) FILTER (WHERE r.missed))::int AS missed,
             (count(*) FILTER (WHERE NOT r.met AND NOT r.missed))::int AS pending,
             ${minutes('met')}, ${minutes('missed')}
        FROM classified r
       GROUP BY GROUPING SETS ((r.bucket, ${Prisma.join(keys, ', ')}), (${Prisma.join(keys, ', ')}))
    )
    SELECT c.*, coalesce(p."name", c.any_policy_name) AS policy_name, coalesce(p."targetRate", c.any_target_rate) AS target_rate,
           pr."name" AS product_name, tm."name" AS team_name, u."name" AS agent_name,
           CASE WHEN c.met + c.missed = 0 THEN NULL ELSE (c.met * 100.0 / (c.met + c.missed))::float8 END AS success_rate,
           greatest(0, ceil(coalesce(p."targetRate", c.any_target_rate)::numeric * (c.met + c.missed) / 100) - c.met)::int AS short_of_target
      FROM counted c
      LEFT JOIN "SlaPolicy" p ON p."id" = c.policy_id
      LEFT JOIN "Product" pr ON pr."id" = c.product_id
      LEFT JOIN "Team" tm ON tm."id" = c.team_id
      LEFT JOIN "User" u ON u."id" = c.agent_id
     ORDER BY c.is_total, c.bucket, policy_name, c.policy_id, c.sla_metric, product_name, c.product_id, c.ticket_channel,
              team_name, c.team_id, agent_name, c.agent_id`;

  const toRow = (row: SqlRow): ComplianceRow => ({
    bucket: row.is_total ? null : row.bucket,
    policyId: row.policy_id,
    policyName: row.policy_name,
    metric: row.sla_metric,
    productId: row.product_id,
    productName: row.product_name,
    channel: row.ticket_channel,
    teamId: row.team_id,
    teamName: row.team_name,
    agentId: row.agent_id,
    agentName: row.agent_name,
    met: row.met,
    missed: row.missed,
    pending: row.pending,
    metMinutes: { avg: row.met_avg, max: row.met_max, min: row.met_min },
    missedMinutes: { avg: row.missed_avg, max: row.missed_max, min: row.missed_min },
    successRate: row.success_rate,
    targetRate: row.target_rate,
    shortOfTarget: row.short_of_target,
  });
  return {
    timeZone: rows[0]?.time_zone ?? (await workspaceTimeZone(prisma, filter.workspaceId)),
    interval,
    groupBy: dimensions,
    rows: rows.filter((row) => !row.is_total).map(toRow),
    totals: rows.filter((row) => row.is_total).map(toRow),
  };
}

/** Only asked when a report is empty (the zone otherwise comes with the rows). */
export async function workspaceTimeZone(prisma: Pick<PrismaClient, '$queryRaw'>, workspaceId: string): Promise<string> {
  const [row] = await prisma.$queryRaw<{ timeZone: string }[]>`SELECT "timeZone" FROM "Workspace" WHERE "id" = ${workspaceId}::uuid`;
  return row?.timeZone ?? 'UTC';
}
