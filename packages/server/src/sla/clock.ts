// SLA clocks (pure): what a policy promised on one ticket, measured from the ticket's timeline in business time.
// No Prisma, no GraphQL: the live recomputation (src/sla/recompute.ts) and the what-if replay (src/sla/simulation.ts)
// both call `computeSlaTargets`, so a report and a simulation can never disagree on what "met" means.
import { ALWAYS_OPEN, addBusinessTime, type BusinessCalendar, businessTimeBetween } from '../calendar/calendar.js';
import type { Channel, SlaMetric, SlaTargetStatus, StatusCategory } from '../generated/prisma/enums.js';

export type { SlaMetric, SlaTargetStatus };

/** Channels whose tickets are chats: CHAT_RESPONSE applies to them (and only to them). */
export const CHAT_CHANNELS: readonly Channel[] = ['LIVE_CHAT', 'WHATSAPP', 'INSTAGRAM', 'FACEBOOK', 'IN_APP'];

/** What a policy promises, as the clock needs it. */
export interface SlaTerms {
  /** At most one entry per metric; minutes >= 1. */
  targets: { metric: SlaMetric; minutes: number }[];
  /** null = 24/7. */
  calendar: BusinessCalendar | null;
  /** Statuses of the PENDING category stop the clocks. */
  pauseWhenPending: boolean;
  /** Warn at this share of a target's time (1–99). */
  warnAtPercent: number;
}

export type TimelineEntry =
  | { at: Date; kind: 'customerMessage' }
  /** A PUBLIC reply written by an agent (private notes and automatic replies are not in the timeline). */
  | { at: Date; kind: 'agentReply' }
  | { at: Date; kind: 'status'; category: StatusCategory };

export interface TicketTimeline {
  createdAt: Date;
  channel: Channel;
  /** Created by an agent on the customer's behalf: the first-response clock starts at creation all the same. */
  isInternal: boolean;
  /** The status category the ticket was created with. */
  initialCategory: StatusCategory;
  /** In time order; entries of one instant in the order they were written. */
  entries: TimelineEntry[];
}

export interface ComputedTarget {
  metric: SlaMetric;
  /** 0 for FIRST_RESPONSE and RESOLUTION; 1, 2, … for each NEXT_RESPONSE / CHAT_RESPONSE wait. */
  cycle: number;
  targetMinutes: number;
  status: SlaTargetStatus;
  startedAt: Date;
  /** When the target's time runs out if the clock keeps running; null while paused or once completed. */
  dueAt: Date | null;
  /** When the warning share is (or was) reached, for ACTIVE targets; may be in the past. Null otherwise. */
  warnAt: Date | null;
  /** The stop event (reply, resolution), in time or late. */
  completedAt: Date | null;
  /** The instant the target's time ran out (completed late, or still open past it). */
  breachedAt: Date | null;
  /** Business seconds counted up to completedAt, or up to `now`. */
  elapsedSeconds: number;
}

/** Enum declaration order, as PostgreSQL sorts the SlaMetric column: the output order of `computeSlaTargets`. */
const METRIC_ORDER: readonly SlaMetric[] = ['FIRST_RESPONSE', 'NEXT_RESPONSE', 'RESOLUTION', 'CHAT_RESPONSE'];

const MINUTE = 60_000;

/** RESOLVED and CLOSED both mean "solved": solving stops the reply and resolution clocks. */
export const isResolvedCategory = (category: StatusCategory) => category === 'RESOLVED' || category === 'CLOSED';

/**
 * The ticket's timeline cut into phases between consecutive instants (point 0 = creation, one point per entry up to
 * `now`, the last point = `now`), with the business time counted in each phase summed up per kind of clock.
 * Every target starts and stops at one of these points, so its elapsed time is a difference of two sums: one
 * calendar walk per phase for the whole ticket, not one per target.
 */
interface Phases {
  points: number[];
  /** Business ms from point 0 to point j that a reply clock counts (the ticket not paused). */
  replyCounted: number[];
  /** Business ms from point 0 to point j that the resolution clock counts (neither paused nor resolved). */
  resolutionCounted: number[];
}

interface Span {
  metric: SlaMetric;
  cycle: number;
  startPoint: number;
  /** The point of the stop event, or null while open. */
  endPoint: number | null;
}

/**
 * Business seconds from the timeline's own history: which targets exist, when each started and stopped, how much
 * counted time they used, and when the open ones fall due. Semantics follow Zendesk (see the comments where each
 * rule is decided); the result is sorted by metric (enum order) then cycle.
 */
