// Business hours: weekly wall-clock hours in an IANA zone, read at an instant — including the days the clocks jump.
import { describe, expect, it } from 'vitest';
import { type BusinessCalendar, businessCalendarSchema, isOpen, openIntervalsOn } from '../src/calendar/calendar.js';

const weekdays = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const;
const istanbulOffice: BusinessCalendar = {
  timeZone: 'Europe/Istanbul',
  weeklyHours: weekdays.map((day) => ({ day, start: '09:00', end: '17:00' })),
};
const at = (iso: string) => new Date(iso);

describe('whether a calendar is open', () => {
  it('reads the hours in the calendar’s own time zone', () => {
    // Istanbul is UTC+3 all year: 09:00 there is 06:00 UTC.
    expect(isOpen(istanbulOffice, at('2025-06-02T05:59:00Z'))).toBe(false); // Monday 08:59
    expect(isOpen(istanbulOffice, at('2025-06-02T06:00:00Z'))).toBe(true); // Monday 09:00
    expect(isOpen(istanbulOffice, at('2025-06-02T13:59:59Z'))).toBe(true); // Monday 16:59:59
    expect(isOpen(istanbulOffice, at('2025-06-02T14:00:00Z'))).toBe(false); // Monday 17:00: the end is exclusive
  });

  it('is closed on a day with no hours, and a calendar with no hours is never open', () => {
    expect(isOpen(istanbulOffice, at('2025-06-07T09:00:00Z'))).toBe(false); // Saturday noon
    expect(isOpen({ timeZone: 'UTC', weeklyHours: [] }, at('2025-06-02T12:00:00Z'))).toBe(false);
  });

  it('uses the local weekday, not the UTC one', () => {
    const sundayOnly: BusinessCalendar = { timeZone: 'Pacific/Auckland', weeklyHours: [{ day: 'SUNDAY', start: '00:00', end: '24:00' }] };
    // Saturday 20:00 UTC is already Sunday 08:00 in Auckland (UTC+12 in June).
    expect(isOpen(sundayOnly, at('2025-06-07T20:00:00Z'))).toBe(true);
    expect(isOpen(sundayOnly, at('2025-06-07T11:00:00Z'))).toBe(false);
  });

  it('opens all day with 00:00–24:00', () => {
    const allDay: BusinessCalendar = { timeZone: 'UTC', weeklyHours: [{ day: 'MONDAY', start: '00:00', end: '24:00' }] };
    expect(isOpen(allDay, at('2025-06-02T00:00:00Z'))).toBe(true);
    expect(isOpen(allDay, at('2025-06-02T23:59:59Z'))).toBe(true);
    expect(isOpen(allDay, at('2025-06-03T00:00:00Z'))).toBe(false);
  });
});

describe('the days the clocks change', () => {
  // Berlin, 30 March 2025: at 02:00 CET the clocks jump to 03:00 CEST. 26 October 2025: 03:00 CEST back to 02:00 CET.
  const berlin = (start: string, end: string): BusinessCalendar => ({
    timeZone: 'Europe/Berlin',
    weeklyHours: [{ day: 'SUNDAY', start, end }],
  });

  it('an interval across the spring-forward jump lasts as long as the wall clock says', () => {
    const night = berlin('01:00', '04:00');
    expect(openIntervalsOn(night, '2025-03-30')).toEqual([{ start: at('2025-03-30T00:00:00Z'), end: at('2025-03-30T02:00:00Z') }]);
    expect(isOpen(night, at('2025-03-29T23:59:00Z'))).toBe(false); // 00:59 CET
    expect(isOpen(night, at('2025-03-30T00:30:00Z'))).toBe(true); // 01:30 CET
    expect(isOpen(night, at('2025-03-30T01:30:00Z'))).toBe(true); // 03:30 CEST
    expect(isOpen(night, at('2025-03-30T02:00:00Z'))).toBe(false); // 04:00 CEST
  });

  it('an interval that starts in the skipped hour opens when the clocks jump', () => {
    const skipped = berlin('02:30', '03:30');
    expect(openIntervalsOn(skipped, '2025-03-30')).toEqual([{ start: at('2025-03-30T01:00:00Z'), end: at('2025-03-30T01:30:00Z') }]);
    expect(isOpen(skipped, at('2025-03-30T00:59:00Z'))).toBe(false); // 01:59 CET
    expect(isOpen(skipped, at('2025-03-30T01:00:00Z'))).toBe(true); // 03:00 CEST
    expect(isOpen(skipped, at('2025-03-30T01:30:00Z'))).toBe(false); // 03:30 CEST
  });

  it('an interval across the fall-back change lasts an hour longer', () => {
    expect(openIntervalsOn(berlin('01:00', '04:00'), '2025-10-26')).toEqual([
      { start: at('2025-10-25T23:00:00Z'), end: at('2025-10-26T03:00:00Z') },
    ]);
    // 02:30 happens twice that night; both are inside.
    expect(isOpen(berlin('02:00', '03:00'), at('2025-10-26T00:30:00Z'))).toBe(true);
    expect(isOpen(berlin('02:00', '03:00'), at('2025-10-26T01:30:00Z'))).toBe(true);
  });

  it('24:00 on a 23-hour day is the next midnight', () => {
    expect(openIntervalsOn(berlin('00:00', '24:00'), '2025-03-30')).toEqual([
      { start: at('2025-03-29T23:00:00Z'), end: at('2025-03-30T22:00:00Z') },
    ]);
  });
});

describe('calendar configs', () => {
  it('accepts weekly hours in an IANA zone', () => {
    expect(businessCalendarSchema.safeParse(istanbulOffice).success).toBe(true);
  });

  it('refuses an unknown zone, a bad time and an interval that ends before it starts', () => {
    const problems = [
      { timeZone: 'Mars/Olympus', weeklyHours: [] },
      { timeZone: 'UTC', weeklyHours: [{ day: 'MONDAY', start: '9am', end: '17:00' }] },
      { timeZone: 'UTC', weeklyHours: [{ day: 'MONDAY', start: '17:00', end: '09:00' }] },
      { timeZone: 'UTC', weeklyHours: [{ day: 'FUNDAY', start: '09:00', end: '17:00' }] },
    ].map((config) => businessCalendarSchema.safeParse(config).error?.issues[0]?.path.join('.'));
    expect(problems).toEqual(['timeZone', 'weeklyHours.0.start', 'weeklyHours.0.end', 'weeklyHours.0.day']);
  });
});
