// Business calendars (pure): weekly opening hours in an IANA time zone plus holidays, whether an instant is open, and
// how much open time lies between instants. SLA targets ("respond within 4 business hours") are computed from these.
//
// Hours are wall-clock times in the calendar's zone, so "09:00–17:00" stays 09:00–17:00 across DST changes; on the
// day the clocks jump, an interval is as long as the wall clock says (01:00–04:00 lasts 2 hours on spring-forward,
// and a wall hour that happens twice on fall-back is open both times).
//
// How the exact arithmetic works: whether an instant is open depends only on its wall time (instant + UTC offset).
// Between two offset changes the offset is constant, so there the open wall-clock intervals map to instants by one
// subtraction. We cut time into such constant-offset segments (offset changes found by bisection on the zone's
// offset function, cached per zone) and walk them; no luxon DateTime is created in the loops.
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { storableText, timeZoneRule } from '../schema/inputs.js';

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening interval on a weekday: `start` inclusive, `end` exclusive, `HH:mm` (`end` may be `24:00`). */
export interface OpeningInterval {
  day: Weekday;
  start: string;
  end: string;
}

/** Local dates on which the calendar is closed all day, whatever its weekly hours say. */
export interface Holiday {
  name: string;
  /** First closed local date, YYYY-MM-DD. */
  start: string;
  /** Last closed local date (inclusive), YYYY-MM-DD; = start for a one-day holiday. */
  end: string;
  /**
   * Every year (before and after the year written) on the same month-day range; a range may wrap over New Year
   * (12-31 .. 01-02). 02-29 exists only in leap years, so a holiday on it is only closed then.
   */
  yearly: boolean;
}

export interface BusinessCalendar {
  /** IANA zone the hours are read in, such as Europe/Istanbul. */
  timeZone: string;
  /** Nothing listed for a day = closed all day; no intervals at all = never open. */
  weeklyHours: OpeningInterval[];
  /** Optional: calendars stored in rule conditions before holidays existed have none. */
  holidays?: Holiday[];
}

/** The calendar that is always open (24/7): targets measured on it are plain durations. */
export const ALWAYS_OPEN: BusinessCalendar = Object.freeze({
  timeZone: 'UTC',
  weeklyHours: WEEKDAYS.map((day) => Object.freeze({ day, start: '00:00', end: '24:00' })),
  holidays: [],
});

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far ahead we look for the next open moment before concluding a calendar never opens. */
const SEARCH_HORIZON = 3 * 366 * DAY;

const CLOCK = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

/** Minutes since local midnight of an `HH:mm` time (`24:00` = 1440). */
export function minutesOfClock(clock: string): number {
  const match = CLOCK.exec(clock);
  if (!match) throw new Error(`not a clock time: ${clock}`);
  return Number(match[1] ?? match[3]) * 60 + Number(match[2] ?? match[4]);
}

const clockOfMinutes = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

// ---------------------------------------------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01): allocation-free, so the loops below stay cheap.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a real `YYYY-MM-DD` date, or null (2025-02-30 is not a date). */
function dayNumberOfDate(date: string): number | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const millis = Date.UTC(year, month - 1, day);
  const check = new Date(millis);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return millis / DAY;
}

/** `YYYYMMDD` as a number (comparable like the date) of a day number; civil-from-days (H. Hinnant). */
function dateKeyOfDay(dayNumber: number): number {
  const shifted = dayNumber + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return year * 10_000 + month * 100 + day;
}

/** Index into WEEKDAYS of a day number (1970-01-01 was a Thursday). */
const weekdayIndexOfDay = (dayNumber: number) => (((dayNumber % 7) + 10) % 7);

// ---------------------------------------------------------------------------------------------------------------
// Compiled calendars: hours as merged millisecond ranges per weekday, holidays as a date-key test.

interface CompiledCalendar {
  zone: IANAZone | null;
  /** Per weekday (Monday first): flat [start, end, start, end, …] in ms since local midnight, merged and sorted. */
  hours: number[][];
  /** Whether a local date (as `YYYYMMDD`) is a holiday; null when there are none. */
  isHoliday: ((dateKey: number) => boolean) | null;
  alwaysOpen: boolean;
  neverOpen: boolean;
}