export function computeSlaTargets(timeline: TicketTimeline, terms: SlaTerms, now: Date): ComputedTarget[] {
  const calendar = terms.calendar ?? ALWAYS_OPEN; // null = 24/7: ALWAYS_OPEN takes the calendar's plain-arithmetic path
  const wanted = new Map(terms.targets.map((target) => [target.metric, target.minutes]));
  const created = timeline.createdAt.getTime();
  // A clock cannot count before the ticket exists: a `now` before creation measures nothing yet.
  const nowMillis = Math.max(now.getTime(), created);

  // Phase j runs from points[j] to points[j + 1] in the state reached after point j.
  const points: number[] = [created];
  const pausedAfter: boolean[] = [];
  const resolvedAfter: boolean[] = [];
  let category = timeline.initialCategory;
  const isPaused = () => terms.pauseWhenPending && category === 'PENDING';
  pausedAfter.push(isPaused());
  resolvedAfter.push(isResolvedCategory(category));

  const chatApplies = CHAT_CHANNELS.includes(timeline.channel);
  const spans: Span[] = [];
  // FIRST_RESPONSE starts at creation for every ticket, internal ones too (an agent opened it for the customer, who
  // waits for an answer all the same).
  const firstResponse: Span = { metric: 'FIRST_RESPONSE', cycle: 0, startPoint: 0, endPoint: null };
  const resolution: Span = { metric: 'RESOLUTION', cycle: 0, startPoint: 0, endPoint: null };
  spans.push(firstResponse, resolution);
  let openNextResponse: Span | null = null;
  let openChatResponse: Span | null = null;
  let nextResponseCycles = 0;
  let chatResponseCycles = 0;

  /** A public reply, or solving the ticket (Zendesk: a solved ticket owes no reply), stops every reply clock waiting. */
  const completeReplyClocksAt = (point: number) => {
    if (firstResponse.endPoint === null) firstResponse.endPoint = point;
    if (openNextResponse) openNextResponse.endPoint = point;
    if (openChatResponse) openChatResponse.endPoint = point;
    openNextResponse = openChatResponse = null;
  };
  // Created already solved: nothing is owed, both clocks stop at once (elapsed 0).
  if (resolvedAfter[0]) completeReplyClocksAt(0);
  /** Where the current resolved stretch began: the resolution target's completion while the ticket stays solved. */
  let resolvedSincePoint: number | null = resolvedAfter[0] ? 0 : null;

  let lastAt = created;
  for (const entry of timeline.entries) {
    const at = entry.at.getTime();
    if (at > nowMillis) break; // entries after `now` have not happened yet (they are in time order)
    lastAt = Math.max(lastAt, at); // an entry stamped before the previous one (or before creation) counts at that one
    points.push(lastAt);
    const point = points.length - 1;
    if (entry.kind === 'customerMessage') {
      // Several messages before an answer are one wait: only a message with no cycle open starts one. Until the first
      // response is done (by a reply, or by solving the ticket) the customer's messages belong to the first response.
      if (firstResponse.endPoint !== null && !openNextResponse) {
        openNextResponse = { metric: 'NEXT_RESPONSE', cycle: ++nextResponseCycles, startPoint: point, endPoint: null };
        spans.push(openNextResponse);
      }
      // Chats measure every wait, the first one included (a chat's first message is its creation).
      if (chatApplies && !openChatResponse) {
        openChatResponse = { metric: 'CHAT_RESPONSE', cycle: ++chatResponseCycles, startPoint: point, endPoint: null };
        spans.push(openChatResponse);
      }
    } else if (entry.kind === 'agentReply') {
      completeReplyClocksAt(point); // one public reply answers everything the customer is waiting on
    } else {
      const wasResolved = isResolvedCategory(category);
      category = entry.category;
      const resolvedNow = isResolvedCategory(category);
      if (!wasResolved && resolvedNow) {
        completeReplyClocksAt(point);
        resolvedSincePoint = point;
      } else if (wasResolved && !resolvedNow) {
        // Reopened: the SAME resolution target resumes; the solved stretch is left out of its count (below).
        resolvedSincePoint = null;
      }
    }
    pausedAfter.push(isPaused());
    resolvedAfter.push(isResolvedCategory(category));
  }
  points.push(nowMillis);
  resolution.endPoint = resolvedSincePoint; // the last resolution, or open again

  // Counted business time per phase, summed. Zero-length phases (entries of one instant) need no calendar walk.
  const replyCounted = [0];
  const resolutionCounted = [0];
  for (let j = 0; j + 1 < points.length; j++) {
    const countsForReplies = !pausedAfter[j]; // paused (PENDING with pauseWhenPending): no clock counts
    const countsForResolution = countsForReplies && !resolvedAfter[j]; // time spent solved never counts
    const open =
      (countsForReplies || countsForResolution) && points[j + 1] > points[j]
        ? businessTimeBetween(calendar, new Date(points[j]), new Date(points[j + 1]))
        : 0;
    replyCounted.push(replyCounted[j] + (countsForReplies ? open : 0));
    resolutionCounted.push(resolutionCounted[j] + (countsForResolution ? open : 0));
  }
  const phases: Phases = { points, replyCounted, resolutionCounted };
  const lastPoint = points.length - 1;
  // Only a pause stops an open target now (an open resolution target means the ticket is not solved).
  const runningNow = !pausedAfter[lastPoint - 1];

  const results: ComputedTarget[] = [];
  for (const span of spans) {
    const targetMinutes = wanted.get(span.metric);
    if (targetMinutes === undefined) continue; // only the metrics the policy promises
    const counted = span.metric === 'RESOLUTION' ? phases.resolutionCounted : phases.replyCounted;
    results.push(
      measure(span, targetMinutes, counted, phases.points, lastPoint, runningNow, terms.warnAtPercent, calendar),
    );
  }
  return results.sort((a, b) => METRIC_ORDER.indexOf(a.metric) - METRIC_ORDER.indexOf(b.metric) || a.cycle - b.cycle);
}

