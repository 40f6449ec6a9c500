// What-if: how a draft SLA policy would have done on the tickets created in a period. Replays each ticket's timeline
// through the same clock as the live recomputation (computeSlaTargets) and counts the outcome with the same SQL as
// the compliance report (the replayed targets are its source, as unnest() arrays). Nothing is written.
import type { BusinessCalendar } from '../calendar/calendar.js';
import type { AppServices } from '../context.js';
import { badInput, notFound } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Channel, Priority, StatusCategory } from '../generated/prisma/enums.js';
import { type ComplianceReport, complianceReport, type ReportSource } from '../reports/compliance.js';
import { checkPeriod, type ReportDimension, type ReportInterval } from '../reports/filters.js';
import { type ComputedTarget, computeSlaTargets, type SlaTerms } from './clock.js';
import { businessCalendarOf, type PolicyTarget } from './terms.js';
import { loadTicketTimelines } from './timeline.js';

/** A policy as drafted in the simulation form (validated by the GraphQL input). */
export interface SlaPolicyDraft {
  name: string;
  targets: PolicyTarget[];
  targetRate: number;
  pauseWhenPending: boolean;
  warnAtPercent: number;
  /** Empty = any. */
  productIds: string[];
  channels: Channel[];
  priorities: Priority[];
  /** A stored calendar, an inline one, or neither (24/7). */
  calendar: { id: string } | { inline: BusinessCalendar } | null;
}

export interface SimulationOptions {
  from: Date;
  to: Date;
  interval: ReportInterval;
  groupBy: readonly ReportDimension[];
}

export interface SimulationResult extends ComplianceReport {
  ticketsReplayed: number;
}

/** Tickets replayed per round of timeline queries: bounded memory for the rows, few round trips. */
const BATCH_SIZE = 1000;

interface TicketRow {
  id: string;
  createdAt: Date;
  channel: Channel;
  isInternal: boolean;
  statusCategory: StatusCategory;
  productId: string;
  assigneeUserId: string | null;
  assigneeTeamId: string | null;
}

/** Replayed targets as column arrays (text, so both drivers bind them the same way), ready for unnest(). */
class TargetColumns {
  metric: string[] = [];
  status: string[] = [];
  startedAt: string[] = [];
  dueAt: (string | null)[] = [];
  elapsedSeconds: string[] = [];
  productId: string[] = [];
  channel: string[] = [];
  teamId: (string | null)[] = [];
  agentId: (string | null)[] = [];

  push(ticket: TicketRow, target: ComputedTarget) {
    this.metric.push(target.metric);
    this.status.push(target.status);
    this.startedAt.push(target.startedAt.toISOString());
    this.dueAt.push(target.dueAt?.toISOString() ?? null);
    this.elapsedSeconds.push(String(Math.round(target.elapsedSeconds)));
    this.productId.push(ticket.productId);
    this.channel.push(ticket.channel);
    this.teamId.push(ticket.assigneeTeamId);
    this.agentId.push(ticket.assigneeUserId);
  }

  /** The report source (see ReportSource): the draft has no id yet, its name and rate are the same on every row. */
  source(draft: SlaPolicyDraft): ReportSource {
    return Prisma.sql`(
      SELECT NULL::uuid AS policy_id, ${draft.name}::text AS policy_name, u.sla_metric, u.sla_status, u.started_at, u.due_at,
             u.elapsed_seconds, ${draft.targetRate}::float8 AS target_rate, u.product_id, u.ticket_channel, u.team_id, u.agent_id
        FROM unnest(${this.metric}::text[], ${this.status}::text[], ${this.startedAt}::text[]::timestamptz[],
                    ${this.dueAt}::text[]::timestamptz[], ${this.elapsedSeconds}::text[]::int[], ${this.productId}::text[]::uuid[],
                    ${this.channel}::text[], ${this.teamId}::text[]::uuid[], ${this.agentId}::text[]::uuid[])
          AS u(sla_metric, sla_status, started_at, due_at, elapsed_seconds, product_id, ticket_channel, team_id, agent_id))`;
  }
}