/** Sorted, merged [start, end) minute ranges; overlapping or touching ranges become one. */
function mergeRanges(ranges: [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start >= end) continue;
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function compileHolidays(holidays: Holiday[]): ((dateKey: number) => boolean) | null {
  const oneOff: [number, number][] = [];
  const yearly: [number, number][] = []; // month-day ranges as MMDD; start > end wraps over New Year
  let closedAllYear = false;
  for (const holiday of holidays) {
    const start = dayNumberOfDate(holiday.start);
    const end = dayNumberOfDate(holiday.end);
    if (start === null || end === null || end < start) continue;
    const [startKey, endKey] = [dateKeyOfDay(start), dateKeyOfDay(end)];
    if (!holiday.yearly) oneOff.push([startKey, endKey]);
    // A range of 366 days or more (inclusive) contains every month-day; as MMDD it would look like a short range.
    else if (end - start >= 365) closedAllYear = true;
    else yearly.push([startKey % 10_000, endKey % 10_000]);
  }
  if (closedAllYear) return () => true;
  if (oneOff.length === 0 && yearly.length === 0) return null;
  return (dateKey) => {
    for (const [start, end] of oneOff) if (start <= dateKey && dateKey <= end) return true;
    const monthDay = dateKey % 10_000;
    for (const [start, end] of yearly) {
      if (start <= end ? start <= monthDay && monthDay <= end : monthDay >= start || monthDay <= end) return true;
    }
    return false;
  };
}

// Calendars are values: the SLA engine asks about the same one many times, so compile it once per object.
const compiledCalendars = new WeakMap<BusinessCalendar, CompiledCalendar>();

function compile(calendar: BusinessCalendar): CompiledCalendar {
  const cached = compiledCalendars.get(calendar);
  if (cached) return cached;
  const zone = IANAZone.create(calendar.timeZone);
  const hours = WEEKDAYS.map((day) =>
    mergeRanges(
      calendar.weeklyHours
        .filter((interval) => interval.day === day)
        .map((interval): [number, number] => [minutesOfClock(interval.start), minutesOfClock(interval.end)]),
    ).flatMap(([start, end]) => [start * MINUTE, end * MINUTE]),
  );
  const isHoliday = compileHolidays(calendar.holidays ?? []);
  const compiled: CompiledCalendar = {
    zone: zone.isValid ? zone : null,
    hours,
    isHoliday,
    alwaysOpen: isHoliday === null && hours.every((day) => day.length === 2 && day[0] === 0 && day[1] === DAY),
    neverOpen: !zone.isValid || hours.every((day) => day.length === 0),
  };
  compiledCalendars.set(calendar, compiled);
  return compiled;
}

// ---------------------------------------------------------------------------------------------------------------
// UTC offsets of a zone as constant segments, computed per 32-day chunk and cached per zone.

const OFFSET_CHUNK = 32 * DAY;
/**
 * Offsets are probed once a day and changes located by bisection: a zone would have to change its offset and change
 * it back within one day for us to miss it, which no zone in the tz database does.
 */
const OFFSET_PROBE = DAY;

interface OffsetChunk {
  /** Segment i covers [starts[i], starts[i + 1]) (the last one to the chunk's end) at offsets[i] ms. */
  starts: number[];
  offsets: number[];
}

const offsetChunksByZone = new Map<string, Map<number, OffsetChunk>>();

function offsetChunk(zone: IANAZone, index: number): OffsetChunk {
  let chunks = offsetChunksByZone.get(zone.name);
  if (!chunks) offsetChunksByZone.set(zone.name, (chunks = new Map()));
  const cached = chunks.get(index);
  if (cached) return cached;
  // luxon reads the offset per whole second, so every change happens on a second: bisect over seconds.
  const offsetAt = (millis: number) => Math.round(zone.offset(millis) * MINUTE);
  const chunkStart = index * OFFSET_CHUNK;
  const chunk: OffsetChunk = { starts: [chunkStart], offsets: [offsetAt(chunkStart)] };
  let left = chunkStart;
  let leftOffset = chunk.offsets[0];
  for (let probe = chunkStart + OFFSET_PROBE; probe <= chunkStart + OFFSET_CHUNK; probe += OFFSET_PROBE) {
    const probeOffset = offsetAt(probe);
    while (probeOffset !== leftOffset) {
      let low = left;
      let high = probe;
      while (high - low > 1000) {
        const middle = low + Math.floor((high - low) / 2000) * 1000;
        if (offsetAt(middle) === leftOffset) low = middle;
        else high = middle;
      }
      left = high;
      leftOffset = offsetAt(high);
      chunk.starts.push(left);
      chunk.offsets.push(leftOffset);
    }
    left = probe;
  }
  // Bounded memory: ~350 years of chunks per zone before we start over.
  if (chunks.size > 4096) chunks.clear();
  chunks.set(index, chunk);
  return chunk;
}

/** Calls `visit(start, end, offset)` for each constant-offset piece of [from, until), in order; stops on `true`. */
function forEachOffsetSegment(
  zone: IANAZone,
  from: number,
  until: number,
  visit: (start: number, end: number, offset: number) => boolean,
): boolean {
  for (let index = Math.floor(from / OFFSET_CHUNK); index * OFFSET_CHUNK < until; index++) {
    const { starts, offsets } = offsetChunk(zone, index);
    const chunkEnd = (index + 1) * OFFSET_CHUNK;
    for (let i = 0; i < starts.length; i++) {
      const start = Math.max(starts[i], from);
      const end = Math.min(i + 1 < starts.length ? starts[i + 1] : chunkEnd, until);
      if (start < end && visit(start, end, offsets[i])) return true;
    }
  }
  return false;
}

/**
 * Calls `visit(start, end)` for the open time inside [from, until) in order (adjacent pieces may arrive split);
 * stops when `visit` returns true.
 */
function forEachOpenPiece(
  calendar: CompiledCalendar,
  from: number,
  until: number,
  visit: (start: number, end: number) => boolean,
): boolean {
  const { zone, hours, isHoliday } = calendar;
  if (!zone || calendar.neverOpen) return false;
  return forEachOffsetSegment(zone, from, until, (start, end, offset) => {
    const wallStart = start + offset;
    const wallEnd = end + offset;
    for (let day = Math.floor(wallStart / DAY); day * DAY < wallEnd; day++) {
      const ranges = hours[weekdayIndexOfDay(day)];
      if (ranges.length === 0 || (isHoliday && isHoliday(dateKeyOfDay(day)))) continue;
      const midnight = day * DAY;
      for (let i = 0; i < ranges.length; i += 2) {
        const openFrom = Math.max(midnight + ranges[i], wallStart);
        const openUntil = Math.min(midnight + ranges[i + 1], wallEnd);
        if (openFrom < openUntil && visit(openFrom - offset, openUntil - offset)) return true;
      }
    }
    return false;
  });
}

function millisOf(instant: Date): number {
  const millis = instant.getTime();
  if (!Number.isFinite(millis)) throw new RangeError('not a valid instant');
  return millis;
}

// ---------------------------------------------------------------------------------------------------------------
// Questions asked of a calendar.

/**
 * Whether the calendar is open at `instant`: its local weekday and wall clock fall inside an interval and its local
 * date is no holiday. Deliberately written with luxon's own local time, independent of the segment arithmetic
 * above, so the two can be checked against each other.
 */
export function isOpen(calendar: BusinessCalendar, instant: Date): boolean {
  const local = DateTime.fromJSDate(instant, { zone: calendar.timeZone });
  if (!local.isValid) return false;
  if (compile(calendar).isHoliday?.(local.year * 10_000 + local.month * 100 + local.day)) return false;
  const day = WEEKDAYS[local.weekday - 1];
  const minute = local.hour * 60 + local.minute;
  return calendar.weeklyHours.some(
    (interval) => interval.day === day && minutesOfClock(interval.start) <= minute && minute < minutesOfClock(interval.end),
  );
}

/**
 * The real instants a calendar is open on one local date (`YYYY-MM-DD` in the calendar's zone), in order, touching
 * intervals merged; [] on a holiday.
 */
export function openIntervalsOn(calendar: BusinessCalendar, date: string): { start: Date; end: Date }[] {
  const day = dayNumberOfDate(date);
  if (day === null) throw new Error(`not a date: ${date}`);
  const compiled = compile(calendar);
  const ranges = compiled.hours[weekdayIndexOfDay(day)];
  if (!compiled.zone || ranges.length === 0 || compiled.isHoliday?.(dateKeyOfDay(day))) return [];
  const midnight = day * DAY;
  const pieces: [number, number][] = [];
  // Instants whose wall clock reads this date lie within a day plus the largest offsets (under 16 h) either side.
  const margin = 18 * 3_600_000;
  forEachOffsetSegment(compiled.zone, midnight - margin, midnight + DAY + margin, (start, end, offset) => {
    for (let i = 0; i < ranges.length; i += 2) {
      const openFrom = Math.max(midnight + ranges[i], start + offset);
      const openUntil = Math.min(midnight + ranges[i + 1], end + offset);
      if (openFrom < openUntil) pieces.push([openFrom - offset, openUntil - offset]);
    }
    return false;
  });
  return mergeRanges(pieces).map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
}

/** `instant` itself if the calendar is open then, else the start of its next open interval; null if none in 3 years. */
export function nextOpening(calendar: BusinessCalendar, instant: Date): Date | null {
  const from = millisOf(instant);
  const compiled = compile(calendar);
  if (compiled.alwaysOpen) return instant;
  let opening: number | null = null;
  forEachOpenPiece(compiled, from, from + SEARCH_HORIZON, (start) => {
    opening = start;
    return true;
  });
  return opening === null ? null : new Date(opening);
}

/**
 * The instant at which `minutes` of open time have passed since `start` (fractional minutes are rounded to the
 * millisecond). Counting begins at the next opening if the calendar is closed at `start`, and the result is the end
 * of the counted time: 30 minutes from 16:45 on a 09:00–17:00 calendar is 09:15 on the next open day. 0 minutes is
 * `start` itself. Null when the calendar stays closed for the whole search horizon (3 years) on the way.
 */
export function addBusinessTime(calendar: BusinessCalendar, start: Date, minutes: number): Date | null {
  const from = millisOf(start);
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`not a duration in minutes: ${minutes}`);
  let remaining = Math.round(minutes * MINUTE);
  if (remaining === 0) return start;
  const compiled = compile(calendar);
  if (compiled.alwaysOpen) return new Date(from + remaining);
  // Walk in horizon-long windows, each starting where open time was last seen: a long calendar target may span
  // years, but a window without any open time means the calendar has stopped opening.
  let windowStart = from;
  for (;;) {
    let due: number | null = null;
    let sawOpenTime = false;
    forEachOpenPiece(compiled, windowStart, windowStart + SEARCH_HORIZON, (pieceStart, pieceEnd) => {
      sawOpenTime = true;
      windowStart = pieceEnd;
      if (remaining <= pieceEnd - pieceStart) {
        due = pieceStart + remaining;
        return true;
      }
      remaining -= pieceEnd - pieceStart;
      return false;
    });
    if (due !== null) return new Date(due);
    if (!sawOpenTime) return null;
  }
}

