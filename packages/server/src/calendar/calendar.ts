// Business hours (pure): weekly opening hours in an IANA time zone, and whether an instant falls inside them.
// Hours are wall-clock times in the calendar's zone, so "09:00–17:00" stays 09:00–17:00 across DST changes; on the
// day the clocks jump, an interval is as long as the wall clock says (01:00–04:00 lasts 2 hours on spring-forward).
import { DateTime } from 'luxon';
import { z } from 'zod';
import { timeZoneRule } from '../schema/inputs.js';

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening interval on a weekday: `start` inclusive, `end` exclusive, `HH:mm` (`end` may be `24:00`). */
export interface OpeningInterval {
  day: Weekday;
  start: string;
  end: string;
}

export interface BusinessCalendar {
  /** IANA zone the hours are read in, such as Europe/Istanbul. */
  timeZone: string;
  /** Nothing listed for a day = closed all day; no intervals at all = never open. */
  weeklyHours: OpeningInterval[];
}

const CLOCK = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

/** Minutes since local midnight of an `HH:mm` time (`24:00` = 1440). */
export function minutesOfClock(clock: string): number {
  const match = CLOCK.exec(clock);
  if (!match) throw new Error(`not a clock time: ${clock}`);
  return Number(match[1] ?? match[3]) * 60 + Number(match[2] ?? match[4]);
}

const clockRule = z.string().regex(CLOCK, 'Must be a time of day such as 09:00 (24:00 for the end of the day).');

export const openingIntervalSchema = z
  .strictObject({ day: z.enum(WEEKDAYS), start: clockRule, end: clockRule })
  // Overnight hours are two intervals (22:00–24:00 and 00:00–06:00 the next day): an interval stays within its day.
  // (Zod runs this even when a time is malformed; that case is already reported on the time itself.)
  .refine((interval) => !CLOCK.test(interval.start) || !CLOCK.test(interval.end) || minutesOfClock(interval.start) < minutesOfClock(interval.end), {
    message: 'Must end after it starts, on the same day.',
    path: ['end'],
  });

export const businessCalendarSchema = z.strictObject({
  timeZone: timeZoneRule,
  weeklyHours: z.array(openingIntervalSchema).max(100, 'At most 100 intervals.'),
});

const weekdayOf = (local: DateTime): Weekday => WEEKDAYS[local.weekday - 1];
const minuteOfDay = (local: DateTime) => local.hour * 60 + local.minute;

/** Whether the calendar is open at `instant` (wall-clock hours in the calendar's zone). */
export function isOpen(calendar: BusinessCalendar, instant: Date): boolean {
  const local = DateTime.fromJSDate(instant, { zone: calendar.timeZone });
  if (!local.isValid) return false;
  const day = weekdayOf(local);
  const minute = minuteOfDay(local);
  return calendar.weeklyHours.some(
    (interval) => interval.day === day && minutesOfClock(interval.start) <= minute && minute < minutesOfClock(interval.end),
  );
}

/**
 * The first instant of `date` (local midnight) whose wall clock reads `minutes` or later. A time the clocks skip
 * (02:30 on spring-forward in Europe) gives the instant of the jump, which is where `isOpen` starts to say open.
 */
function instantAtWallTime(midnight: DateTime, minutes: number): DateTime {
  // Adding calendar days (not 24 hours) keeps 24:00 at the next midnight on a 23- or 25-hour day.
  if (minutes === 1440) return midnight.plus({ days: 1 });
  const naive = midnight.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
  if (minuteOfDay(naive) === minutes) return naive;
  // Skipped: luxon moved it forward by the gap. Search the minutes before it for the jump (gaps are at most hours).
  let low = naive.minus({ hours: 3 }).toMillis();
  let high = naive.toMillis();
  const reached = (millis: number) => {
    const local = DateTime.fromMillis(millis, { zone: midnight.zone });
    return !local.hasSame(midnight, 'day') ? local > midnight : minuteOfDay(local) >= minutes;
  };
  while (high - low > 60_000) {
    const middle = low + Math.floor((high - low) / 120_000) * 60_000;
    if (reached(middle)) high = middle;
    else low = middle;
  }
  return DateTime.fromMillis(high, { zone: midnight.zone });
}

/** The real instants a calendar is open on one local date (`YYYY-MM-DD` in the calendar's zone), in order. */
export function openIntervalsOn(calendar: BusinessCalendar, date: string): { start: Date; end: Date }[] {
  const midnight = DateTime.fromISO(date, { zone: calendar.timeZone }).startOf('day');
  if (!midnight.isValid) throw new Error(`not a date: ${date}`);
  return calendar.weeklyHours
    .filter((interval) => interval.day === weekdayOf(midnight))
    .map((interval) => ({
      start: instantAtWallTime(midnight, minutesOfClock(interval.start)).toJSDate(),
      end: instantAtWallTime(midnight, minutesOfClock(interval.end)).toJSDate(),
    }))
    .filter((interval) => interval.start < interval.end)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}
