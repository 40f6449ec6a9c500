// SLA clocks (pure): what a policy promised on one ticket, measured from the ticket's timeline in business time.
// No Prisma, no GraphQL: the live recomputation (src/sla/recompute.ts) and the what-if replay (src/sla/simulation.ts)
// both call `computeSlaTargets`, so a report and a simulation can never disagree on what "met" means.
import type { BusinessCalendar } from '../calendar/calendar.js';
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
  /** When the warning share is reached if the clock keeps running; null when paused, completed or already past. */
  warnAt: Date | null;
  /** The stop event (reply, resolution), in time or late. */
  completedAt: Date | null;
  /** The instant the target's time ran out (completed late, or still open past it). */
  breachedAt: Date | null;
  /** Business seconds counted up to completedAt, or up to `now`. */
  elapsedSeconds: number;
}

export function computeSlaTargets(timeline: TicketTimeline, terms: SlaTerms, now: Date): ComputedTarget[] {
  void timeline;
  void terms;
  void now;
  throw new Error('computeSlaTargets: not built yet');
}
