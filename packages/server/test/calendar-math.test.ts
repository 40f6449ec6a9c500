// Business-time arithmetic: SLA due dates are "N open minutes after this moment" on a calendar with weekly hours,
// holidays and DST. Every answer must agree with `isOpen` read minute by minute, including the days the clocks jump.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  ALWAYS_OPEN,
  addBusinessTime,
  type BusinessCalendar,
  businessCalendarSchema,
  businessTimeBetween,
  type Holiday,
  isOpen,
  nextOpening,
  type OpeningInterval,
  openIntervalsOn,
  slaCalendarSchema,
  WEEKDAYS,
} from '../src/calendar/calendar.js';

const MINUTE = 60_000;
const DAY_MINUTES = 1440;
const at = (iso: string) => new Date(iso);
const minutesOf = (millis: number) => millis / MINUTE;

// ---------------------------------------------------------------------------------------------------------------
// The reference: minute-by-minute, built on isOpen alone. Every boundary here (15-minute hours, whole-minute
// offsets and offset changes) falls on a whole minute, so open time = 1 minute per open whole-minute instant.

const ZONES = [
  'Europe/Istanbul',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe', // DST moves the clock by 30 minutes
  'Asia/Kolkata',
  'America/Sao_Paulo', // until 2019 the clocks jumped at midnight: some days started at 01:00
  'Pacific/Auckland',
  'UTC',
] as const;
const FIRST_YEAR = 2016;
const YEARS = 15;

/** Hours at which each zone's offset changed, 2016–2030 (luxon only, found by a daily then hourly scan). */
const transitionsByZone = new Map(
  ZONES.map((zone) => {
    const found: number[] = [];
    let day = DateTime.fromObject({ year: FIRST_YEAR }, { zone: 'UTC' });
    const offsetAt = (dateTime: DateTime) => dateTime.setZone(zone).offset;
    for (let i = 0; i < YEARS * 366; i++, day = day.plus({ days: 1 })) {
      const next = day.plus({ days: 1 });
      if (offsetAt(day) === offsetAt(next)) continue;
      let hour = day;
      while (offsetAt(hour.plus({ hours: 1 })) === offsetAt(day)) hour = hour.plus({ hours: 1 });
      found.push(hour.plus({ hours: 1 }).toMillis());
    }
    return [zone, found] as const;
  }),
);

const slotClock = (slot: number) => `${String(Math.floor(slot / 4)).padStart(2, '0')}:${String((slot % 4) * 15).padStart(2, '0')}`;

/** [startSlot, endSlot) on 15-minute slots, biased to touch midnight and to sit in the small hours where DST acts. */
const slotsArb = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 96 })).map(([start, length]) => [start, Math.min(96, start + length)]),
  fc.integer({ min: 1, max: 96 }).map((end) => [0, end]),
  fc.integer({ min: 0, max: 95 }).map((start) => [start, 96]),
  fc.tuple(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 12 })).map(([start, length]) => [start, start + length]),
);
const weeklyHoursArb = fc
  .tuple(...WEEKDAYS.map((day) => fc.array(slotsArb.map(([start, end]) => ({ day, start: slotClock(start), end: slotClock(end) })), { maxLength: 6 })))
  .map((days): OpeningInterval[] => days.flat());

/** Holidays relative to the start instant's local date, so that they matter; yearly ones written in an earlier year. */
const holidaySpecsArb = fc.array(
  fc.record({
    offsetDays: fc.integer({ min: -3, max: 3 }),
    lengthDays: fc.integer({ min: 0, max: 2 }),
    yearly: fc.boolean(),
    yearShift: fc.integer({ min: -3, max: 0 }),
  }),
  { maxLength: 3 },
);