/**
 * The instant `threshold` ms of counted time has been used since `startPoint`, if that happened by `endPoint`: the
 * phase where it ran out, then the calendar from that phase's start (a phase counts without a break).
 */
function instantCountedReaches(
  threshold: number,
  counted: number[],
  points: number[],
  startPoint: number,
  endPoint: number,
  calendar: BusinessCalendar,
): Date | null {
  const base = counted[startPoint];
  for (let j = startPoint; j < endPoint; j++) {
    if (counted[j + 1] - base < threshold) continue;
    return addBusinessTime(calendar, new Date(points[j]), (threshold - (counted[j] - base)) / MINUTE);
  }
  return null;
}

function measure(
  span: Span,
  targetMinutes: number,
  counted: number[],
  points: number[],
  lastPoint: number,
  runningNow: boolean,
  warnAtPercent: number,
  calendar: BusinessCalendar,
): ComputedTarget {
  const targetMillis = targetMinutes * MINUTE;
  const endPoint = span.endPoint ?? lastPoint;
  const elapsed = counted[endPoint] - counted[span.startPoint];
  const completed = span.endPoint !== null;
  const result: ComputedTarget = {
    metric: span.metric,
    cycle: span.cycle,
    targetMinutes,
    status: 'ACTIVE',
    startedAt: new Date(points[span.startPoint]),
    dueAt: null,
    warnAt: null,
    completedAt: completed ? new Date(points[endPoint]) : null,
    breachedAt: null,
    elapsedSeconds: Math.floor(elapsed / 1000),
  };
  const breachedAt = () => instantCountedReaches(targetMillis, counted, points, span.startPoint, endPoint, calendar);
  if (completed) {
    // Met iff elapsed <= target: a reply in the very millisecond the time runs out is in time.
    if (elapsed <= targetMillis) result.status = 'ACHIEVED';
    else Object.assign(result, { status: 'BREACHED', breachedAt: breachedAt() });
    return result;
  }
  if (elapsed >= targetMillis) {
    // Open and the due instant has come (now >= due): breached, and it stays so while paused; dueAt keeps the instant.
    const at = breachedAt();
    return Object.assign(result, { status: 'BREACHED', breachedAt: at, dueAt: at });
  }
  if (!runningNow) return Object.assign(result, { status: 'PAUSED' }); // the due time moves when the clock resumes
  // Running: the rest of the target from now on is the same instant as from the start of the current stretch.
  const now = new Date(points[lastPoint]);
  result.dueAt = addBusinessTime(calendar, now, (targetMillis - elapsed) / MINUTE);
  if (result.dueAt === null) return result; // the calendar never opens again: no due time, still ACTIVE
  const warnMillis = Math.round((targetMillis * warnAtPercent) / 100);
  // A warning share already used is still reported (in the past): the scheduler decides whether it was sent.
  result.warnAt =
    elapsed >= warnMillis
      ? instantCountedReaches(warnMillis, counted, points, span.startPoint, endPoint, calendar)
      : addBusinessTime(calendar, now, (warnMillis - elapsed) / MINUTE);
  return result;
}
