// GraphQL for live SLA state: the SlaTarget node (with its remaining time read live, in business time), the SLA
// fields of a ticket, and the two subscriptions agents keep open: `slaAlerts` (warnings and breaches as the
// scheduler sends them) and `slaClock` (one ticket's countdown, pushed on changes and on a beat).
import { filter, map, pipe, Repeater } from 'graphql-yoga';
import { z } from 'zod';
import { businessTimeBetween, type BusinessCalendar, isOpen, nextCalendarChange } from '../calendar/calendar.js';
import { principalOf } from '../context.js';
import { badInput, notFound } from '../errors.js';
import type { PublishedEvent } from '../events/bus.js';
import { REPLAY_LIMIT, replayThenLive } from '../events/replay.js';
import type { BusinessCalendar as CalendarRow, SlaTarget } from '../generated/prisma/client.js';
import { builder, workspaceOwned } from '../schema/builder.js';
import { idOf, nodeWhere } from '../schema/ids.js';
import { SlaMetricEnum } from './policy-schema.js';
import './recompute.js';
import { businessCalendarOf } from './terms.js';

export const SlaTargetStatusEnum = builder.enumType('SlaTargetStatus', {
  values: {
    ACTIVE: { description: 'The clock is running.' },
    PAUSED: { description: 'The clock is stopped (the ticket waits on the customer); the due time moves when it resumes.' },
    ACHIEVED: { description: 'Completed within the target.' },
    BREACHED: { description: 'The target time ran out: completed late, or still open past due.' },
  } as const,
});

// ---------------------------------------------------------------- live time

type LiveTarget = Pick<SlaTarget, 'status' | 'dueAt' | 'completedAt' | 'targetMinutes' | 'elapsedSeconds'> & {
  policy: { calendar: CalendarRow | null } | null;
};

/** What the live fields read besides the row: the policy's calendar (no policy or no calendar: 24/7). */
const liveSelect = {
  status: true,
  dueAt: true,
  completedAt: true,
  targetMinutes: true,
  elapsedSeconds: true,
  policy: { select: { calendar: true } },
} as const;

const calendarOfTarget = (target: LiveTarget): BusinessCalendar | null =>
  target.policy?.calendar ? businessCalendarOf(target.policy.calendar) : null;

/**
 * Business seconds left (negative: overdue) as of `now`. A clock that runs reads its due time against the calendar
 * (so 10 minutes before closing plus 20 after opening is 30); a stopped one is its target minus what it used.
 */
export function remainingSecondsOf(target: LiveTarget, now: Date): number {
  const calendar = calendarOfTarget(target);
  const between = (a: Date, b: Date) => (calendar ? businessTimeBetween(calendar, a, b) : Math.max(0, b.getTime() - a.getTime()));
  if (target.completedAt === null && target.dueAt && (target.status === 'ACTIVE' || target.status === 'BREACHED')) {
    const ms = now < target.dueAt ? between(now, target.dueAt) : -between(target.dueAt, now);
    return Math.trunc(ms / 1000);
  }
  return target.targetMinutes * 60 - target.elapsedSeconds;
}

const isRunning = (target: LiveTarget, now: Date) => {
  if (target.status !== 'ACTIVE') return false;
  const calendar = calendarOfTarget(target);
  return !calendar || isOpen(calendar, now);
};

// ---------------------------------------------------------------- SlaTarget

export const SlaTargetRef = builder.prismaNode('SlaTarget', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  description:
    "One promise on one ticket: a metric's clock under the ticket's SLA policy. NEXT_RESPONSE and CHAT_RESPONSE have " +
    'one target per wait (cycle 1, 2, …). Recomputed with every change of the ticket; breaches and warnings come from ' +
    'the scheduler at their time.',
  fields: (t) => ({
    metric: t.expose('metric', { type: SlaMetricEnum }),
    cycle: t.exposeInt('cycle', { description: '0 for FIRST_RESPONSE and RESOLUTION; 1, 2, … for each wait.' }),
    status: t.expose('status', { type: SlaTargetStatusEnum }),
    policy: t.relation('policy', { nullable: true, description: 'null when the policy was deleted since (see policyName).' }),
    policyName: t.exposeString('policyName'),
    targetMinutes: t.exposeInt('targetMinutes', { description: 'Business minutes promised.' }),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    dueAt: t.expose('dueAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the time runs out if the clock keeps running; null while paused, once completed, or if the calendar never opens again.',
    }),
    warnAt: t.expose('warnAt', { type: 'DateTime', nullable: true }),
    completedAt: t.expose('completedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'The reply or resolution that completed it (in time or late).',
    }),
    breachedAt: t.expose('breachedAt', { type: 'DateTime', nullable: true, description: 'The instant the time ran out.' }),
    elapsedMinutes: t.float({
      description: 'Business minutes used: up to completion, or up to now while open.',
      select: { ...liveSelect },
      resolve: (target, _args, ctx) => {
        const open = target.completedAt === null && target.dueAt !== null && (target.status === 'ACTIVE' || target.status === 'BREACHED');
        const seconds = open ? target.targetMinutes * 60 - remainingSecondsOf(target, ctx.app.clock.now()) : target.elapsedSeconds;
        return Math.round((seconds / 60) * 100) / 100;
      },
    }),
    remainingSeconds: t.int({
      description: 'Business seconds left, read now; negative = overdue by that much.',
      select: { ...liveSelect },
      resolve: (target, _args, ctx) => remainingSecondsOf(target, ctx.app.clock.now()),
    }),
    running: t.boolean({
      description: "The clock counts right now: ACTIVE and the policy's calendar is open.",
      select: { ...liveSelect },
      resolve: (target, _args, ctx) => isRunning(target, ctx.app.clock.now()),
    }),
    ticket: t.relation('ticket'),
  }),
});

