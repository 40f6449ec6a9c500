// GraphQL for SLA reports: `slaComplianceReport` (met/missed per period, policy, metric and chosen dimensions),
// `slaLog` (one line per target, paged) and `slaSimulation` (a draft policy replayed over past tickets). Every member
// and every token may read the reports; only supervisors and admins may run simulations (they replay many tickets).
import { z } from 'zod';
import { type BusinessCalendar, slaCalendarSchema } from '../calendar/calendar.js';
import { HolidayInput, OpeningIntervalInput } from '../calendar/schema.js';
import { type Context, principalOf } from '../context.js';
import { badInput } from '../errors.js';
import type { Product, SlaPolicy, Team, Ticket, User } from '../generated/prisma/client.js';
import { ChannelEnum } from '../products/schema.js';
import { builder } from '../schema/builder.js';
import { idOf } from '../schema/ids.js';
import { nameRule } from '../schema/inputs.js';
import { SlaMetricEnum, SlaPolicyTargetInput } from '../sla/policy-schema.js';
import { SlaTargetStatusEnum } from '../sla/schema.js';
import { simulateSlaPolicy } from '../sla/simulation.js';
import { policyTargetsSchema, targetRateSchema, warnAtPercentSchema } from '../sla/terms.js';
import { PriorityEnum } from '../vocabularies/schema.js';
import { type ComplianceReport, type ComplianceRow, complianceReport, storedTargets } from './compliance.js';
import {
  decodeReportFilter,
  MAX_FILTER_VALUES,
  REPORT_DIMENSIONS,
  REPORT_INTERVALS,
  type ReportDimension,
  type ReportFilterInput,
  type ReportInterval,
  reportPeriodLimit,
} from './filters.js';
import { decodeLogCursor, encodeLogCursor, type SlaLogRow, slaLogPage } from './log.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
/** Fields shared by two object types are written once, for the builder of either. */
type FieldBuilder<Parent> = PothosSchemaTypes.ObjectFieldBuilder<Types, Parent>;

// ---------------------------------------------------------------- related objects, loaded once per report

type LookupKind = 'policy' | 'product' | 'team' | 'user' | 'ticket';
interface LookupRows {
  policy: SlaPolicy;
  product: Product;
  team: Team;
  user: User;
  ticket: Ticket;
}

/** The objects a report's rows name, each kind read in one query the first time a row asks for it. */
class Lookups {
  private loaded = new Map<LookupKind, Promise<Map<string, unknown>>>();
  constructor(
    private ctx: Context,
    private ids: Record<LookupKind, Set<string>>,
  ) {}

  async get<K extends LookupKind>(kind: K, id: string | null): Promise<LookupRows[K] | null> {
    if (!id) return null;
    let rows = this.loaded.get(kind);
    if (!rows) this.loaded.set(kind, (rows = this.load(kind)));
    return ((await rows).get(id) as LookupRows[K] | undefined) ?? null;
  }

  private async load(kind: LookupKind): Promise<Map<string, unknown>> {
    const { prisma } = this.ctx.app.db;
    const where = { id: { in: [...this.ids[kind]] }, workspaceId: principalOf(this.ctx).workspaceId };
    const rows: { id: string }[] =
      kind === 'policy'
        ? await prisma.slaPolicy.findMany({ where })
        : kind === 'product'
          ? await prisma.product.findMany({ where })
          : kind === 'team'
            ? await prisma.team.findMany({ where })
            : kind === 'user'
              ? await prisma.user.findMany({ where })
              : await prisma.ticket.findMany({ where });
    return new Map(rows.map((row) => [row.id, row]));
  }
}

function lookupsOf(ctx: Context, rows: readonly { policyId: string | null; productId: string | null; teamId: string | null; agentId: string | null; ticketId?: string }[]) {
  const ids: Record<LookupKind, Set<string>> = { policy: new Set(), product: new Set(), team: new Set(), user: new Set(), ticket: new Set() };
  for (const row of rows) {
    if (row.policyId) ids.policy.add(row.policyId);
    if (row.productId) ids.product.add(row.productId);
    if (row.teamId) ids.team.add(row.teamId);
    if (row.agentId) ids.user.add(row.agentId);
    if (row.ticketId) ids.ticket.add(row.ticketId);
  }
  return new Lookups(ctx, ids);
}