/** Open milliseconds in [a, b); 0 when b <= a. */
export function businessTimeBetween(calendar: BusinessCalendar, a: Date, b: Date): number {
  const [from, until] = [millisOf(a), millisOf(b)];
  if (until <= from) return 0;
  const compiled = compile(calendar);
  if (compiled.alwaysOpen) return until - from;
  let open = 0;
  forEachOpenPiece(compiled, from, until, (start, end) => {
    open += end - start;
    return false;
  });
  return open;
}

// ---------------------------------------------------------------------------------------------------------------
// Input schemas.

const clockRule = z.string().regex(CLOCK, 'Must be a time of day such as 09:00 (24:00 for the end of the day).');

export const openingIntervalSchema = z
  .strictObject({ day: z.enum(WEEKDAYS), start: clockRule, end: clockRule })
  // Overnight hours are two intervals (22:00–24:00 and 00:00–06:00 the next day): an interval stays within its day.
  // (Zod runs this even when a time is malformed; that case is already reported on the time itself.)
  .refine((interval) => !CLOCK.test(interval.start) || !CLOCK.test(interval.end) || minutesOfClock(interval.start) < minutesOfClock(interval.end), {
    message: 'Must end after it starts, on the same day.',
    path: ['end'],
  });

/**
 * Overlapping or touching intervals on a day are merged (09:00–12:00 + 11:00–13:00 + 13:00–14:00 = 09:00–14:00)
 * rather than refused: the open time is the same either way, and one interval per stretch is what a reader of the
 * calendar expects to see. Sorted by weekday, then start.
 */