builder.prismaObjectFields('Ticket', (t) => ({
  slaPolicy: t.relation('slaPolicy', { nullable: true, description: 'The SLA policy the SLA rules chose for the ticket as it is now.' }),
  slaTargets: t.relation('slaTargets', {
    description: 'Its SLA targets, by metric then cycle.',
    query: { orderBy: [{ metric: 'asc' }, { cycle: 'asc' }] },
  }),
  slaNextDueAt: t.expose('slaNextDueAt', {
    type: 'DateTime',
    nullable: true,
    description: 'The earliest due time of its running targets (what `sort: SLA_DUE_AT` orders by).',
  }),
}));

// ---------------------------------------------------------------- slaAlerts

const ALERT_TYPES = { 'sla.warning': 'WARNING', 'sla.breached': 'BREACHED' } as const;
const SlaAlertKindEnum = builder.enumType('SlaAlertKind', {
  values: {
    WARNING: { description: "The warning share of the target's time has passed (policy warnAtPercent)." },
    BREACHED: { description: 'The target time ran out while the clock was still open.' },
  } as const,
});

interface SlaAlertItem {
  eventId: string;
  kind: (typeof ALERT_TYPES)[keyof typeof ALERT_TYPES];
  workspaceId: string;
  targetId: string;
  ticketId: string;
  occurredAt: string;
}

const SlaAlertRef = builder.objectRef<SlaAlertItem>('SlaAlert');
SlaAlertRef.implement({
  description: 'A warning or breach of an SLA target, sent once (by whichever server instance noticed it first).',
  fields: (t) => ({
    eventId: t.exposeID('eventId', { description: 'Pass the last one as `after` when reconnecting.' }),
    kind: t.expose('kind', { type: SlaAlertKindEnum }),
    target: t.prismaField({
      type: 'SlaTarget',
      description: 'The target as it is now.',
      resolve: (query, item, _args, ctx) =>
        ctx.app.db.prisma.slaTarget.findFirstOrThrow({ ...query, where: { id: item.targetId, workspaceId: item.workspaceId } }),
    }),
    ticket: t.prismaField({
      type: 'Ticket',
      resolve: (query, item, _args, ctx) =>
        ctx.app.db.prisma.ticket.findFirstOrThrow({ ...query, where: { id: item.ticketId, workspaceId: item.workspaceId } }),
    }),
    occurredAt: t.field({ type: 'DateTime', resolve: (item) => new Date(item.occurredAt) }),
  }),
});

builder.subscriptionField('slaAlerts', (t) =>
  t.field({
    type: SlaAlertRef,
    description:
      'SLA warnings and breaches of the workspace as the scheduler sends them. Pass `after` (the last eventId you ' +
      `received) when reconnecting to receive what you missed first, up to ${REPLAY_LIMIT} events.`,
    args: {
      mine: t.arg.boolean({
        required: false,
        defaultValue: false,
        description: 'Only tickets assigned to you, or to a team of yours.',
      }),
      after: t.arg.id({ required: false, description: 'Resume after this event id.' }),
    },
    subscribe: (_root, args, ctx) => {
      const principal = principalOf(ctx);
      const prisma = ctx.app.db.prisma;
      const mine = args.mine === true;
      if (mine && !principal.userId) throw badInput('mine', 'API tokens have no tickets of their own.');
      if (args.after != null && !/^\d{1,18}$/.test(String(args.after))) throw badInput('after', 'Must be the id of an event.');

      const visible = (event: PublishedEvent) =>
        event.workspaceId === principal.workspaceId && event.entityType === 'Ticket' && event.type in ALERT_TYPES;
      const live = pipe(ctx.app.events.subscribe(principal.workspaceId), filter(visible));
      const source = args.after == null ? live : replayThenLive(prisma, principal.workspaceId, BigInt(String(args.after)), live, visible);

      // The target must still exist (a later change may have replaced it), and with `mine` the ticket must be the
      // viewer's now: assignments change, so this is read per alert, not once at subscribe time.
      const toItem = async (event: PublishedEvent): Promise<SlaAlertItem | null> => {
        const targetId = (event.payload as { targetId?: unknown } | null)?.targetId;
        if (typeof targetId !== 'string') return null;
        const [row] = await prisma.$queryRaw<{ ticketId: string }[]>`
          SELECT g."ticketId" FROM "SlaTarget" g JOIN "Ticket" t ON t."id" = g."ticketId"
           WHERE g."id" = ${targetId}::uuid AND g."workspaceId" = ${principal.workspaceId}::uuid
             AND (${!mine} OR t."assigneeUserId" = ${principal.userId}::uuid
                  OR t."assigneeTeamId" IN (SELECT m."teamId" FROM "TeamMember" m WHERE m."userId" = ${principal.userId}::uuid))`;
        if (!row) return null;
        return {
          eventId: event.id,
          kind: ALERT_TYPES[event.type as keyof typeof ALERT_TYPES],
          workspaceId: event.workspaceId,
          targetId,
          ticketId: row.ticketId,
          occurredAt: event.occurredAt,
        };
      };
      return pipe(source, map(toItem), filter((item): item is SlaAlertItem => item !== null));
    },
    resolve: (item) => item as SlaAlertItem,
  }),
);

