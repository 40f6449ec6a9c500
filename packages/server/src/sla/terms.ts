// SLA policies as values (pure): the input rules for what a policy promises, and the terms the SLA clock works
// from (`termsOf`), read from the stored policy and calendar rows. No Prisma at run time, no GraphQL.
import { z } from 'zod';
import type { BusinessCalendar, Holiday, OpeningInterval } from '../calendar/calendar.js';
import { SlaMetric } from '../generated/prisma/enums.js';
import type { SlaTerms } from './clock.js';

export const SLA_METRICS = Object.values(SlaMetric) as [SlaMetric, ...SlaMetric[]];

/** A year: longer targets are typing mistakes, not promises. */
export const MAX_TARGET_MINUTES = 525_600;

export interface PolicyTarget {
  metric: SlaMetric;
  minutes: number;
}

export const policyTargetSchema = z.strictObject({
  metric: z.enum(SLA_METRICS),
  minutes: z
    .number()
    .int('Must be a whole number of minutes.')
    .min(1, 'Must be at least 1 minute.')
    .max(MAX_TARGET_MINUTES, `At most ${MAX_TARGET_MINUTES} minutes (a year).`),
});

/**
 * A policy's targets: at least one, at most one per metric (a second FIRST_RESPONSE would leave the clock two
 * answers to one question). Stored in metric order, so two policies with the same promises read the same.
 */
export const policyTargetsSchema = z
  .array(policyTargetSchema)
  .min(1, 'List at least one target.')
  .max(SLA_METRICS.length, `At most ${SLA_METRICS.length} targets, one per metric.`)
  .superRefine((targets, context) => {
    const seen = new Set<SlaMetric>();
    targets.forEach((target, index) => {
      if (seen.has(target.metric)) {
        context.addIssue({ code: 'custom', message: `${target.metric} is listed twice: one target per metric.`, path: [index, 'metric'] });
      }
      seen.add(target.metric);
    });
  })
  .transform((targets) => [...targets].sort((a, b) => SLA_METRICS.indexOf(a.metric) - SLA_METRICS.indexOf(b.metric)));

/** Share of targets that should be met, in percent. */
export const targetRateSchema = z.number().min(0, 'Must be between 0 and 100.').max(100, 'Must be between 0 and 100.');

/** When to warn, as a share of a target's time; 0 would warn at once and 100 at the breach itself. */
export const warnAtPercentSchema = z.number().int('Must be a whole number.').min(1, 'Must be between 1 and 99.').max(99, 'Must be between 1 and 99.');

/** The columns of a stored calendar (BusinessCalendar row) the math needs. */
export interface CalendarRow {
  timeZone: string;
  weeklyHours: unknown;
  holidays: unknown;
}

/** The columns of a stored policy (SlaPolicy row) its terms come from. */
export interface PolicyRow {
  targets: unknown;
  pauseWhenPending: boolean;
  warnAtPercent: number;
}

/** A stored calendar as the calendar math takes it (rows are validated and normalised when written). */
export function businessCalendarOf(row: CalendarRow): BusinessCalendar {
  return {
    timeZone: row.timeZone,
    weeklyHours: (row.weeklyHours ?? []) as OpeningInterval[],
    holidays: (row.holidays ?? []) as Holiday[],
  };
}

/** Stored targets; anything that does not read as a target is left out (rows are validated when written). */
export function targetsOf(stored: unknown): PolicyTarget[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter((target): target is PolicyTarget => policyTargetSchema.safeParse(target).success);
}

/** What a policy promises, for the SLA clock; no calendar row = measured around the clock (24/7). */
export function termsOf(policy: PolicyRow, calendar: CalendarRow | null): SlaTerms {
  return {
    targets: targetsOf(policy.targets),
    calendar: calendar ? businessCalendarOf(calendar) : null,
    pauseWhenPending: policy.pauseWhenPending,
    warnAtPercent: policy.warnAtPercent,
  };
}