// ---------------------------------------------------------------- inputs

const SlaReportIntervalEnum = builder.enumType('SlaReportInterval', {
  description: "Size of a report bucket, in the workspace's time zone.",
  values: { HOUR: {}, DAY: {} } as const satisfies Record<ReportInterval, object>,
});

const SlaReportDimensionEnum = builder.enumType('SlaReportDimension', {
  description: 'What else report rows are split by (always by policy and metric). Values are those of the ticket as last changed.',
  values: {
    PRODUCT: {},
    CHANNEL: {},
    TEAM: { description: 'The team the ticket is assigned to.' },
    AGENT: { description: 'The user the ticket is assigned to.' },
  } as const satisfies Record<ReportDimension, object>,
});

const SlaResultEnum = builder.enumType('SlaResult', {
  description: 'How a target counts in the reports.',
  values: {
    MET: { description: 'ACHIEVED.' },
    MISSED: { description: 'BREACHED (completed late or still open past due), or ACTIVE past its due time.' },
    PENDING: { description: 'Still running or paused, within its time: not counted in the success rate.' },
  } as const,
});

const fewValues = z.array(z.unknown()).max(MAX_FILTER_VALUES, `At most ${MAX_FILTER_VALUES} values.`);

const SlaReportFilterInput = builder.inputType('SlaReportFilter', {
  description:
    'Which SLA targets a report counts: those that started in [from, to), of the workspace. Every list given must ' +
    'match; empty or omitted = any. Ids of another workspace match nothing.',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', description: 'Inclusive.' }),
    to: t.field({
      type: 'DateTime',
      description: 'Exclusive. At most SLA_REPORT_MAX_DAYS (366) after `from`, SLA_REPORT_HOURLY_MAX_DAYS (31) for HOUR buckets.',
    }),
    policyIds: t.idList({ required: false, validate: fewValues }),
    productIds: t.idList({ required: false, validate: fewValues }),
    channels: t.field({ type: [ChannelEnum], required: false, validate: fewValues }),
    teamIds: t.idList({ required: false, validate: fewValues, description: 'Tickets assigned to these teams.' }),
    agentIds: t.idList({ required: false, validate: fewValues, description: 'Tickets assigned to these users.' }),
    metrics: t.field({ type: [SlaMetricEnum], required: false, validate: fewValues }),
  }),
});

// ---------------------------------------------------------------- compliance