// ---------------------------------------------------------------- slaClock

interface SlaClockItem {
  workspaceId: string;
  ticketId: string;
  at: Date;
}

const SlaClockRef = builder.objectRef<SlaClockItem>('SlaClock');
SlaClockRef.implement({
  description: "A ticket's SLA targets as of `at`, for a countdown that stays right across opening hours.",
  fields: (t) => ({
    ticket: t.prismaField({
      type: 'Ticket',
      resolve: (query, item, _args, ctx) =>
        ctx.app.db.prisma.ticket.findFirstOrThrow({ ...query, where: { id: item.ticketId, workspaceId: item.workspaceId } }),
    }),
    at: t.field({ type: 'DateTime', description: 'The server time the targets were read at.', resolve: (item) => item.at }),
    targets: t.prismaField({
      type: ['SlaTarget'],
      description: 'By metric then cycle.',
      resolve: (query, item, _args, ctx) =>
        ctx.app.db.prisma.slaTarget.findMany({
          ...query,
          where: { ticketId: item.ticketId, workspaceId: item.workspaceId },
          orderBy: [{ metric: 'asc' }, { cycle: 'asc' }],
        }),
    }),
    nextChangeAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: "The next instant the policy's calendar opens or closes (running clocks start or stop then); null for 24/7.",
      resolve: async (item, _args, ctx) => {
        const ticket = await ctx.app.db.prisma.ticket.findFirst({
          where: { id: item.ticketId, workspaceId: item.workspaceId },
          select: { slaPolicy: { select: { calendar: true } } },
        });
        const calendar = ticket?.slaPolicy?.calendar;
        return calendar ? nextCalendarChange(businessCalendarOf(calendar), item.at) : null;
      },
    }),
  }),
});

builder.subscriptionField('slaClock', (t) =>
  t.field({
    type: SlaClockRef,
    description:
      "One ticket's SLA targets: at once, after every change of the ticket or its SLA state, and every `everySeconds`.",
    args: {
      ticketId: t.arg.id(),
      everySeconds: t.arg.int({
        required: false,
        defaultValue: 30,
        validate: z.number().int().min(5, 'At least 5 seconds.').max(300, 'At most 300 seconds.'),
      }),
    },
    subscribe: async (_root, args, ctx) => {
      const principal = principalOf(ctx);
      const ticketId = idOf(String(args.ticketId), 'Ticket', 'ticketId');
      const workspaceId = principal.workspaceId;
      const exists = await ctx.app.db.prisma.ticket.findFirst({ where: { id: ticketId, workspaceId }, select: { id: true } });
      if (!exists) throw notFound('Ticket', 'ticketId');
      const everyMs = (args.everySeconds ?? 30) * 1000;
      const changes = ctx.app.events.subscribe(workspaceId);
      const clock = ctx.app.clock;

      return new Repeater<SlaClockItem>(async (push, stop) => {
        const tick = () => push({ workspaceId, ticketId, at: clock.now() });
        await tick();
        const timer = setInterval(() => void tick(), everyMs);
        const iterator = changes[Symbol.asyncIterator]();
        void stop.then(() => iterator.return?.());
        try {
          for (;;) {
            const next = await Promise.race([iterator.next(), stop.then(() => ({ done: true as const, value: undefined }))]);
            if (next.done) break;
            const event = next.value;
            if (event.entityId === ticketId && (event.type.startsWith('sla.') || event.type.startsWith('ticket.'))) await tick();
          }
        } finally {
          clearInterval(timer);
          stop();
        }
      });
    },
    resolve: (item) => item,
  }),
);