function mergeOpeningIntervals(intervals: OpeningInterval[]): OpeningInterval[] {
  return WEEKDAYS.flatMap((day) =>
    mergeRanges(
      intervals
        .filter((interval) => interval.day === day)
        .map((interval): [number, number] => [minutesOfClock(interval.start), minutesOfClock(interval.end)]),
    ).map(([start, end]) => ({ day, start: clockOfMinutes(start), end: clockOfMinutes(end) })),
  );
}

const dateRule = z.string().refine((date) => dayNumberOfDate(date) !== null, 'Must be a date such as 2026-01-01.');

export const holidaySchema = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1, 'Must not be empty.')
      .max(100, 'At most 100 characters.')
      .refine(storableText, 'Must not contain NUL characters.'),
    start: dateRule,
    end: dateRule,
    yearly: z.boolean().default(false),
  })
  .superRefine((holiday, context) => {
    const [start, end] = [dayNumberOfDate(holiday.start), dayNumberOfDate(holiday.end)];
    if (start === null || end === null) return;
    if (end < start) context.addIssue({ code: 'custom', message: 'Must not be before the start.', path: ['end'] });
    else if (holiday.yearly && end - start + 1 > 366) {
      context.addIssue({ code: 'custom', message: 'A yearly holiday lasts at most 366 days.', path: ['end'] });
    }
  });