interface RowView {
  row: ComplianceRow;
  lookups: Lookups;
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

/** The fields of a row and of a total (a total is a row without its bucket). */
function complianceFields(t: FieldBuilder<RowView>) {
  return {
    policy: t.prismaField({
      type: 'SlaPolicy',
      nullable: true,
      description: 'null when the policy was deleted since (its name stays in policyName) or in a simulation.',
      resolve: (_query, { row, lookups }) => lookups.get('policy', row.policyId),
    }),
    policyName: t.string({ resolve: ({ row }) => row.policyName }),
    metric: t.field({ type: SlaMetricEnum, resolve: ({ row }) => row.metric }),
    product: t.prismaField({
      type: 'Product',
      nullable: true,
      description: 'When grouped by PRODUCT.',
      resolve: (_query, { row, lookups }) => lookups.get('product', row.productId),
    }),
    channel: t.field({ type: ChannelEnum, nullable: true, description: 'When grouped by CHANNEL.', resolve: ({ row }) => row.channel }),
    team: t.prismaField({
      type: 'Team',
      nullable: true,
      description: 'When grouped by TEAM; null also for tickets assigned to no team.',
      resolve: (_query, { row, lookups }) => lookups.get('team', row.teamId),
    }),
    agent: t.prismaField({
      type: 'User',
      nullable: true,
      description: 'When grouped by AGENT; null also for tickets assigned to no user.',
      resolve: (_query, { row, lookups }) => lookups.get('user', row.agentId),
    }),
    met: t.int({ description: 'ACHIEVED targets.', resolve: ({ row }) => row.met }),
    missed: t.int({ description: 'BREACHED targets, and ACTIVE ones past due.', resolve: ({ row }) => row.missed }),
    pending: t.int({ description: 'Running or paused within their time: not in the rate.', resolve: ({ row }) => row.pending }),
    metAvgMinutes: t.float({ nullable: true, description: 'Business minutes the met targets took (minutes fields are rounded to the hundredth).', resolve: ({ row }) => round(row.metMinutes.avg) }),
    metMaxMinutes: t.float({ nullable: true, resolve: ({ row }) => round(row.metMinutes.max) }),
    metMinMinutes: t.float({ nullable: true, resolve: ({ row }) => round(row.metMinutes.min) }),
    missedAvgMinutes: t.float({
      nullable: true,
      description: 'Business minutes the missed targets took (open ones: as counted at their last recomputation).',
      resolve: ({ row }) => round(row.missedMinutes.avg),
    }),
    missedMaxMinutes: t.float({ nullable: true, resolve: ({ row }) => round(row.missedMinutes.max) }),
    missedMinMinutes: t.float({ nullable: true, resolve: ({ row }) => round(row.missedMinutes.min) }),
    successRate: t.float({
      nullable: true,
      description: 'met / (met + missed) in percent; null when both are 0.',
      resolve: ({ row }) => round(row.successRate),
    }),
    targetRate: t.float({ description: "The policy's target share in percent.", resolve: ({ row }) => row.targetRate }),
    shortOfTarget: t.int({
      description: 'How many more targets should have been met to reach targetRate: max(0, ceil(targetRate × (met + missed) / 100) − met).',
      resolve: ({ row }) => row.shortOfTarget,
    }),
  };
}

const SlaComplianceRowRef = builder.objectRef<RowView>('SlaComplianceRow').implement({
  description: 'Targets of one bucket, policy and metric (and the grouped dimensions).',
  fields: (t) => ({
    bucket: t.field({
      type: 'DateTime',
      description: "Start of the bucket: the hour or local midnight in the workspace's time zone, as an instant.",
      resolve: ({ row }) => row.bucket!,
    }),
    ...complianceFields(t),
  }),
});

const SlaComplianceTotalRef = builder.objectRef<RowView>('SlaComplianceTotal').implement({
  description: 'Targets of the whole period for one policy and metric (and the grouped dimensions).',
  fields: (t) => complianceFields(t),
});

interface ReportView {
  report: ComplianceReport;
  lookups: Lookups;
  ticketsReplayed?: number;
}

function reportViewOf(ctx: Context, report: ComplianceReport, ticketsReplayed?: number): ReportView {
  return { report, lookups: lookupsOf(ctx, [...report.rows, ...report.totals]), ticketsReplayed };
}

function reportFields(t: FieldBuilder<ReportView>) {
  return {
    timeZone: t.string({ description: 'The workspace time zone buckets are cut in.', resolve: ({ report }) => report.timeZone }),
    interval: t.field({ type: SlaReportIntervalEnum, resolve: ({ report }) => report.interval }),
    groupBy: t.field({ type: [SlaReportDimensionEnum], resolve: ({ report }) => report.groupBy }),
    rows: t.field({
      type: [SlaComplianceRowRef],
      description: 'By bucket, then policy name, metric and the grouped dimensions. Buckets without targets are left out.',
      resolve: ({ report, lookups }) => report.rows.map((row) => ({ row, lookups })),
    }),
    totals: t.field({
      type: [SlaComplianceTotalRef],
      description: 'The whole period, per policy, metric and grouped dimensions.',
      resolve: ({ report, lookups }) => report.totals.map((row) => ({ row, lookups })),
    }),
  };
}

const SlaComplianceReportRef = builder.objectRef<ReportView>('SlaComplianceReport').implement({
  fields: (t) => reportFields(t),
});

/** The GraphQL (or CSV) filter, decoded for the caller's workspace with the period limit of `interval`. */
export function reportFilterOf(ctx: Context, input: ReportFilterInput, interval: ReportInterval) {
  return decodeReportFilter(input, principalOf(ctx).workspaceId, reportPeriodLimit(ctx.app.config, interval));
}

builder.queryField('slaComplianceReport', (t) =>
  t.field({
    type: SlaComplianceReportRef,
    description:
      'How SLA targets did: met, missed and pending per bucket, policy and metric (plus groupBy), and totals for the ' +
      'period. Also as CSV: GET /reports/sla-compliance.csv?from=…&to=…&interval=DAY&groupBy=PRODUCT,AGENT&productIds=…',
    args: {
      filter: t.arg({ type: SlaReportFilterInput }),
      interval: t.arg({ type: SlaReportIntervalEnum, required: false, defaultValue: 'DAY' }),
      groupBy: t.arg({ type: [SlaReportDimensionEnum], required: false, defaultValue: [] }),
    },
    resolve: async (_root, args, ctx) => {
      const interval = args.interval ?? 'DAY';
      const filter = reportFilterOf(ctx, args.filter, interval);
      const report = await complianceReport(ctx.app.db.prisma, storedTargets(filter.workspaceId), {
        filter,
        interval,
        groupBy: args.groupBy ?? [],
        now: ctx.app.clock.now(),
      });
      return reportViewOf(ctx, report);
    },
  }),
);

// ---------------------------------------------------------------- log

interface LogView {
  row: SlaLogRow;
  lookups: Lookups;
}

const SlaLogRequesterRef = builder.objectRef<SlaLogRow>('SlaLogRequester').implement({
  description: 'The customer who asked, as the ticket names them.',
  fields: (t) => ({
    name: t.exposeString('customerName'),
    email: t.exposeString('customerEmail', { nullable: true }),
  }),
});

const SlaLogEntryRef = builder.objectRef<LogView>('SlaLogEntry').implement({
  description: 'One SLA target: whose ticket, who works on it, what was promised and how it went.',
  fields: (t) => ({
    requester: t.field({ type: SlaLogRequesterRef, resolve: ({ row }) => row }),
    ticket: t.prismaField({ type: 'Ticket', resolve: async (_query, { row, lookups }) => (await lookups.get('ticket', row.ticketId))! }),
    ticketNumber: t.int({ resolve: ({ row }) => row.ticketNumber }),
    product: t.prismaField({ type: 'Product', nullable: true, resolve: (_query, { row, lookups }) => lookups.get('product', row.productId) }),
    channel: t.field({ type: ChannelEnum, resolve: ({ row }) => row.channel }),
    priority: t.field({ type: PriorityEnum, resolve: ({ row }) => row.priority }),
    team: t.prismaField({ type: 'Team', nullable: true, resolve: (_query, { row, lookups }) => lookups.get('team', row.teamId) }),
    agent: t.prismaField({ type: 'User', nullable: true, resolve: (_query, { row, lookups }) => lookups.get('user', row.agentId) }),
    policy: t.prismaField({
      type: 'SlaPolicy',
      nullable: true,
      description: 'null when the policy was deleted since.',
      resolve: (_query, { row, lookups }) => lookups.get('policy', row.policyId),
    }),
    policyName: t.string({ resolve: ({ row }) => row.policyName }),
    metric: t.field({ type: SlaMetricEnum, resolve: ({ row }) => row.metric }),
    cycle: t.int({ description: '0 for FIRST_RESPONSE and RESOLUTION; 1, 2, … for each wait of NEXT_RESPONSE / CHAT_RESPONSE.', resolve: ({ row }) => row.cycle }),
    targetMinutes: t.int({ resolve: ({ row }) => row.targetMinutes }),
    startedAt: t.field({ type: 'DateTime', resolve: ({ row }) => row.startedAt }),
    dueAt: t.field({ type: 'DateTime', nullable: true, description: 'null while paused.', resolve: ({ row }) => row.dueAt }),
    completedAt: t.field({ type: 'DateTime', nullable: true, resolve: ({ row }) => row.completedAt }),
    breachedAt: t.field({ type: 'DateTime', nullable: true, resolve: ({ row }) => row.breachedAt }),
    status: t.field({ type: SlaTargetStatusEnum, resolve: ({ row }) => row.status }),
    result: t.field({ type: SlaResultEnum, resolve: ({ row }) => row.result }),
    elapsedMinutes: t.float({ description: 'Business minutes counted.', resolve: ({ row }) => round(row.elapsedSeconds / 60)! }),
    remainingSeconds: t.int({
      description:
        'Business seconds before the due time; negative = overdue by that much. Completed and paused targets: the ' +
        "target's time minus what was counted; open targets: now against the due time, on the policy's calendar.",
      resolve: ({ row }) => row.remainingSeconds,
    }),
  }),
});

const STATUSES = ['ACTIVE', 'PAUSED', 'ACHIEVED', 'BREACHED'] as const;

builder.queryField('slaLog', (t) =>
  t.connection(
    {
      type: SlaLogEntryRef,
      description:
        'SLA targets one by one, oldest start first, filtered like the compliance report. Forward paging only ' +
        '(first/after). Also as CSV: GET /reports/sla-log.csv?from=…&to=…&statuses=BREACHED',
      args: {
        filter: t.arg({ type: SlaReportFilterInput }),
        statuses: t.arg({ type: [SlaTargetStatusEnum], required: false, description: 'Empty or omitted = every status.' }),
      },
      resolve: async (_root, args, ctx) => {
        if (args.last != null || args.before != null) throw badInput(args.last != null ? 'last' : 'before', 'The SLA log pages forward only: use first and after.');
        const { pageSize } = ctx.app.config;
        if (args.first != null && args.first < 0) throw badInput('first', 'Must not be negative.');
        const first = Math.min(args.first ?? pageSize.default, pageSize.max);
        const filter = reportFilterOf(ctx, args.filter, 'DAY');
        const page = await slaLogPage(ctx.app.db.prisma, {
          filter,
          statuses: [...new Set(args.statuses ?? [])].filter((status) => (STATUSES as readonly string[]).includes(status)),
          first,
          after: args.after ? decodeLogCursor(args.after) : null,
          now: ctx.app.clock.now(),
        });
        const lookups = lookupsOf(ctx, page.rows);
        const edges = page.rows.map((row) => ({ cursor: encodeLogCursor(row), node: { row, lookups } }));
        return {
          edges,
          pageInfo: {
            hasNextPage: page.hasNextPage,
            hasPreviousPage: args.after != null,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
          },
        };
      },
    },
    { name: 'SlaLogConnection' },
    { name: 'SlaLogEdge' },
  ),
);

// ---------------------------------------------------------------- simulation

// The draft reads like createSlaPolicy's input and createBusinessCalendar's hours (same validation).
const SlaDraftCalendarInput = builder.inputType('SlaDraftCalendarInput', {
  description: 'A calendar not saved yet: validated like createBusinessCalendar (overlapping intervals are merged).',
  fields: (t) => ({
    timeZone: t.string({ description: 'IANA zone such as Europe/Istanbul.' }),
    weeklyHours: t.field({ type: [OpeningIntervalInput] }),
    holidays: t.field({ type: [HolidayInput], required: false }),
  }),
});

const SlaPolicyDraftInput = builder.inputType('SlaPolicyDraftInput', {
  description:
    'A policy to try out: the fields of createSlaPolicy, and either calendarId, an inline calendar, or neither (24/7).',
  fields: (t) => ({
    name: t.string({ required: false, validate: nameRule, description: 'Shown as policyName in the result; defaults to "Draft".' }),
    targets: t.field({ type: [SlaPolicyTargetInput], validate: policyTargetsSchema }),
    targetRate: t.float({ validate: targetRateSchema, description: '0–100 %.' }),
    pauseWhenPending: t.boolean({ required: false, description: 'Defaults to true.' }),
    warnAtPercent: t.int({ required: false, validate: warnAtPercentSchema, description: '1–99; defaults to 80.' }),
    productIds: t.idList({ required: false, validate: fewValues, description: 'Empty = all.' }),
    channels: t.field({ type: [ChannelEnum], required: false, description: 'Empty = all.' }),
    priorities: t.field({ type: [PriorityEnum], required: false, description: 'Empty = all.' }),
    calendarId: t.id({ required: false }),
    calendar: t.field({ type: SlaDraftCalendarInput, required: false }),
  }),
});

const SlaPeriodInput = builder.inputType('SlaPeriodInput', {
  fields: (t) => ({
    from: t.field({ type: 'DateTime', description: 'Inclusive.' }),
    to: t.field({ type: 'DateTime', description: 'Exclusive; at most SLA_SIMULATION_MAX_DAYS (92) after from.' }),
  }),
});

const SlaSimulationRef = builder.objectRef<ReportView>('SlaSimulation').implement({
  description: 'What the compliance report would have said had the draft policy applied (nothing is saved).',
  fields: (t) => ({
    ...reportFields(t),
    ticketsReplayed: t.int({ resolve: (view) => view.ticketsReplayed ?? 0 }),
  }),
});

type DraftArgs = typeof SlaPolicyDraftInput.$inferInput;

function inlineCalendarOf(input: NonNullable<DraftArgs['calendar']>): BusinessCalendar {
  const parsed = slaCalendarSchema.safeParse({
    timeZone: input.timeZone,
    weeklyHours: input.weeklyHours,
    holidays: (input.holidays ?? []).map((holiday) => ({ ...holiday, end: holiday.end ?? holiday.start, yearly: holiday.yearly ?? false })),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badInput(['policy', 'calendar', ...issue.path.map(String)].join('.'), issue.message);
  }
  return parsed.data;
}

builder.queryField('slaSimulation', (t) =>
  t.field({
    type: SlaSimulationRef,
    authScopes: { supervisor: true },
    description:
      'Replays the tickets created in the period whose product, channel and priority fall in the draft\'s scope ' +
      'through the draft policy, and reports as slaComplianceReport would (targets that started in the period). ' +
      'Nothing is written. At most SLA_SIMULATION_MAX_TICKETS (50000) tickets.',
    args: {
      policy: t.arg({ type: SlaPolicyDraftInput }),
      period: t.arg({ type: SlaPeriodInput }),
      interval: t.arg({ type: SlaReportIntervalEnum, required: false, defaultValue: 'DAY' }),
      groupBy: t.arg({ type: [SlaReportDimensionEnum], required: false, defaultValue: [] }),
    },
    resolve: async (_root, { policy, period, interval, groupBy }, ctx) => {
      if (policy.calendarId != null && policy.calendar != null) {
        throw badInput('policy.calendar', 'Give calendarId or calendar, not both.');
      }
      const calendar =
        policy.calendarId != null
          ? { id: idOf(String(policy.calendarId), 'BusinessCalendar', 'policy.calendarId') }
          : policy.calendar
            ? { inline: inlineCalendarOf(policy.calendar) }
            : null;
      const result = await simulateSlaPolicy(
        ctx.app,
        principalOf(ctx).workspaceId,
        {
          name: policy.name ?? 'Draft',
          targets: policy.targets,
          targetRate: policy.targetRate,
          pauseWhenPending: policy.pauseWhenPending ?? true,
          warnAtPercent: policy.warnAtPercent ?? 80,
          productIds: [...new Set((policy.productIds ?? []).map((id, index) => idOf(String(id), 'Product', `policy.productIds.${index}`)))],
          channels: [...new Set(policy.channels ?? [])],
          priorities: [...new Set(policy.priorities ?? [])],
          calendar,
        },
        { from: period.from, to: period.to, interval: interval ?? 'DAY', groupBy: groupBy ?? [] },
      );
      return reportViewOf(ctx, result, result.ticketsReplayed);
    },
  }),
);