const scenarioArb = fc.record({
  zone: fc.constantFrom(...ZONES),
  weeklyHours: weeklyHoursArb,
  holidaySpecs: holidaySpecsArb,
  anchor: fc.constantFrom('transition', 'year end', 'anywhere'),
  pick: fc.nat(),
  jitterMinutes: fc.oneof(fc.integer({ min: -180, max: 180 }), fc.integer({ min: -3 * DAY_MINUTES, max: 3 * DAY_MINUTES })),
  spanMinutes: fc.integer({ min: 1, max: 2 * DAY_MINUTES }),
  probes: fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function materialise(scenario: Scenario): { calendar: BusinessCalendar; start: number } {
  const { zone, pick } = scenario;
  const transitions = transitionsByZone.get(zone)!;
  let anchor: number;
  if (scenario.anchor === 'transition' && transitions.length > 0) anchor = transitions[pick % transitions.length];
  else if (scenario.anchor === 'anywhere') anchor = Date.UTC(FIRST_YEAR, 0, 1) + (pick % (YEARS * 365 * DAY_MINUTES)) * MINUTE;
  else anchor = DateTime.fromObject({ year: FIRST_YEAR + (pick % YEARS), month: 12, day: 31, hour: 12 }, { zone }).toMillis();
  const start = anchor + scenario.jitterMinutes * MINUTE;
  const localDate = DateTime.fromMillis(start, { zone }).startOf('day');
  const holidays: Holiday[] = scenario.holidaySpecs.map((spec, index) => {
    const first = localDate.plus({ days: spec.offsetDays, years: spec.yearly ? spec.yearShift : 0 });
    const last = first.plus({ days: spec.lengthDays });
    return { name: `holiday ${index}`, start: first.toISODate()!, end: last.toISODate()!, yearly: spec.yearly };
  });
  return { calendar: { timeZone: zone, weeklyHours: scenario.weeklyHours, holidays }, start };
}

const openMinutesFrom = (calendar: BusinessCalendar, start: number, count: number) =>
  Array.from({ length: count }, (_, i) => isOpen(calendar, new Date(start + i * MINUTE)));

const PROPERTY_RUNS = { numRuns: 200 };

describe('business time agrees with isOpen read minute by minute', () => {
  it('open time between two instants, the due instant of a target, and the next opening', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { calendar, start } = materialise(scenario);
        const count = scenario.spanMinutes;
        const open = openMinutesFrom(calendar, start, count);
        const openBefore = [0]; // openBefore[i] = open minutes in [start, start + i minutes)
        for (const isOpenMinute of open) openBefore.push(openBefore[openBefore.length - 1] + (isOpenMinute ? 1 : 0));
        const instant = (minute: number) => new Date(start + minute * MINUTE);
        const [p1, p2, p3, p4, p5] = scenario.probes;

        // Open time over the whole window and a sub-window.
        expect(minutesOf(businessTimeBetween(calendar, instant(0), instant(count)))).toBe(openBefore[count]);
        const [from, until] = [p1 % (count + 1), p2 % (count + 1)].sort((a, b) => a - b);
        expect(minutesOf(businessTimeBetween(calendar, instant(from), instant(until)))).toBe(openBefore[until] - openBefore[from]);

        // A target of m minutes is due where the count first reaches m: the end of the m-th open minute.
        const total = openBefore[count];
        if (total > 0) {
          for (const target of [1, total, 1 + (p3 % total)]) {
            const mthOpenMinute = openBefore.findIndex((seen) => seen === target) - 1;
            expect(addBusinessTime(calendar, instant(0), target)).toEqual(instant(mthOpenMinute + 1));
          }
        }
        expect(addBusinessTime(calendar, instant(0), 0)).toEqual(instant(0));

        // The next opening is the first open minute (or lies beyond the window when none is inside it).
        for (const probe of [0, p4 % count, p5 % count]) {
          const firstOpen = open.indexOf(true, probe);
          const opening = nextOpening(calendar, instant(probe));
          if (firstOpen >= 0) expect(opening).toEqual(instant(firstOpen));
          else if (opening) expect(opening.getTime()).toBeGreaterThanOrEqual(start + count * MINUTE);
        }

        // openIntervalsOn: the union over the local dates around the window is exactly the open minutes, and each
        // interval lies on its own local date.
        const zone = calendar.timeZone;
        const firstDate = DateTime.fromMillis(start, { zone }).startOf('day').minus({ days: 1 });
        const intervals: { start: Date; end: Date }[] = [];
        for (let date = firstDate; date.toMillis() <= start + (count + DAY_MINUTES) * MINUTE; date = date.plus({ days: 1 })) {
          const onDate = openIntervalsOn(calendar, date.toISODate()!);
          // In order, and merged: no two intervals of one date overlap or touch.
          onDate.slice(1).forEach((interval, i) => expect(onDate[i].end < interval.start).toBe(true));
          for (const interval of onDate) {
            expect(interval.start < interval.end).toBe(true);
            expect(DateTime.fromJSDate(interval.start, { zone }).toISODate()).toBe(date.toISODate());
            expect(DateTime.fromMillis(interval.end.getTime() - 1, { zone }).toISODate()).toBe(date.toISODate());
            intervals.push(interval);
          }
        }
        const inSomeInterval = (millis: number) => intervals.some((interval) => interval.start.getTime() <= millis && millis < interval.end.getTime());
        const disagreements = open.flatMap((isOpenMinute, minute) =>
          isOpenMinute === inSomeInterval(start + minute * MINUTE) ? [] : [{ minute, isOpenMinute }],
        );
        expect(disagreements).toEqual([]);
      }),
      PROPERTY_RUNS,
    );
  });

  it('open time up to the due instant is the target, and open time adds up over consecutive spans', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.integer({ min: 0, max: 5 * DAY_MINUTES * MINUTE }),
        fc.integer({ min: 0, max: 3 * DAY_MINUTES * MINUTE }),
        fc.integer({ min: 0, max: 3 * DAY_MINUTES * MINUTE }),
        (scenario, targetMillis, firstSpan, secondSpan) => {
          const { calendar, start } = materialise(scenario);
          // Arbitrary milliseconds, not whole minutes: the arithmetic must be exact at any instant.
          const a = start + (scenario.pick % MINUTE);
          const minutes = targetMillis / MINUTE; // fractional minutes are counted to the millisecond
          const due = addBusinessTime(calendar, new Date(a), minutes);
          if (due) expect(businessTimeBetween(calendar, new Date(a), due)).toBe(Math.round(minutes * MINUTE));

          const [b, c] = [a + firstSpan, a + firstSpan + secondSpan].map((millis) => new Date(millis));
          expect(businessTimeBetween(calendar, new Date(a), c)).toBe(
            businessTimeBetween(calendar, new Date(a), b) + businessTimeBetween(calendar, b, c),
          );

          const opening = nextOpening(calendar, new Date(a));
          if (opening) {
            expect(isOpen(calendar, opening)).toBe(true);
            expect(businessTimeBetween(calendar, new Date(a), opening)).toBe(0);
          }
        },
      ),
      PROPERTY_RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Hand-worked cases.