/** A calendar as stored in rule conditions: may have no hours at all (then it is never open). */
export const businessCalendarSchema = z.strictObject({
  timeZone: timeZoneRule,
  weeklyHours: z.array(openingIntervalSchema).max(100, 'At most 100 intervals.').transform(mergeOpeningIntervals),
  holidays: z.array(holidaySchema).max(500, 'At most 500 holidays.').default([]),
});

/** A calendar SLA targets are measured on: it must open at some point, or no target could ever be due. */
export const slaCalendarSchema = businessCalendarSchema.superRefine((calendar, context) => {
  // Zod runs refinements after other issues too: with a malformed time already reported, there is nothing to compute.
  if (calendar.weeklyHours.some((interval) => !CLOCK.test(interval.start) || !CLOCK.test(interval.end))) return;
  if (calendar.weeklyHours.length === 0) {
    context.addIssue({ code: 'custom', message: 'A business calendar needs at least one opening interval.', path: ['weeklyHours'] });
  } else if (nextOpening(calendar, new Date('2000-01-01T00:00:00Z')) === null && nextOpening(calendar, new Date()) === null) {
    context.addIssue({
      code: 'custom',
      message: 'This calendar is never open: its holidays cover every opening day.',
      path: ['holidays'],
    });
  }
});

/**
 * The next instant the calendar opens or closes after `now` (null: it never changes, or not within a year). For clients
 * that render a live countdown: until then, the remaining business time runs (open) or stands still (closed).
 */
export function nextCalendarChange(calendar: BusinessCalendar, now: Date): Date | null {
  if (!isOpen(calendar, now)) return nextOpening(calendar, now);
  // Open now: follow the open intervals day by day from the one holding `now`, across touching ones (…–24:00 then
  // 00:00–…), to the first gap.
  const at = now.getTime();
  let date = DateTime.fromJSDate(now, { zone: calendar.timeZone }).startOf('day');
  let end: number | null = null;
  for (let day = 0; day < 370; day++, date = date.plus({ days: 1 })) {
    const intervals = openIntervalsOn(calendar, date.toISODate()!);
    if (end !== null && intervals.length === 0) return new Date(end);
    for (const interval of intervals) {
      const [start, until] = [interval.start.getTime(), interval.end.getTime()];
      if (end === null) {
        if (start <= at && at < until) end = until;
      } else if (start > end) {
        return new Date(end);
      } else {
        end = Math.max(end, until);
      }
    }
  }
  return null;
}