export async function simulateSlaPolicy(
  app: Pick<AppServices, 'db' | 'config' | 'clock'>,
  workspaceId: string,
  draft: SlaPolicyDraft,
  options: SimulationOptions,
): Promise<SimulationResult> {
  const { prisma } = app.db;
  const { from, to } = options;
  checkPeriod(from, to, { maxDays: app.config.sla.simulationMaxDays, what: 'Simulations' }, 'period');
  const terms: SlaTerms = {
    targets: draft.targets,
    calendar: await calendarOfDraft(app, workspaceId, draft),
    pauseWhenPending: draft.pauseWhenPending,
    warnAtPercent: draft.warnAtPercent,
  };

  const scope = [
    Prisma.sql`t."workspaceId" = ${workspaceId}::uuid`,
    Prisma.sql`t."createdAt" >= ${from} AND t."createdAt" < ${to}`,
    ...(draft.productIds.length > 0 ? [Prisma.sql`t."productId" = ANY(${draft.productIds}::uuid[])`] : []),
    ...(draft.channels.length > 0 ? [Prisma.sql`t."channel" = ANY(${draft.channels}::text[]::"Channel"[])`] : []),
    ...(draft.priorities.length > 0 ? [Prisma.sql`t."priority" = ANY(${draft.priorities}::text[]::"Priority"[])`] : []),
  ];
  const where = Prisma.join(scope, ' AND ');
  const [{ tickets }] = await prisma.$queryRaw<{ tickets: number }[]>`SELECT count(*)::int AS "tickets" FROM "Ticket" t WHERE ${where}`;
  const max = app.config.sla.simulationMaxTickets;
  if (tickets > max) {
    throw badInput(
      'period',
      `The period has ${tickets} tickets in the policy's scope; a simulation replays at most ${max}. Choose a shorter period or a narrower scope.`,
    );
  }

  const now = app.clock.now();
  const columns = new TargetColumns();
  let replayed = 0;
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const batch: TicketRow[] = await prisma.$queryRaw<TicketRow[]>`
      SELECT t."id", t."createdAt", t."channel"::text AS "channel", t."isInternal", s."category"::text AS "statusCategory",
             t."productId", t."assigneeUserId", t."assigneeTeamId"
        FROM "Ticket" t JOIN "TicketStatus" s ON s."id" = t."statusId"
       WHERE ${where} ${after ? Prisma.sql`AND (t."createdAt", t."id") > (${after.createdAt}, ${after.id}::uuid)` : Prisma.empty}
       ORDER BY t."createdAt", t."id"
       LIMIT ${BATCH_SIZE}`;
    if (batch.length === 0) break;
    const timelines = await loadTicketTimelines(app.db.prisma, batch);
    for (const ticket of batch) {
      for (const target of computeSlaTargets(timelines.get(ticket.id)!, terms, now)) columns.push(ticket, target);
    }
    replayed += batch.length;
    if (batch.length < BATCH_SIZE) break;
    const last = batch[batch.length - 1];
    after = { createdAt: last.createdAt, id: last.id };
  }

  const report = await complianceReport(prisma, columns.source(draft), {
    filter: { workspaceId, from, to },
    interval: options.interval,
    groupBy: options.groupBy,
    now,
  });
  return { ...report, ticketsReplayed: replayed };
}

async function calendarOfDraft(
  app: Pick<AppServices, 'db'>,
  workspaceId: string,
  draft: SlaPolicyDraft,
): Promise<BusinessCalendar | null> {
  if (!draft.calendar) return null;
  if ('inline' in draft.calendar) return draft.calendar.inline;
  const row = await app.db.prisma.businessCalendar.findFirst({ where: { id: draft.calendar.id, workspaceId } });
  if (!row) throw notFound('BusinessCalendar', 'policy.calendarId');
  return businessCalendarOf(row);
}