const mondayToFriday = (start: string, end: string, timeZone: string, holidays: Holiday[] = []): BusinessCalendar => ({
  timeZone,
  weeklyHours: WEEKDAYS.slice(0, 5).map((day) => ({ day, start, end })),
  holidays,
});
const sundayNight = (timeZone: string, start: string, end: string): BusinessCalendar => ({
  timeZone,
  weeklyHours: [{ day: 'SUNDAY', start, end }],
});

describe('due dates across the days the clocks change', () => {
  it('a 30-minute target across the spring-forward jump in Berlin is due 30 real minutes later', () => {
    // Berlin, Sunday 29 March 2026: at 02:00 CET (01:00Z) the clocks jump to 03:00 CEST. Open 01:00–05:00.
    // Start 01:45 CET = 00:45Z. 15 minutes to 02:00 CET (01:00Z), which is 03:00 CEST; 15 more → 03:15 CEST = 01:15Z.
    const calendar = sundayNight('Europe/Berlin', '01:00', '05:00');
    const due = addBusinessTime(calendar, at('2026-03-29T00:45:00Z'), 30);
    expect(due).toEqual(at('2026-03-29T01:15:00Z'));
    expect(DateTime.fromJSDate(due!, { zone: 'Europe/Berlin' }).toFormat('HH:mm')).toBe('03:15');
    // 01:00–05:00 on wall clocks is 3 real hours that night: 00:00Z–03:00Z.
    expect(businessTimeBetween(calendar, at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(3 * 60 * MINUTE);
  });

  it('the same in New York', () => {
    // New York, Sunday 8 March 2026: at 02:00 EST (07:00Z) the clocks jump to 03:00 EDT. Open 01:00–05:00.
    // Start 01:45 EST = 06:45Z. 15 minutes to 07:00Z (= 03:00 EDT); 15 more → 03:15 EDT = 07:15Z.
    const calendar = sundayNight('America/New_York', '01:00', '05:00');
    expect(addBusinessTime(calendar, at('2026-03-08T06:45:00Z'), 30)).toEqual(at('2026-03-08T07:15:00Z'));
  });

  it('on fall-back the repeated wall hour is counted twice', () => {
    // Berlin, Sunday 25 October 2026: at 03:00 CEST (01:00Z) the clocks go back to 02:00 CET.
    // Open 02:00–03:00: first pass 02:00–03:00 CEST = 00:00Z–01:00Z, second pass 02:00–03:00 CET = 01:00Z–02:00Z.
    const repeatedHour = sundayNight('Europe/Berlin', '02:00', '03:00');
    expect(businessTimeBetween(repeatedHour, at('2026-10-24T12:00:00Z'), at('2026-10-25T12:00:00Z'))).toBe(120 * MINUTE);
    // From 02:30 CEST (00:30Z), 60 minutes: 30 to 01:00Z, then 30 of the second pass → 02:30 CET = 01:30Z.
    expect(addBusinessTime(repeatedHour, at('2026-10-25T00:30:00Z'), 60)).toEqual(at('2026-10-25T01:30:00Z'));

    // Open 02:30–04:00: 02:30 CEST–03:00 CEST (00:30Z–01:00Z), then the clock reads 02:00 CET, closed until 02:30 CET
    // (01:30Z), open to 04:00 CET (03:00Z). 30 + 90 = 120 minutes.
    const fromHalfPast = sundayNight('Europe/Berlin', '02:30', '04:00');
    expect(openIntervalsOn(fromHalfPast, '2026-10-25')).toEqual([
      { start: at('2026-10-25T00:30:00Z'), end: at('2026-10-25T01:00:00Z') },
      { start: at('2026-10-25T01:30:00Z'), end: at('2026-10-25T03:00:00Z') },
    ]);
    expect(isOpen(fromHalfPast, at('2026-10-25T01:15:00Z'))).toBe(false); // 02:15 CET, second pass
    expect(nextOpening(fromHalfPast, at('2026-10-25T01:00:00Z'))).toEqual(at('2026-10-25T01:30:00Z'));
  });
});

describe('due dates across closed time', () => {
  const istanbul = mondayToFriday('09:00', '17:00', 'Europe/Istanbul');

  it('a 30-minute target from Friday 16:45 is due Monday 09:15', () => {
    // Istanbul is UTC+3. Friday 6 March 2026 16:45 = 13:45Z: 15 minutes to 17:00; closed over the weekend;
    // Monday 9 March 09:00 = 06:00Z, 15 more → 09:15 = 06:15Z. The due instant is the end of the counted time.
    expect(addBusinessTime(istanbul, at('2026-03-06T13:45:00Z'), 30)).toEqual(at('2026-03-09T06:15:00Z'));
    // Exactly the rest of Friday is due at 17:00 Friday, not at Monday's opening.
    expect(addBusinessTime(istanbul, at('2026-03-06T13:45:00Z'), 15)).toEqual(at('2026-03-06T14:00:00Z'));
    // Counting from a closed moment begins at the next opening: Saturday → Monday 09:00 + 30 = 09:30.
    expect(addBusinessTime(istanbul, at('2026-03-07T10:00:00Z'), 30)).toEqual(at('2026-03-09T06:30:00Z'));
    expect(nextOpening(istanbul, at('2026-03-07T10:00:00Z'))).toEqual(at('2026-03-09T06:00:00Z'));
    expect(nextOpening(istanbul, at('2026-03-09T07:00:00Z'))).toEqual(at('2026-03-09T07:00:00Z')); // open: itself
  });

  it('skips a one-off holiday', () => {
    // Monday 9 March 2026 is a holiday: 15 minutes on Friday, then Tuesday 10 March 09:00 (06:00Z) + 15.
    const withHoliday = mondayToFriday('09:00', '17:00', 'Europe/Istanbul', [
      { name: 'Office move', start: '2026-03-09', end: '2026-03-09', yearly: false },
    ]);
    expect(addBusinessTime(withHoliday, at('2026-03-06T13:45:00Z'), 30)).toEqual(at('2026-03-10T06:15:00Z'));
    expect(openIntervalsOn(withHoliday, '2026-03-09')).toEqual([]);
    expect(isOpen(withHoliday, at('2026-03-09T08:00:00Z'))).toBe(false);
    // The next year the same date is an ordinary Tuesday.
    expect(isOpen(withHoliday, at('2027-03-09T08:00:00Z'))).toBe(true);
  });

  it('skips a yearly holiday that wraps over New Year, in every year', () => {
    // Written once for 2020-12-31..2021-01-01. Tuesday 30 December 2025 16:30 UTC, 60 minutes: 30 to 17:00;
    // Wednesday 31 Dec and Thursday 1 Jan are holidays; Friday 2 January 2026 09:00 + 30 → 09:30.
    const newYear = mondayToFriday('09:00', '17:00', 'UTC', [{ name: 'New Year', start: '2020-12-31', end: '2021-01-01', yearly: true }]);
    expect(addBusinessTime(newYear, at('2025-12-30T16:30:00Z'), 60)).toEqual(at('2026-01-02T09:30:00Z'));
    expect(nextOpening(newYear, at('2025-12-31T08:00:00Z'))).toEqual(at('2026-01-02T09:00:00Z'));
    expect(isOpen(newYear, at('2019-12-31T10:00:00Z'))).toBe(false); // also before the year it was written in
  });

  it('counts an interval past midnight continuously', () => {
    // Monday 22:00–24:00 and Tuesday 00:00–06:00 UTC. From Monday 2 March 2026 23:00, 120 minutes: 60 to midnight,
    // 60 more → Tuesday 01:00. The whole night is 2 h + 6 h = 8 hours.
    const night: BusinessCalendar = {
      timeZone: 'UTC',
      weeklyHours: [
        { day: 'MONDAY', start: '22:00', end: '24:00' },
        { day: 'TUESDAY', start: '00:00', end: '06:00' },
      ],
    };
    expect(addBusinessTime(night, at('2026-03-02T23:00:00Z'), 120)).toEqual(at('2026-03-03T01:00:00Z'));
    expect(businessTimeBetween(night, at('2026-03-02T22:00:00Z'), at('2026-03-03T06:00:00Z'))).toBe(8 * 60 * MINUTE);
  });

  it('ALWAYS_OPEN is plain clock arithmetic', () => {
    // 12345.5 minutes = 740,730,000 ms.
    const start = at('2026-03-29T00:45:00.123Z');
    expect(addBusinessTime(ALWAYS_OPEN, start, 12_345.5)).toEqual(new Date(start.getTime() + 740_730_000));
    expect(businessTimeBetween(ALWAYS_OPEN, start, at('2026-04-01T00:00:00Z'))).toBe(at('2026-04-01T00:00:00Z').getTime() - start.getTime());
    expect(businessTimeBetween(ALWAYS_OPEN, at('2026-04-01T00:00:00Z'), start)).toBe(0);
    expect(nextOpening(ALWAYS_OPEN, start)).toEqual(start);
    expect(isOpen(ALWAYS_OPEN, start)).toBe(true);
  });

  it('a calendar that never opens has no due date', () => {
    const neverOpen: BusinessCalendar = { timeZone: 'Europe/Istanbul', weeklyHours: [] };
    expect(addBusinessTime(neverOpen, at('2026-03-06T13:45:00Z'), 30)).toBeNull();
    expect(addBusinessTime(neverOpen, at('2026-03-06T13:45:00Z'), 0)).toEqual(at('2026-03-06T13:45:00Z'));
    expect(nextOpening(neverOpen, at('2026-03-06T13:45:00Z'))).toBeNull();
    expect(businessTimeBetween(neverOpen, at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'))).toBe(0);
    // Hours, but yearly holidays over the whole year.
    const allHoliday = mondayToFriday('09:00', '17:00', 'UTC', [{ name: 'Closed', start: '2026-01-01', end: '2026-12-31', yearly: true }]);
    expect(addBusinessTime(allHoliday, at('2026-03-06T13:45:00Z'), 30)).toBeNull();
    expect(nextOpening(allHoliday, at('2026-03-06T13:45:00Z'))).toBeNull();
  });

  it('a yearly holiday on 29 February closes only in leap years', () => {
    const everyDay: BusinessCalendar = {
      ...ALWAYS_OPEN,
      holidays: [{ name: 'Leap day', start: '2024-02-29', end: '2024-02-29', yearly: true }],
    };
    expect(isOpen(everyDay, at('2028-02-29T12:00:00Z'))).toBe(false);
    expect(openIntervalsOn(everyDay, '2028-02-29')).toEqual([]);
    expect(isOpen(everyDay, at('2027-02-28T12:00:00Z'))).toBe(true);
    expect(isOpen(everyDay, at('2027-03-01T12:00:00Z'))).toBe(true);
    // 2027 has no 29 February: 28 Feb + 1 Mar are both open, 48 hours. In 2028, 29 Feb is missing: 48 of 72 hours.
    expect(businessTimeBetween(everyDay, at('2027-02-28T00:00:00Z'), at('2027-03-02T00:00:00Z'))).toBe(48 * 60 * MINUTE);
    expect(businessTimeBetween(everyDay, at('2028-02-28T00:00:00Z'), at('2028-03-02T00:00:00Z'))).toBe(48 * 60 * MINUTE);
  });
});

describe('calendar configs', () => {
  const parse = (config: unknown) => businessCalendarSchema.safeParse(config);
  const firstIssue = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) => {
    const issue = result.error?.issues[0];
    return issue && { path: issue.path.join('.'), message: issue.message };
  };

  it('merges overlapping and touching intervals into a sorted list', () => {
    const result = parse({
      timeZone: 'Europe/Istanbul',
      weeklyHours: [
        { day: 'TUESDAY', start: '13:00', end: '14:00' },
        { day: 'MONDAY', start: '11:00', end: '13:00' },
        { day: 'MONDAY', start: '09:00', end: '12:00' },
        { day: 'MONDAY', start: '13:00', end: '14:00' }, // touches 09:00–13:00
        { day: 'MONDAY', start: '15:00', end: '16:00' },
      ],
    });
    expect(result.data).toEqual({
      timeZone: 'Europe/Istanbul',
      weeklyHours: [
        { day: 'MONDAY', start: '09:00', end: '14:00' },
        { day: 'MONDAY', start: '15:00', end: '16:00' },
        { day: 'TUESDAY', start: '13:00', end: '14:00' },
      ],
      holidays: [],
    });
  });

  it('accepts holidays, trimming names and defaulting to one-off', () => {
    const result = parse({
      timeZone: 'UTC',
      weeklyHours: [{ day: 'MONDAY', start: '09:00', end: '17:00' }],
      holidays: [
        { name: '  Republic Day ', start: '2026-10-29', end: '2026-10-29' },
        { name: 'New Year', start: '2025-12-31', end: '2026-01-01', yearly: true },
      ],
    });
    expect(result.data?.holidays).toEqual([
      { name: 'Republic Day', start: '2026-10-29', end: '2026-10-29', yearly: false },
      { name: 'New Year', start: '2025-12-31', end: '2026-01-01', yearly: true },
    ]);
  });

  it('refuses bad dates, an end before the start, an over-long yearly range and an unknown zone', () => {
    const hours = [{ day: 'MONDAY', start: '09:00', end: '17:00' }];
    const withHoliday = (holiday: object) => parse({ timeZone: 'UTC', weeklyHours: hours, holidays: [holiday] });
    expect(firstIssue(withHoliday({ name: 'x', start: '2025-02-29', end: '2025-03-01' }))?.path).toBe('holidays.0.start');
    expect(firstIssue(withHoliday({ name: 'x', start: '2025-01-01', end: '2025-13-01' }))?.path).toBe('holidays.0.end');
    expect(firstIssue(withHoliday({ name: 'x', start: '1 May 2025', end: '2025-05-01' }))?.path).toBe('holidays.0.start');
    expect(firstIssue(withHoliday({ name: 'x', start: '2025-05-02', end: '2025-05-01' }))).toEqual({
      path: 'holidays.0.end',
      message: 'Must not be before the start.',
    });
    expect(firstIssue(withHoliday({ name: 'x', start: '2025-01-01', end: '2026-01-02', yearly: true }))?.path).toBe('holidays.0.end');
    expect(withHoliday({ name: 'x', start: '2025-01-01', end: '2026-01-02', yearly: false }).success).toBe(true);
    expect(firstIssue(withHoliday({ name: '   ', start: '2025-05-01', end: '2025-05-01' }))?.path).toBe('holidays.0.name');
    expect(firstIssue(withHoliday({ name: 'x', start: '2025-05-01', end: '2025-05-01', why: 1 }))?.path).toBe('holidays.0');
    expect(firstIssue(parse({ timeZone: 'Mars/Olympus', weeklyHours: hours }))?.path).toBe('timeZone');
  });

  it('an SLA calendar needs open hours, and holidays may not close it for good', () => {
    // Rule conditions may store an empty calendar (never open); an SLA calendar may not.
    expect(parse({ timeZone: 'UTC', weeklyHours: [] }).success).toBe(true);
    expect(firstIssue(slaCalendarSchema.safeParse({ timeZone: 'UTC', weeklyHours: [] }))).toEqual({
      path: 'weeklyHours',
      message: 'A business calendar needs at least one opening interval.',
    });
    const closedAllYear = {
      timeZone: 'UTC',
      weeklyHours: [{ day: 'MONDAY', start: '09:00', end: '17:00' }],
      holidays: [
        { name: 'First half', start: '2025-01-01', end: '2025-06-30', yearly: true },
        { name: 'Second half', start: '2025-07-01', end: '2025-12-31', yearly: true },
      ],
    };
    expect(firstIssue(slaCalendarSchema.safeParse(closedAllYear))).toEqual({
      path: 'holidays',
      message: 'This calendar is never open: its holidays cover every opening day.',
    });
    expect(slaCalendarSchema.safeParse({ ...closedAllYear, holidays: closedAllYear.holidays.slice(0, 1) }).success).toBe(true);
  });
});

describe('speed', () => {
  it('a year on an office calendar takes well under 5 ms, and a target under a few microseconds', () => {
    const office = mondayToFriday('09:00', '18:00', 'Europe/Istanbul');
    const [yearStart, yearEnd] = [at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z')];
    // 261 weekdays in 2026 × 9 hours.
    expect(businessTimeBetween(office, yearStart, yearEnd)).toBe(261 * 9 * 60 * MINUTE);
    const durations = Array.from({ length: 21 }, () => {
      const started = performance.now();
      businessTimeBetween({ ...office }, yearStart, yearEnd);
      return performance.now() - started;
    }).sort((a, b) => a - b);
    expect(durations[10]).toBeLessThan(5);

    const starts = Array.from({ length: 10_000 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + ((i * 7_919_123) % (365 * DAY_MINUTES)) * MINUTE));
    const started = performance.now();
    for (const start of starts) addBusinessTime(office, start, 30);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
